/**
 * In-process token buckets: exact for one instance, lost on restart. Bounded: past `maxKeys`
 * buckets the least recently used are dropped (a dropped bucket starts full again, so the
 * bound trades a little leniency for memory under a flood of distinct callers).
 */
import { bucketStep, slidingWindowStep, type BucketDecision, type BucketLimit, type RateLimitStore, type WindowCounts } from "./store.js";

export interface MemoryRateLimitStoreOptions {
  /** Most buckets kept; default 100 000. */
  maxKeys?: number;
  /** Clock in ms; for tests. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket | WindowCounts>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  take(key: string, limit: BucketLimit, cost: number): BucketDecision {
    const now = this.now();
    // Sliding windows live under their own keys, so a rule that changes algorithm starts afresh.
    const sliding = limit.algorithm === "sliding_window";
    const id = sliding ? `sw:${key}` : key;
    const held = this.buckets.get(id);
    if (held !== undefined) this.buckets.delete(id); // re-inserted below: Map order is recency
    if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (oldest.done !== true) this.buckets.delete(oldest.value);
    }
    if (sliding) {
      const step = slidingWindowStep(held as WindowCounts | undefined, now, limit, cost);
      this.buckets.set(id, step.state);
      return step.decision;
    }
    const bucket = held as Bucket | undefined;
    const step = bucketStep(bucket?.tokens ?? limit.capacity, bucket?.updatedAt ?? now, now, limit, cost);
    this.buckets.set(id, { tokens: step.tokens, updatedAt: Math.max(now, bucket?.updatedAt ?? now) });
    return step.decision;
  }

  /** Buckets held (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }
}
