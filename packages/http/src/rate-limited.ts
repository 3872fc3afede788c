/**
 * A rate-limit refusal (JSON-RPC -32005, from `@chuk-mcp/policies`' rateLimit middleware) is
 * answered 429 (http-status.ts) with `Retry-After` (RFC 9110 §10.2.3, whole seconds) from
 * `error.data.retryAfterSeconds`, in both eras. The engine reports the data next to the text.
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-4
 */

/** Seconds to put in `Retry-After` for a -32005 refusal's `error.data` (1 when it names none). */
export function retryAfterOf(data: unknown): number {
  const seconds = (data as { retryAfterSeconds?: unknown } | null | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : 1;
}
