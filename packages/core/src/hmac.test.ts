import { describe, expect, it } from "vitest";
import { createHmacSigner, decodeBase64Url, encodeBase64Url } from "./index.js";

const RFC4231_CASE_2 = {
  key: "Jefe",
  data: "what do ya want for nothing?",
  hex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
};

function hexOf(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

describe("createHmacSigner", () => {
  it("produces the RFC 4231 HMAC-SHA256 test vector as unpadded base64url", async () => {
    const signature = await createHmacSigner(RFC4231_CASE_2.key).sign(RFC4231_CASE_2.data);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hexOf(decodeBase64Url(signature)!)).toBe(RFC4231_CASE_2.hex);
  });

  it("signs strings as their UTF-8 bytes, so both forms verify", async () => {
    const signer = createHmacSigner(new TextEncoder().encode("secret"));
    const signature = await signer.sign("héllo");
    expect(await signer.verify(new TextEncoder().encode("héllo"), signature)).toBe(true);
    expect(await createHmacSigner("secret").verify("héllo", signature)).toBe(true);
  });

  it("rejects altered data, a signature from another key and malformed signatures", async () => {
    const signer = createHmacSigner("k1");
    const signature = await signer.sign("payload");
    expect(await signer.verify("payload", signature)).toBe(true);
    expect(await signer.verify("payloaD", signature)).toBe(false);
    expect(await createHmacSigner("k2").verify("payload", signature)).toBe(false);
    expect(await signer.verify("payload", `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`)).toBe(false);
    expect(await signer.verify("payload", "not base64url!")).toBe(false);
    expect(await signer.verify("payload", "")).toBe(false);
    expect(await signer.verify("payload", 42 as unknown as string)).toBe(false);
  });

  it("draws a random key per signer when no secret is given", async () => {
    const first = createHmacSigner();
    const signature = await first.sign("data");
    expect(await first.verify("data", signature)).toBe(true);
    expect(await createHmacSigner().verify("data", signature)).toBe(false);
  });
});

describe("base64url", () => {
  it("round-trips every byte value without padding or +/ characters", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    const text = encodeBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeBase64Url(text)).toEqual(bytes);
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
  });

  it("returns undefined for characters outside the alphabet and impossible lengths", () => {
    expect(decodeBase64Url("ab+c")).toBeUndefined();
    expect(decodeBase64Url("abc=")).toBeUndefined();
    expect(decodeBase64Url("abcde")).toBeUndefined();
    expect(decodeBase64Url("")).toEqual(new Uint8Array(0));
  });
});
