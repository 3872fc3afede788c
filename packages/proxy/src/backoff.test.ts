import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

const options = { initialDelayMs: 100, maxDelayMs: 1_000, factor: 2, jitter: 0.5, maxAttempts: 10 };

describe("backoffDelay", () => {
  it("doubles from the initial delay and stops at the cap", () => {
    const noJitter = { ...options, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(noJitter, attempt))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("spreads delays by the jitter fraction in both directions", () => {
    expect(backoffDelay(options, 2, () => 0)).toBe(100);
    expect(backoffDelay(options, 2, () => 1)).toBe(300);
    expect(backoffDelay(options, 10, () => 1)).toBe(1000);
  });
});
