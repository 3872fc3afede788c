/**
 * The store a rate limiter counts in. A store takes one token-bucket step atomically: refill
 * by the time passed, then take `cost` tokens if there are enough. Memory by default; Redis
 * (one Lua script per step, so no read-then-write race between instances) for many instances.
 */

/** How a limit counts: a token bucket (bursts up to `capacity`, then an even rate) or a sliding window. */
export type RateLimitAlgorithm = "token_bucket" | "sliding_window";

/**
 * One limit: `capacity` requests per `windowMs`. `token_bucket` (default): `capacity` tokens,
 * refilled at `capacity` per `windowMs`. `sliding_window`: at most `capacity` in any window,
 * estimated from this fixed window's count and the previous one's, weighted by overlap.
 */
export interface BucketLimit {
  capacity: number;
  windowMs: number;
  algorithm?: RateLimitAlgorithm;
}

/** What one step decided. */
export interface BucketDecision {
  allowed: boolean;
  /** Whole tokens left after this step. */
  remaining: number;
  /** When refused: milliseconds until `cost` tokens are back (≥ 1). 0 when allowed. */
  retryAfterMs: number;
}

export interface RateLimitStore {
  /** Takes `cost` tokens from the bucket at `key` if it holds them (or counts `cost` in its window: `limit.algorithm`). */
  take(key: string, limit: BucketLimit, cost: number): Promise<BucketDecision> | BucketDecision;
  /** Releases connections the store opened itself. */
  close?(): Promise<void> | void;
}

/** The pure token-bucket step both stores implement (memory in JS, Redis in Lua). */
export function bucketStep(
  tokens: number,
  updatedAt: number,
  now: number,
  limit: BucketLimit,
  cost: number,
): { tokens: number; decision: BucketDecision } {
  const perMs = limit.capacity / limit.windowMs;
  const refilled = now > updatedAt ? Math.min(limit.capacity, tokens + (now - updatedAt) * perMs) : tokens;
  if (refilled >= cost) {
    const left = refilled - cost;
    return { tokens: left, decision: { allowed: true, remaining: Math.floor(left), retryAfterMs: 0 } };
  }
  return { tokens: refilled, decision: { allowed: false, remaining: Math.floor(refilled), retryAfterMs: Math.max(1, Math.ceil((cost - refilled) / perMs)) } };
}

/** Counts of a sliding window: the fixed window `start` (ms), its count, and the previous window's. */
export interface WindowCounts {
  start: number;
  current: number;
  previous: number;
}

/**
 * The pure sliding-window step both stores implement (memory in JS, Redis in Lua): the
 * estimate is `previous × (share of the previous window still inside the sliding one) + current`;
 * a request is allowed when the estimate plus `cost` stays within `capacity`. O(1) state per
 * key, unlike a log of timestamps. `retryAfterMs` is when the estimate will have room again.
 */
export function slidingWindowStep(state: WindowCounts | undefined, now: number, limit: BucketLimit, cost: number): { state: WindowCounts; decision: BucketDecision } {
  const window = limit.windowMs;
  // A clock that went back stays in the window already recorded.
  const start = Math.max(Math.floor(now / window) * window, state?.start ?? 0);
  let current = 0;
  let previous = 0;
  if (state !== undefined && state.start === start) {
    current = state.current;
    previous = state.previous;
  } else if (state !== undefined && state.start === start - window) {
    previous = state.current;
  }
  const elapsed = Math.min(window, Math.max(0, now - start));
  const estimate = (previous * (window - elapsed)) / window + current;
  if (estimate + cost <= limit.capacity) {
    return { state: { start, current: current + cost, previous }, decision: { allowed: true, remaining: Math.max(0, Math.floor(limit.capacity - estimate - cost)), retryAfterMs: 0 } };
  }
  const room = limit.capacity - cost - current;
  let wait: number;
  if (previous > 0 && room >= 0) wait = window * (1 - room / previous) - elapsed;
  else {
    const roomNext = limit.capacity - cost;
    wait = window - elapsed + (roomNext < 0 ? window : current > roomNext ? window * (1 - roomNext / current) : 0);
  }
  return { state: { start, current, previous }, decision: { allowed: false, remaining: 0, retryAfterMs: Math.max(1, Math.ceil(wait)) } };
}
