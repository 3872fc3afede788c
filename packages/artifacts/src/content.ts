import { ArtifactError } from "./errors.js";

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function tooLarge(maxBytes: number): ArtifactError {
  return new ArtifactError("content_too_large", `Content is larger than the ${maxBytes}-byte limit; split it or raise maxBytes (ARTIFACT_MAX_BYTES).`);
}

/**
 * Decodes standard base64 (RFC 4648 §4, padded; line breaks allowed). Anything else,
 * including base64url, throws `invalid_base64` rather than decoding garbage.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-4
 */
export function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/[\r\n]/g, "");
  if (!STRICT_BASE64.test(compact)) {
    throw new ArtifactError("invalid_base64", "Content is not valid base64: use the standard alphabet (A-Z a-z 0-9 + /) with = padding to a multiple of 4 characters.");
  }
  const binary = atob(compact);
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/** Bytes of a stream, cancelling it as soon as it passes `maxBytes`. */
async function readStream(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) {
        throw new ArtifactError("invalid_argument", "A content stream must yield Uint8Array chunks; encode strings with TextEncoderStream first.");
      }
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof ArtifactError) throw error;
    throw new ArtifactError("invalid_argument", "Reading the content stream failed; nothing was stored.", { cause: error });
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Turns any accepted content into bytes, enforcing `maxBytes` before anything is stored.
 * The result is a private copy: later changes to the caller's buffer cannot alter it.
 */
export async function toBytes(content: unknown, encoding: "utf8" | "base64", maxBytes: number): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (typeof content === "string") {
    // Cheap upper bounds first, so a huge string is refused before it is encoded.
    if ((encoding === "base64" ? Math.floor((content.length * 3) / 4) - 2 : content.length) > maxBytes) throw tooLarge(maxBytes);
    bytes = encoding === "base64" ? decodeBase64(content) : new TextEncoder().encode(content);
  } else if (content instanceof Uint8Array) {
    bytes = content.slice();
  } else if (content instanceof ArrayBuffer) {
    bytes = new Uint8Array(content.slice(0));
  } else if (ArrayBuffer.isView(content)) {
    bytes = new Uint8Array(content.buffer, content.byteOffset, content.byteLength).slice();
  } else if (typeof Blob !== "undefined" && content instanceof Blob) {
    if (content.size > maxBytes) throw tooLarge(maxBytes);
    bytes = new Uint8Array(await content.arrayBuffer());
  } else if (typeof ReadableStream !== "undefined" && content instanceof ReadableStream) {
    return readStream(content as ReadableStream<Uint8Array>, maxBytes);
  } else {
    throw new ArtifactError("invalid_argument", `Unsupported content type ${content === null ? "null" : typeof content}: pass a string, Uint8Array, ArrayBuffer, Blob or ReadableStream.`);
  }
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return bytes;
}

/** Normalises what unstorage drivers return for raw items (Buffer, ArrayBuffer, Uint8Array). */
export function asUint8Array(value: unknown): Uint8Array | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (typeof value === "string") return new TextEncoder().encode(value);
  return undefined;
}

/** Lower-case hex SHA-256 (Web Crypto). */
export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const digest = await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
