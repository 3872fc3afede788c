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
