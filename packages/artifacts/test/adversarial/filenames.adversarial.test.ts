/**
 * Regression: artifact file names were not normalised and admitted bidi overrides and
 * invisible characters. Names are NFKC-normalised; traversal in any spelling, bidi
 * controls, invisible and control characters, drive letters and over-long names are
 * refused with `invalid_filename` and a reason.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArtifactStore, createArtifactStorage, isArtifactError, normalizeFilename } from "../../src/index.js";

const REFUSED: Array<[string, RegExp]> = [
  ["../etc/passwd", /path separator/],
  ["..", /relative path segment/],
  ["...", /relative path segment/],
  ["/etc/passwd", /path separator/],
  ["C:\\Windows\\win.ini", /path separator/],
  ["C:evil.txt", /drive letter/],
  ["a\\b.txt", /path separator/],
  ["%2e%2e", /percent-encoded/],
  ["%2E%2E%2Fsecret", /percent-encoded/],
  ["x%2fy", /percent-encoded/],
  ["nul\u0000byte.txt", /control character U\+0000/],
  ["line\nbreak.txt", /control character U\+000A/],
  ["c1\u0085.txt", /control character U\+0085/],
  ["report\u202Efdp.exe", /bidirectional control U\+202E/],
  ["isolate\u2066x\u2069.txt", /bidirectional control U\+2066/],
  ["mark\u200F.txt", /bidirectional control U\+200F/],
  ["zero\u200Bwidth.txt", /invisible or control character U\+200B/],
  ["\uFEFFbom.txt", /invisible or control character U\+FEFF/],
  ["word\u2060joiner.txt", /invisible or control character U\+2060/],
  ["soft\u00ADhyphen.txt", /invisible or control character U\+00AD/],
  ["hangul\u3164filler.txt", /invisible or control character U\+(3164|1160)/], // NFKC folds U+3164 to U+1160
  ["sep\u2028line.txt", /invisible or control character U\+2028/],
  ["lone\uD800.txt", /unpaired surrogate/],
  ["\uFF0E\uFF0E\uFF0Fx", /path separator/], // fullwidth "../" folds to "../" under NFKC
  ["a\uFF3Cb", /path separator/], // fullwidth backslash
  ["\uFE52\uFE52", /relative path segment/], // small full stops
  [" padded.txt", /whitespace/],
  ["", /empty/],
  ["\t", /control character U\+0009/],
  ["   ", /empty/],
  ["é".repeat(128), /longer than 255 bytes/],
];

describe("artifact file names (regression: no normalisation, bidi and invisible characters accepted)", () => {
  it.each(REFUSED)("refuses %j with invalid_filename", (name, reason) => {
    let thrown: unknown;
    try {
      normalizeFilename(name);
    } catch (error) {
      thrown = error;
    }
    expect(isArtifactError(thrown, "invalid_filename")).toBe(true);
    expect((thrown as Error).message).toMatch(reason);
    expect((thrown as Error).message).toMatch(/Use a plain name/);
  });

  it("stores the NFKC form: fullwidth and ligature spellings become plain names", async () => {
    const store = new ArtifactStore({ storage: await createArtifactStorage({ provider: "memory" }) });
    const written = await store.write("x", { sessionId: "s1", filename: "\uFF52\uFF45\uFF50\uFF4F\uFF52\uFF54.pdf" });
    expect(written.filename).toBe("report.pdf");
    expect((await store.write("x", { sessionId: "s1", filename: "\uFB01le.txt" })).filename).toBe("file.txt");
    await expect(store.write("x", { sessionId: "s1", filename: "a\u202Eb" })).rejects.toMatchObject({ code: "invalid_filename" });
    const copied = store.copy(written.id, { sessionId: "s1" }, { filename: "..\uFF0Fup" });
    await expect(copied).rejects.toMatchObject({ code: "invalid_filename" });
    await expect(store.move(written.id, { sessionId: "s1" }, { filename: "x\u200By" })).rejects.toMatchObject({ code: "invalid_filename" });
    expect((await store.metadata(written.id, { sessionId: "s1" })).filename).toBe("report.pdf");
  });

  it("accepts ordinary names in any script, unchanged", () => {
    for (const name of ["report.pdf", "Q3 revenue (final).xlsx", "日本語のファイル.txt", "über-größe.csv", "файл.md", "a..b.txt", "%20space.txt"]) {
      expect(normalizeFilename(name), name).toBe(name);
    }
  });

  it("only ever accepts names that are NFKC, trimmed, short, and free of separators and invisible characters (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (candidate) => {
        let accepted: string | undefined;
        try {
          accepted = normalizeFilename(candidate);
        } catch (error) {
          expect(isArtifactError(error, "invalid_filename")).toBe(true);
          return;
        }
        expect(accepted.normalize("NFKC")).toBe(accepted);
        expect(accepted).toBe(accepted.trim());
        expect(accepted).not.toMatch(/[/\\\p{Cc}\p{Cf}\p{Cs}]/u);
        expect(accepted).not.toMatch(/^\.+$/);
        expect(new TextEncoder().encode(accepted).byteLength).toBeLessThanOrEqual(255);
      }),
      { numRuns: 3_000 },
    );
  });
});
