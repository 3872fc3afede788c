/**
 * Base64 with Web APIs only (`atob`/`btoa`, no `Buffer`), strict on input: Lambda hands us
 * `isBase64Encoded` bodies, and garbage there must be a 400, not a silently mangled body.
 */

const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes standard base64 (RFC 4648 §4); `undefined` when `text` is not valid base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !STANDARD_BASE64.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The largest number of bytes `text` can decode to, for size checks before decoding. */
export function decodedLength(text: string): number {
  return Math.floor((text.length * 3) / 4);
}

const CHUNK = 0x8000;

/** Encodes bytes as standard base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}
