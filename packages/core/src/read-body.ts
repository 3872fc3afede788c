/**
 * Reads a request body without trusting its size: stops (and cancels the stream) as soon as
 * more than `limit` bytes arrived, so an oversized or endless body never fills memory.
 * Runtime-neutral (`ReadableStream`); transports and the OAuth endpoints decide how to
 * decode the bytes and what status an oversized body gets.
 * @see https://fetch.spec.whatwg.org/#concept-body
 */

/**
 * The bytes of `stream` (empty for `null`), or `undefined` when they exceed `limit` bytes;
 * the rest of the stream is then cancelled, not read. A failing stream rejects with its error.
 */
export async function readBodyWithLimit(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | undefined> {
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
