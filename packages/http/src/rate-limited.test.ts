import { describe, expect, it } from "vitest";
import { retryAfterOf } from "./rate-limited.js";

describe("retryAfterOf", () => {
  it("rounds the refusal's retryAfterSeconds up to whole seconds", () => {
    expect(retryAfterOf({ retryAfterSeconds: 6.2 })).toBe(7);
    expect(retryAfterOf({ retryAfterSeconds: 0.2 })).toBe(1);
  });

  it("answers 1 second when the refusal names no usable delay", () => {
    expect(retryAfterOf(undefined)).toBe(1);
    expect(retryAfterOf({ retryAfterSeconds: -3 })).toBe(1);
    expect(retryAfterOf({ retryAfterSeconds: "soon" })).toBe(1);
  });
});
