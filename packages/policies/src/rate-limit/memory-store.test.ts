import { describe, expect, it } from "vitest";
import { MemoryRateLimitStore } from "./memory-store.js";
import { bucketStep } from "./store.js";

describe("token bucket", () => {
  it("allows capacity calls at once, then refuses with the time until one token is back", () => {
    let now = 1_000;
    const store = new MemoryRateLimitStore({ now: () => now });
    const limit = { capacity: 3, windowMs: 3_000 };
    expect([1, 2, 3].map(() => store.take("k", limit, 1).allowed)).toEqual([true, true, true]);
    const refused = store.take("k", limit, 1);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1_000 });
    now += 999;
    expect(store.take("k", limit, 1).allowed).toBe(false);
    now += 1;
    expect(store.take("k", limit, 1)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });

  it("refills evenly over the window and never past capacity", () => {
    const limit = { capacity: 10, windowMs: 10_000 };
    expect(bucketStep(0, 0, 5_000, limit, 1).tokens).toBe(4);
    expect(bucketStep(2, 0, 1_000_000, limit, 1).tokens).toBe(9);
    expect(bucketStep(5, 2_000, 1_000, limit, 1).tokens).toBe(4); // a clock that went back refills nothing
  });

  it("keeps separate buckets per key and drops the least recently used past maxKeys", () => {
    const store = new MemoryRateLimitStore({ maxKeys: 2, now: () => 0 });
    const limit = { capacity: 1, windowMs: 60_000 };
    expect(store.take("a", limit, 1).allowed).toBe(true);
    expect(store.take("b", limit, 1).allowed).toBe(true);
    expect(store.take("a", limit, 1).allowed).toBe(false); // a is now the most recent
    expect(store.take("c", limit, 1).allowed).toBe(true); // evicts b
    expect(store.size).toBe(2);
    expect(store.take("a", limit, 1).allowed).toBe(false);
    expect(store.take("b", limit, 1).allowed).toBe(true); // b started over
  });
});

describe("sliding window", () => {
  const limit = { capacity: 4, windowMs: 10_000, algorithm: "sliding_window" as const };

  it("allows capacity in a window, then refuses until the previous window's weight has decayed", () => {
    let now = 100_000; // a window boundary
    const store = new MemoryRateLimitStore({ now: () => now });
    expect([1, 2, 3, 4].map(() => store.take("k", limit, 1).allowed)).toEqual([true, true, true, true]);
    // Next window: 4 × (1 - t/10 s) + 1 ≤ 4 at t = 2.5 s, so 12.5 s from now.
    expect(store.take("k", limit, 1)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 12_500 });
    now += 12_500; // 2.5 s into the next window: estimate 4 × 0.75 = 3, one more fits
    expect(store.take("k", limit, 1)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    const refused = store.take("k", limit, 1);
    // 4 × (1 - t/10 s) + 1 + 1 ≤ 4 at t = 5 s: 2.5 s from now.
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterMs: 2_500 });
    now += 2_499;
    expect(store.take("k", limit, 1).allowed).toBe(false);
    now += 1;
    expect(store.take("k", limit, 1).allowed).toBe(true);
  });

  it("never allows more than capacity within any window, unlike a token bucket's burst after refill", () => {
    let now = 0;
    const sliding = new MemoryRateLimitStore({ now: () => now });
    const bucket = new MemoryRateLimitStore({ now: () => now });
    let slidingAllowed = 0;
    let bucketAllowed = 0;
    // One attempt every 100 ms for 30 s: any 10 s span may hold at most 4 sliding-window passes.
    const passes: number[] = [];
    for (; now < 30_000; now += 100) {
      if (sliding.take("k", limit, 1).allowed) {
        slidingAllowed++;
        passes.push(now);
      }
      if (bucket.take("k", { capacity: 4, windowMs: 10_000 }, 1).allowed) bucketAllowed++;
    }
    for (const at of passes) expect(passes.filter((other) => other >= at && other < at + 10_000).length).toBeLessThanOrEqual(4);
    expect(slidingAllowed).toBeGreaterThanOrEqual(9);
    expect(bucketAllowed).toBeGreaterThan(slidingAllowed);
  });

  it("starts over after two idle windows, and keeps a separate state from a token bucket on the same key", () => {
    let now = 0;
    const store = new MemoryRateLimitStore({ now: () => now });
    for (let index = 0; index < 4; index++) store.take("k", limit, 1);
    expect(store.take("k", { capacity: 1, windowMs: 10_000 }, 1).allowed).toBe(true);
    now = 25_000;
    expect([1, 2, 3, 4].map(() => store.take("k", limit, 1).allowed)).toEqual([true, true, true, true]);
  });

  it("says when a cost larger than the limit could never pass (a full window plus the rest)", () => {
    const store = new MemoryRateLimitStore({ now: () => 0 });
    expect(store.take("k", limit, 5)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 20_000 });
  });
});
