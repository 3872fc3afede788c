import { describe, expect, it } from "vitest";
import { httpStatusOf } from "./http-status.js";

describe("httpStatusOf", () => {
  it("maps JSON-RPC error codes to the SEP-2575 statuses", () => {
    expect(httpStatusOf(-32601)).toBe(404);
    expect(httpStatusOf(-32602)).toBe(400);
    expect(httpStatusOf(-32600)).toBe(400);
    expect(httpStatusOf(-32020)).toBe(400);
    expect(httpStatusOf(-32022)).toBe(400);
    expect(httpStatusOf(-32603)).toBe(500);
  });

  it("answers a rate-limit refusal 429 and application errors 200", () => {
    expect(httpStatusOf(-32005)).toBe(429);
    expect(httpStatusOf(-32002)).toBe(200);
    expect(httpStatusOf(12345)).toBe(200);
  });
});
