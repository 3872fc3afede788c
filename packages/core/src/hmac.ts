/**
 * HMAC-SHA256 signing over Web Crypto (`crypto.subtle`), shared by everything that hands a
 * client a token it must echo back unchanged: 2026 `requestState`, presigned artifact links.
 * Verification goes through `crypto.subtle.verify`, which compares in constant time.
 * @see https://www.rfc-editor.org/rfc/rfc2104
 * @see https://modelcontextprotocol.io/specification/draft/basic/utilities/input-required
 */
import { decodeBase64Url, encodeBase64Url } from "./base64url.js";

/** Signs data with one secret and checks signatures made with it. */
export interface HmacSigner {
  /** The HMAC-SHA256 of `data` (UTF-8 for strings), as unpadded base64url. */
  sign(data: string | Uint8Array): Promise<string>;
  /** True when `signature` (base64url) is the HMAC of `data`; false for a malformed signature too. */
  verify(data: string | Uint8Array, signature: string): Promise<boolean>;
}

const encoder = new TextEncoder();

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? encoder.encode(data) : data;
}

/**
 * Creates a signer. A string secret is used as its UTF-8 bytes; with no secret, 32 random
 * bytes are drawn, so signatures only verify within this process. The key is imported once,
 * on first use.
 */
export function createHmacSigner(secret?: string | Uint8Array): HmacSigner {
  let keyPromise: Promise<CryptoKey> | undefined;
  const key = (): Promise<CryptoKey> => {
    keyPromise ??= (async () => {
      const raw = secret === undefined ? crypto.getRandomValues(new Uint8Array(32)) : bytesOf(secret);
      return crypto.subtle.importKey("raw", raw as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    })();
    return keyPromise;
  };
  return {
    async sign(data) {
      const signature = await crypto.subtle.sign("HMAC", await key(), bytesOf(data) as BufferSource);
      return encodeBase64Url(new Uint8Array(signature));
    },
    async verify(data, signature) {
      if (typeof signature !== "string") return false;
      const signatureBytes = decodeBase64Url(signature);
      if (signatureBytes === undefined) return false;
      return crypto.subtle.verify("HMAC", await key(), signatureBytes as BufferSource, bytesOf(data) as BufferSource);
    },
  };
}
