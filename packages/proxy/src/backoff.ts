/**
 * Exponential backoff with jitter, for reconnects and start retries.
 */
import type { ResolvedReconnectOptions } from "./config.js";

/**
 * The delay before reconnect attempt `attempt` (1-based): `initial * factor^(attempt-1)`,
 * capped at `maxDelayMs`, then spread by ±`jitter` so many proxies do not retry in step.
 */
export function backoffDelay(options: ResolvedReconnectOptions, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** Math.max(0, attempt - 1));
  const spread = 1 + options.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(options.maxDelayMs, base * spread)));
}
