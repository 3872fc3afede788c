import { describe, expect, it } from "vitest";
import { retryAfterOf } from "./rate-limited.js";

describe("retryAfterOf", () => {
  it("reads Retry-After seconds from a -32005 refusal", () => {
    const text = JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code: -32005, message: "Rate limited", data: { retryAfterSeconds: 7 } } });
    expect(retryAfterOf(text)).toBe(7);
  });

  it("rounds fractional seconds up and defaults to 1 without data", () => {
    expect(retryAfterOf(JSON.stringify({ jsonrpc: "2.0", id: "a", error: { code: -32005, message: "x", data: { retryAfterSeconds: 0.2 } } }))).toBe(1);
    expect(retryAfterOf(JSON.stringify({ jsonrpc: "2.0", id: 2, error: { code: -32005, message: "x" } }))).toBe(1);
  });

  it("ignores results (even ones that mention the code) and other errors", () => {
    expect(retryAfterOf('{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"\\"code\\":-32005"}]}}')).toBeUndefined();
    expect(retryAfterOf(JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code: -32602, message: '"code":-32005' } }))).toBeUndefined();
    expect(retryAfterOf("not json \"code\":-32005")).toBeUndefined();
  });
});
