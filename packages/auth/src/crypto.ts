/**
 * Small Web Crypto helpers (runtime-neutral: `crypto.subtle`, `crypto.getRandomValues`).
 * Secrets at rest are hashed (SHA-256 of high-entropy tokens) or encrypted (AES-256-GCM).
 */
import { decodeBase64Url, encodeBase64Url } from "@chuk-mcp/core";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Base64url without padding: `@chuk-mcp/core`'s encoder. */
export const base64UrlEncode: (bytes: Uint8Array) => string = encodeBase64Url;

/** Decodes base64url (no padding needed); throws on invalid characters or an impossible length. */
export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> {
  const bytes = decodeBase64Url(text);
  if (bytes === undefined) throw new TypeError("not base64url");
  return bytes;
}

/** A random base64url string of `byteLength` random bytes (default 32 = 256 bits). */
export function randomToken(byteLength = 32): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** SHA-256 of a UTF-8 string, base64url: how codes, refresh tokens and client secrets are stored. */
export async function sha256(text: string): Promise<string> {
  return base64UrlEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

/** Constant-time comparison of two strings. */
export function timingSafeEqual(left: string, right: string): boolean {
  const a = encoder.encode(left);
  const b = encoder.encode(right);
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

/** Keys derived once from the server secret: HMAC for CSRF/state, AES-GCM for tokens at rest. */
export interface SecretKeys {
  sign(data: string): Promise<string>;
  encrypt(plaintext: string): Promise<string>;
  decrypt(ciphertext: string): Promise<string>;
}

async function deriveBytes(secret: string, label: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(`${label}\u0000${secret}`)));
}

/** Derives separate HMAC and AES keys from one secret string. */
export async function deriveSecretKeys(secret: string): Promise<SecretKeys> {
  const hmacKey = await crypto.subtle.importKey(
    "raw",
    await deriveBytes(secret, "chuk-mcp-auth/hmac"),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const aesKey = await crypto.subtle.importKey(
    "raw",
    await deriveBytes(secret, "chuk-mcp-auth/aes-gcm"),
    { name: "AES-GCM" },
    false,
    ["encrypt", "decrypt"],
  );
  return {
    async sign(data) {
      return base64UrlEncode(new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, encoder.encode(data))));
    },
    async encrypt(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, aesKey, encoder.encode(plaintext)));
      return `${base64UrlEncode(iv)}.${base64UrlEncode(sealed)}`;
    },
    async decrypt(ciphertext) {
      const [iv, sealed] = ciphertext.split(".");
      if (!iv || !sealed) throw new TypeError("malformed ciphertext");
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: base64UrlDecode(iv) },
        aesKey,
        base64UrlDecode(sealed),
      );
      return decoder.decode(plain);
    },
  };
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64UrlEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(verifier))));
}
