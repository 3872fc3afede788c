import { ArtifactError } from "./errors.js";

/** What a presigned token grants: one artifact, one owner, until `expiresAt`. */
export interface PresignedClaims {
  id: string;
  /** Storage key of the owner (hashed), so the token finds the artifact without a caller. */
  ownerKey: string;
  expiresAt: number;
}

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function hmacKey(secret: string | Uint8Array): Promise<CryptoKey> {
  const raw = typeof secret === "string" ? encoder.encode(secret) : secret;
  if (raw.byteLength < 16) {
    throw new ArtifactError("invalid_argument", "The presign secret must be at least 16 bytes; set ARTIFACT_PRESIGN_SECRET to a long random value.");
  }
  return crypto.subtle.importKey("raw", raw as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** Signs claims into `v1.<payload>.<HMAC-SHA256>` (base64url parts, URL-safe). */
export async function signPresignedToken(claims: PresignedClaims, secret: string | Uint8Array): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify({ i: claims.id, o: claims.ownerKey, e: claims.expiresAt })));
  const signed = `v1.${payload}`;
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(signed)));
  return `${signed}.${toBase64Url(signature)}`;
}

/**
 * Checks a presigned token's signature (constant-time, via Web Crypto) and expiry.
 * Throws `invalid_token` for anything forged or malformed and `token_expired` after expiry.
 */
export async function verifyPresignedToken(token: string, secret: string | Uint8Array, now: number = Date.now()): Promise<PresignedClaims> {
  const invalid = () => new ArtifactError("invalid_token", "The download token is malformed or its signature does not match; ask for a new presigned link.");
  if (typeof token !== "string" || token.length > 2_048) throw invalid();
  const [version, payload, signature, ...rest] = token.split(".");
  if (version !== "v1" || !payload || !signature || rest.length > 0) throw invalid();
  const signatureBytes = fromBase64Url(signature);
  if (!signatureBytes) throw invalid();
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), signatureBytes as Uint8Array<ArrayBuffer>, encoder.encode(`v1.${payload}`));
  if (!valid) throw invalid();
  let claims: { i?: unknown; o?: unknown; e?: unknown };
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as typeof claims;
  } catch (cause) {
    throw new ArtifactError("invalid_token", "The download token payload is not readable; ask for a new presigned link.", { cause });
  }
  if (typeof claims.i !== "string" || typeof claims.o !== "string" || typeof claims.e !== "number") throw invalid();
  if (claims.e <= now) {
    throw new ArtifactError("token_expired", `The download token expired at ${new Date(claims.e).toISOString()}; ask for a new presigned link.`);
  }
  return { id: claims.i, ownerKey: claims.o, expiresAt: claims.e };
}
