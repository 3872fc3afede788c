import { describe, expect, it } from "vitest";
import { readBodyWithLimit } from "./index.js";

const encoder = new TextEncoder();

function streamOf(chunks: Uint8Array[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
    cancel: () => onCancel?.(),
  });
}

describe("readBodyWithLimit", () => {
  it("joins the chunks of a body within the limit", async () => {
    const bytes = await readBodyWithLimit(streamOf([encoder.encode("hel"), encoder.encode("lo")]), 5);
    expect(new TextDecoder().decode(bytes)).toBe("hello");
  });

  it("reads a missing body as empty bytes", async () => {
    expect(await readBodyWithLimit(null, 0)).toEqual(new Uint8Array(0));
    expect(await readBodyWithLimit(new Request("http://127.0.0.1/", { method: "POST" }).body, 10)).toEqual(new Uint8Array(0));
  });

  it("stops at the first chunk past the limit and cancels the rest of the stream", async () => {
    let cancelled = false;
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel: () => {
        cancelled = true;
      },
    });
    expect(await readBodyWithLimit(endless, 4096)).toBeUndefined();
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it("counts bytes, not characters", async () => {
    const text = encoder.encode("é".repeat(3));
    expect(await readBodyWithLimit(streamOf([text]), 5)).toBeUndefined();
    expect(await readBodyWithLimit(streamOf([text]), 6)).toEqual(text);
  });

  it("rejects with the stream's own error when reading fails", async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("connection reset"));
      },
    });
    await expect(readBodyWithLimit(failing, 100)).rejects.toThrow("connection reset");
  });
});
