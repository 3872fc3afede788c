/**
 * A seeded fuzzer over every OAuth endpoint and the bearer check: random parameter names
 * (prototype members included), values (huge, control characters, bidi, JSON fragments) and
 * content types. Every answer must be a 4xx (JSON where the endpoint speaks JSON, a page
 * where it shows one), never a 5xx, a crash or a hang. Seeds are fixed, so a failure replays.
 */
import { describe, expect, it } from "vitest";
import { createResourceServer } from "../../src/index.js";
import { ISSUER, register, RESOURCE, testServer } from "../oauth-helpers.js";

/** xorshift32: small, deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const NAMES = [
  "grant_type", "code", "code_verifier", "redirect_uri", "client_id", "client_secret", "refresh_token", "scope", "resource",
  "response_type", "code_challenge", "code_challenge_method", "state", "token", "token_type_hint", "request_id", "csrf_token",
  "decision", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "", "a[b]", "%00",
];
const VALUES = [
  "", " ", "authorization_code", "refresh_token", "S256", "plain", "code", "approve", "__proto__", "constructor",
  "http://127.0.0.1:7777/callback", "javascript:alert(1)", "https://evil.example/cb", RESOURCE, "\u202Eevil", "\u0000",
  "a".repeat(70_000), "x".repeat(43), "{\"a\":1}", "%ZZ", "\uD800", "null", "[]", "0", "-1", "1e309",
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function randomForm(next: () => number): URLSearchParams {
  const form = new URLSearchParams();
  const count = Math.floor(next() * 8);
  for (let index = 0; index < count; index++) form.append(pick(next, NAMES), pick(next, VALUES));
  return form;
}

const CONTENT_TYPES = ["application/x-www-form-urlencoded", "application/json", "text/plain", "", "application/x-www-form-urlencoded; charset=utf-16"];

describe("fuzzing the OAuth endpoints", () => {
  it("answers 600 random token, revoke, register, authorize and consent requests without a 5xx", async () => {
    const as = testServer({ registrationLimits: { perAddressLimit: 10_000 } });
    const clientId = (await register(as))["client_id"] as string;
    const next = random(0xc0ffee);
    const statuses = new Map<number, number>();
    for (let round = 0; round < 600; round++) {
      const form = randomForm(next);
      if (next() < 0.5) form.set("client_id", clientId);
      const endpoint = pick(next, ["token", "revoke", "register", "authorize", "authorize-post", "consent"] as const);
      let response: Response;
      if (endpoint === "authorize") {
        response = await as.routes.request(`${ISSUER}/oauth/authorize?${form}`);
      } else {
        const path = endpoint === "authorize-post" ? "authorize" : endpoint;
        const body = endpoint === "register" && next() < 0.7 ? JSON.stringify(Object.fromEntries(form)) : form.toString();
        const contentType = endpoint === "register" && next() < 0.7 ? "application/json" : pick(next, CONTENT_TYPES);
        response = await as.routes.request(`${ISSUER}/oauth/${path}`, { method: "POST", headers: contentType ? { "content-type": contentType } : {}, body });
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `${endpoint} ${form.toString().slice(0, 200)}`).toBeLessThan(500);
      const text = await response.text();
      const type = response.headers.get("content-type") ?? "";
      if (type.includes("json")) expect(() => JSON.parse(text)).not.toThrow();
    }
    // The fuzzer reached more than one kind of answer (it is not stuck on one refusal).
    expect(statuses.size).toBeGreaterThan(3);
  });

  it("answers 2 000 random Authorization headers with 400 or 401, never a throw", async () => {
    const resource = createResourceServer({ resource: RESOURCE, jwt: { secret: "a-shared-secret-that-is-at-least-32-bytes" } });
    const next = random(0xbadc0de);
    const pieces = ["Bearer", "bearer", "Basic", " ", ",", ".", "eyJhbGciOiJub25lIn0", "e30", "\t", "=", "a".repeat(20_000), "\u00e9", "\r", "\u202E"];
    for (let round = 0; round < 2_000; round++) {
      let header = "";
      const count = 1 + Math.floor(next() * 6);
      for (let index = 0; index < count; index++) header += pick(next, pieces);
      const result = await resource.authenticate({ headers: { authorization: header }, url: RESOURCE, method: "POST" });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect([400, 401]).toContain(result.status);
        expect(() => JSON.parse(result.body)).not.toThrow();
      }
    }
  });
});
