/**
 * A circuit breaker per upstream: after `failureThreshold` consecutive transport failures,
 * calls fail fast for `resetTimeoutMs`; then one trial call is let through (half-open).
 */
import type { ResolvedCircuitBreakerOptions } from "./config.js";

/** Breaker states. */
export type CircuitState = "closed" | "open" | "half-open";

/** Counts consecutive failures and decides whether a call may go through. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private current: CircuitState = "closed";

  constructor(
    private readonly options: ResolvedCircuitBreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The state right now (an open circuit turns half-open once its timeout ran out). */
  get state(): CircuitState {
    if (this.current === "open" && this.now() - this.openedAt >= this.options.resetTimeoutMs) this.current = "half-open";
    return this.current;
  }

  /** Milliseconds until an open circuit lets a trial call through. */
  get retryInMs(): number {
    return this.state === "open" ? Math.max(0, this.options.resetTimeoutMs - (this.now() - this.openedAt)) : 0;
  }

  /** True when a call may go out now; a half-open breaker lets exactly one through. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Records a call that reached the upstream and got an answer. */
  recordSuccess(): void {
    this.failures = 0;
    this.trialInFlight = false;
    this.current = "closed";
  }

  /** Records a transport failure (timeout, connection lost); tool errors are not failures. */
  recordFailure(): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.current === "half-open" || this.failures >= this.options.failureThreshold) {
      this.current = "open";
      this.openedAt = this.now();
    }
  }

  /** Forgets all failures (after a successful reconnect). */
  reset(): void {
    this.recordSuccess();
  }
}
