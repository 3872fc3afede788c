/**
 * Regression: "ENVIRONMENT='a:b', DEPLOYMENT_ID='c' collides with 'a', 'b:c'". Each part is
 * encoded, so distinct (environment, deployment) pairs never share a key prefix.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeKeyPart, resolveNamespace } from "./namespace.js";

function prefix(environment: string, deploymentId: string): string {
  return resolveNamespace({ environment, deploymentId, sandboxId: "s", env: {} }).prefix;
}

describe("namespace encoding (regression: ENVIRONMENT / DEPLOYMENT_ID parts could collide)", () => {
  it("keeps 'a:b' + 'c' apart from 'a' + 'b:c'", () => {
    expect(prefix("a:b", "c")).not.toBe(prefix("a", "b:c"));
    expect(prefix("a:b", "c")).toBe("a%3Ab:c:sbx:");
  });

  it("leaves ordinary names as they were, so existing keys stay readable", () => {
    expect(prefix("prod", "eu-1")).toBe("prod:eu-1:sbx:");
    expect(prefix("dev", "default")).toBe("dev:default:sbx:");
    expect(prefix("staging.v2", "team_a")).toBe("staging.v2:team_a:sbx:");
  });

  it("never emits a separator or a glob character, and encodes % itself", () => {
    expect(encodeKeyPart("%3A")).toBe("%253A");
    expect(encodeKeyPart("*")).toBe("%2A");
    expect(encodeKeyPart("{tag}")).toBe("%7Btag%7D");
    expect(encodeKeyPart("é")).toBe("%C3%A9");
  });

  it("maps distinct (environment, deployment) pairs to distinct prefixes (property)", () => {
    const part = fc.string({ unit: fc.constantFrom("a", "b", ":", "%", "3", "A", "*", "é", "-"), minLength: 1, maxLength: 6 }).filter((value) => value.trim() === value);
    fc.assert(
      fc.property(part, part, part, part, (e1, d1, e2, d2) => {
        if (e1 === e2 && d1 === d2) return;
        expect(prefix(e1, d1)).not.toBe(prefix(e2, d2));
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 12 }), (value) => {
        expect(encodeKeyPart(value)).toMatch(/^[A-Za-z0-9_.%-]*$/);
        expect(decodeURIComponent(encodeKeyPart(value))).toBe(value);
      }),
    );
  });
});
