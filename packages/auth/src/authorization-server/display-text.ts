/**
 * Strings a client chooses that the consent page shows to the user (client name, scopes):
 * NFKC-normalised, and refused when they carry characters that make text look like
 * something else: bidirectional overrides and isolates, zero-width and other invisible
 * characters, controls, unpaired surrogates. The page escapes them as HTML on top of this.
 * @see https://www.unicode.org/reports/tr36/ (Unicode security considerations)
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3 (scope syntax)
 */
import { OAuthError } from "../errors.js";

/** Invisible, formatting and bidi-control code points (Cc, Cf and the fillers that render as nothing). */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/u;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** NFKC-normalises a display string and refuses invisible or bidi-control characters. */
export function normalizeDisplayText(value: string, field: string, maxLength: number): string {
  if (LONE_SURROGATE.test(value)) {
    throw new OAuthError("invalid_client_metadata", `${field} contains an unpaired surrogate; send well-formed UTF-16 text`);
  }
  const normalized = value.normalize("NFKC");
  // Checked before trimming: trim() would quietly drop a leading U+FEFF.
  const found = INVISIBLE.exec(normalized);
  if (found) {
    throw new OAuthError(
      "invalid_client_metadata",
      `${field} contains the invisible or bidirectional control character ${codePoint(found[0])}; remove it (it could disguise the text on the consent page)`,
    );
  }
  const trimmed = normalized.trim();
  if (trimmed.length > maxLength) throw new OAuthError("invalid_client_metadata", `${field} must be at most ${maxLength} characters`);
  return trimmed;
}

/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** True when every token of a scope string is a valid RFC 6749 scope-token. */
export function isValidScopeString(scope: string): boolean {
  return scope.split(" ").every((token) => token === "" || SCOPE_TOKEN.test(token));
}
