/**
 * The store a rate limiter counts in. A store takes one token-bucket step atomically: refill
 * by the time passed, then take `cost` tokens if there are enough. Memory by default; Redis
 * (one Lua script per step, so no read-then-write race between instances) for many instances.
 */

/** One bucket: `capacity` tokens, refilled at `capacity` per `windowMs`. */
export interface BucketLimit {
  capacity: number;
  windowMs: number;
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
  /** Takes `cost` tokens from the bucket at `key` if it holds them. */
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
