/**
 * The error a refused request gets: JSON-RPC `-32005` (`ErrorCode.RateLimited`) whose `data` says
 * when to retry. `@chuk-mcp/http` maps it to 429 with `Retry-After`; on stdio the client reads
 * `data.retryAfterSeconds`.
 */
import { ErrorCode, ProtocolError } from "@chuk-mcp/core";

/** `data` of a rate-limit refusal. */
export interface RateLimitedData {
  /** Whole seconds to wait (≥ 1), as `Retry-After` carries. */
  retryAfterSeconds: number;
  retryAfterMs: number;
  /** The rule that refused: `default`, `global`, `tool:<name>` or `server:<name>`. */
  rule: string;
  limit: number;
  windowSeconds: number;
  /** `store_unavailable` when the store failed and the limiter fails closed. */
  reason?: "limit_exceeded" | "store_unavailable";
}

export function rateLimitedError(data: RateLimitedData): ProtocolError {
  const what = data.reason === "store_unavailable" ? "the rate-limit store is unreachable and the limiter fails closed" : `rate limit "${data.rule}" (${data.limit} requests per ${data.windowSeconds} s) exceeded`;
  return new ProtocolError(ErrorCode.RateLimited, `Rate limited: ${what}; retry after ${data.retryAfterSeconds} s`, data);
}
