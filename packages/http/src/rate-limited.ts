/**
 * A reply the engine gave because a rate limit refused the request (JSON-RPC -32005, from
 * `@chuk-mcp/policies`' rateLimit middleware) becomes HTTP 429 with `Retry-After` (RFC 9110
 * §10.2.3, whole seconds) from `error.data.retryAfterSeconds`, in both eras. Success replies are
 * recognised from their first bytes without a scan, so the common path pays one `startsWith`.
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-4
 */
const REPLY_PREFIX = '{"jsonrpc":"2.0","id":';
const RATE_LIMITED_CODE = '"code":-32005';

/** Seconds to put in `Retry-After` when `text` is a rate-limit refusal, else undefined. */
export function retryAfterOf(text: string): number | undefined {
  if (text.startsWith(REPLY_PREFIX)) {
    const keyAt = text.indexOf(',"', REPLY_PREFIX.length) + 1;
    if (keyAt > 0 && text.startsWith('"result":', keyAt)) return undefined;
  }
  if (!text.includes(RATE_LIMITED_CODE)) return undefined;
  let error: { code?: unknown; data?: { retryAfterSeconds?: unknown } } | undefined;
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error;
  } catch {
    return undefined;
  }
  if (error?.code !== -32005) return undefined;
  const seconds = error.data?.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : 1;
}
