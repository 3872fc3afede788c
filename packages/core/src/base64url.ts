/**
 * Base64 helpers over `btoa`/`atob` (runtime-neutral; no `Buffer`). The URL-safe form has no
 * padding and is what signed tokens (`requestState`, presigned links) are made of.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-5
 */

const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes as unpadded base64url (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Decodes unpadded base64url. Returns `undefined` for characters outside the alphabet or an
 * impossible length, so callers treat the input as malformed rather than crash.
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!BASE64URL_ALPHABET.test(text)) return undefined;
  return decodeBase64(text.replace(/-/g, "+").replace(/_/g, "/"));
}

/** Decodes standard base64 (`atob` rules); `undefined` when `atob` refuses it. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
