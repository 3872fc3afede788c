/**
 * Stable string codes for local session-layer errors. They never cross the wire as
 * JSON-RPC; the HTTP layer maps `store_unavailable` to 503 and `invalid_argument` to 400.
 * `store_failed` is Redis answering with an error (wrong type, out of memory).
 */
export type SessionErrorCode =
  | "invalid_argument"
  | "session_not_found"
  | "store_unavailable"
  | "store_failed"
  | "store_closed";

/** A local error from `@chuk-mcp/sessions` with a stable `code` and the original `cause`. */
export class SessionError extends Error {
  readonly code: SessionErrorCode;

  constructor(code: SessionErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[@chuk-mcp/sessions] ${message}`, options);
    this.name = "SessionError";
    this.code = code;
  }
}

/** True when `error` is a {@link SessionError}, optionally with the given code. */
export function isSessionError(error: unknown, code?: SessionErrorCode): error is SessionError {
  return error instanceof SessionError && (code === undefined || error.code === code);
}
