import { createHmacSigner, decodeBase64Url, encodeBase64Url, type HmacSigner } from "@chuk-mcp/core";
import { ArtifactError } from "./errors.js";

/** What a presigned token grants: one artifact, one owner, until `expiresAt`. */
export interface PresignedClaims {
  id: string;
  /** Storage key of the owner (hashed), so the token finds the artifact without a caller. */
  ownerKey: string;
  expiresAt: number;
}

const encoder = new TextEncoder();

/** The shared HMAC-SHA256 signer, once the secret passed the length policy for download links. */
function signerFor(secret: string | Uint8Array): HmacSigner {
  const byteLength = typeof secret === "string" ? encoder.encode(secret).byteLength : secret.byteLength;
  if (byteLength < 16) {
    throw new ArtifactError("invalid_argument", "The presign secret must be at least 16 bytes; set ARTIFACT_PRESIGN_SECRET to a long random value.");
  }
  return createHmacSigner(secret);
}

/** Signs claims into `v1.<payload>.<HMAC-SHA256>` (base64url parts, URL-safe). */
export async function signPresignedToken(claims: PresignedClaims, secret: string | Uint8Array): Promise<string> {
  const payload = encodeBase64Url(encoder.encode(JSON.stringify({ i: claims.id, o: claims.ownerKey, e: claims.expiresAt })));
  const signed = `v1.${payload}`;
  return `${signed}.${await signerFor(secret).sign(signed)}`;
}

/**
 * Checks a presigned token's signature (constant-time, via core's `createHmacSigner`) and expiry.
 * Throws `invalid_token` for anything forged or malformed and `token_expired` after expiry.
 */
export async function verifyPresignedToken(token: string, secret: string | Uint8Array, now: number = Date.now()): Promise<PresignedClaims> {
  const invalid = () => new ArtifactError("invalid_token", "The download token is malformed or its signature does not match; ask for a new presigned link.");
  if (typeof token !== "string" || token.length > 2_048) throw invalid();
  const [version, payload, signature, ...rest] = token.split(".");
  if (version !== "v1" || !payload || !signature || rest.length > 0) throw invalid();
  if (decodeBase64Url(signature) === undefined) throw invalid();
  if (!(await signerFor(secret).verify(`v1.${payload}`, signature))) throw invalid();
  let claims: { i?: unknown; o?: unknown; e?: unknown };
  try {
    claims = JSON.parse(new TextDecoder().decode(decodeBase64Url(payload))) as typeof claims;
  } catch (cause) {
    throw new ArtifactError("invalid_token", "The download token payload is not readable; ask for a new presigned link.", { cause });
  }
  if (typeof claims.i !== "string" || typeof claims.o !== "string" || typeof claims.e !== "number") throw invalid();
  if (claims.e <= now) {
    throw new ArtifactError("token_expired", `The download token expired at ${new Date(claims.e).toISOString()}; ask for a new presigned link.`);
  }
  return { id: claims.i, ownerKey: claims.o, expiresAt: claims.e };
}
