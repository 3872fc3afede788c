import { describe, expect, it } from "vitest";
import { decodeBase64, sha256Hex, toBytes } from "./content.js";
import { isArtifactError } from "./errors.js";

describe("decodeBase64", () => {
  it("decodes padded standard base64, allowing line breaks", () => {
    expect([...decodeBase64("AAEC\r\n/w==")]).toEqual([0, 1, 2, 255]);
    expect([...decodeBase64("")]).toEqual([]);
  });

  it("refuses base64url, missing padding, stray characters and spaces with invalid_base64", () => {
    for (const bad of ["AAEC_w==", "AAE", "AA=A", "AAEC/w== ", "Zm9v!", "===="]) {
      let error: unknown;
      try {
        decodeBase64(bad);
      } catch (caught) {
        error = caught;
      }
      expect(isArtifactError(error, "invalid_base64"), bad).toBe(true);
    }
  });
});

describe("toBytes", () => {
  it("copies caller buffers so later mutation cannot change stored content", async () => {
    const source = new Uint8Array([1, 2, 3]);
    const bytes = await toBytes(source, "utf8", 10);
    source[0] = 9;
    expect([...bytes]).toEqual([1, 2, 3]);
    expect([...(await toBytes(new DataView(new Uint8Array([4, 5]).buffer), "utf8", 10))]).toEqual([4, 5]);
  });

  it("cancels a stream as soon as it passes the limit", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(4)),
      cancel: () => {
        cancelled = true;
      },
    });
    await expect(toBytes(stream, "utf8", 10)).rejects.toMatchObject({ code: "content_too_large" });
    expect(cancelled).toBe(true);
  });

  it("rejects streams of non-byte chunks", async () => {
    const stream = new ReadableStream({ start: (controller) => controller.enqueue("text") });
    await expect(toBytes(stream, "utf8", 10)).rejects.toMatchObject({ code: "invalid_argument" });
  });
});

describe("sha256Hex", () => {
  it("matches the published SHA-256 of 'abc'", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
