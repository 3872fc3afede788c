/**
 * Artifact display names. They never become storage paths, but clients save, show and link
 * them, so a name is NFKC-normalised and refused (`invalid_filename`, with the reason) when it
 * could mislead or escape: bidi overrides and other invisible format characters (a name that
 * reads `report‮fdp.exe` differently than it is), control characters, path separators,
 * traversal in any spelling (`..`, `%2e%2e`, `%2f`), drive letters, and names over 255 bytes.
 * @see https://www.unicode.org/reports/tr15/ (NFKC)
 * @see https://www.unicode.org/reports/tr9/#Explicit_Directional_Overrides
 */
import { ArtifactError } from "./errors.js";

/** Format (Cf: bidi controls, zero-width, BOM, soft hyphen…), control (Cc), surrogate and line/paragraph separators. */
const INVISIBLE_OR_CONTROL = /[\p{Cf}\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const ENCODED_TRAVERSAL = /%(2e|2f|5c|00)/i;
const DRIVE = /^[A-Za-z]:/;
const MAX_BYTES = 255;
const encoder = new TextEncoder();

function describe(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The stored form of a filename (NFKC), or `invalid_filename` saying what to fix. The
 * checks run on the normalised form, so compatibility spellings (`．．／`, fullwidth
 * solidus) cannot slip past them.
 */
export function normalizeFilename(filename: unknown): string {
  const shown = JSON.stringify(String(filename).slice(0, 80));
  const fail = (reason: string): never => {
    throw new ArtifactError("invalid_filename", `Invalid filename ${shown}: ${reason}. Use a plain name like "report.pdf".`);
  };
  if (typeof filename !== "string") return fail("it is not a string");
  if (/\p{Cs}/u.test(filename)) return fail("it contains an unpaired surrogate");
  const name = filename.normalize("NFKC");
  if (encoder.encode(name).byteLength > MAX_BYTES) return fail(`it is longer than ${MAX_BYTES} bytes`);
  const bidi = BIDI.exec(name);
  if (bidi !== null) return fail(`it contains the bidirectional control ${describe(bidi[0])}, which makes it display differently than it is`);
  const hidden = INVISIBLE_OR_CONTROL.exec(name);
  if (hidden !== null) return fail(`it contains the invisible or control character ${describe(hidden[0])}`);
  if (name.trim().length === 0) return fail("it is empty");
  if (name !== name.trim()) return fail("it starts or ends with whitespace");
  if (name.includes("/") || name.includes("\\")) return fail("it contains a path separator");
  if (/^\.+$/.test(name)) return fail("it is a relative path segment");
  if (ENCODED_TRAVERSAL.test(name)) return fail("it contains a percent-encoded dot, slash, backslash or NUL");
  if (DRIVE.test(name)) return fail("it starts with a drive letter");
  return name;
}

/** Throws `invalid_filename` unless `filename` is acceptable and already in its stored (NFKC) form. */
export function assertFilename(filename: unknown): asserts filename is string {
  const normalized = normalizeFilename(filename);
  if (normalized !== filename) {
    throw new ArtifactError("invalid_filename", `Invalid filename ${JSON.stringify(String(filename).slice(0, 80))}: it is not NFKC-normalised; use ${JSON.stringify(normalized)}.`);
  }
}
