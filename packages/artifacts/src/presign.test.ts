import { createHmacSigner } from "@chuk-mcp/core";
import { describe, expect, it } from "vitest";
import { isArtifactError } from "./errors.js";
import { signPresignedToken, verifyPresignedToken } from "./presign.js";

const SECRET = "a-presign-secret-of-32-characters";
const claims = { id: "art_1", ownerKey: "owner-hash", expiresAt: 2_000_000_000_000 };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return isArtifactError(error) ? error.code : undefined;
}

describe("presigned tokens", () => {
  it("round-trips the claims through v1.<payload>.<signature>", async () => {
    const token = await signPresignedToken(claims, SECRET);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyPresignedToken(token, SECRET, claims.expiresAt - 1)).toEqual(claims);
  });

  it("signs with core's HMAC signer over the v1.<payload> prefix", async () => {
    const token = await signPresignedToken(claims, new TextEncoder().encode(SECRET));
    const signed = token.slice(0, token.lastIndexOf("."));
    expect(await createHmacSigner(SECRET).verify(signed, token.slice(token.lastIndexOf(".") + 1))).toBe(true);
  });

  it("refuses tampered payloads, foreign signatures and malformed tokens as invalid_token", async () => {
    const token = await signPresignedToken(claims, SECRET);
    const [, payload, signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ i: "art_2", o: "owner-hash", e: claims.expiresAt })).toString("base64url");
    const now = claims.expiresAt - 1;
    expect(await codeOf(verifyPresignedToken(`v1.${forgedPayload}.${signature}`, SECRET, now))).toBe("invalid_token");
    expect(await codeOf(verifyPresignedToken(token, "another-secret-of-enough-length", now))).toBe("invalid_token");
    for (const malformed of ["", "v1", `v2.${payload}.${signature}`, `v1.${payload}.${signature}.x`, `v1.${payload}.!!!`, `v1.${payload}.a`, "x".repeat(2_049)]) {
      expect(await codeOf(verifyPresignedToken(malformed, SECRET, now))).toBe("invalid_token");
    }
  });

  it("refuses an expired token with token_expired", async () => {
    const token = await signPresignedToken(claims, SECRET);
    expect(await codeOf(verifyPresignedToken(token, SECRET, claims.expiresAt))).toBe("token_expired");
  });

  it("refuses secrets shorter than 16 bytes with invalid_argument", async () => {
    expect(await codeOf(signPresignedToken(claims, "short"))).toBe("invalid_argument");
    const token = await signPresignedToken(claims, SECRET);
    expect(await codeOf(verifyPresignedToken(token, new Uint8Array(15)))).toBe("invalid_argument");
  });
});
