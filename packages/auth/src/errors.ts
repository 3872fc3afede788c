/**
 * Errors of `@chuk-mcp/auth`, in the two kinds the house style keeps apart:
 * local errors with stable string codes (`AuthError`) and OAuth wire errors (`OAuthError`)
 * that endpoints turn into an RFC 6749 §5.2 JSON body.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */

/** Stable codes of local auth errors. They never cross the wire. */
export type AuthErrorCode =
  | "invalid_configuration"
  | "invalid_token"
  | "store_failure"
  | "upstream_failure"
  | "client_metadata_failure";

/** A local error with a stable `code`; the message says what was wrong and what to do. */
export class AuthError extends Error {
  override readonly name = "AuthError";
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[chuk-mcp] [auth] ${message}`, options);
    this.code = code;
  }
}

/** OAuth error codes used on the wire (RFC 6749, RFC 6750, RFC 7591, RFC 8707). */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "invalid_target"
  | "access_denied"
  | "server_error"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "invalid_token"
  | "insufficient_scope"
  | "unsupported_token_type"
  | "temporarily_unavailable";

/** An OAuth protocol error: `error` + `error_description` + HTTP status. */
export class OAuthError extends Error {
  override readonly name = "OAuthError";
  readonly error: OAuthErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    error: OAuthErrorCode,
    description: string,
    options: { status?: number; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    this.error = error;
    this.status = options.status ?? (error === "invalid_client" ? 401 : error === "server_error" ? 500 : 400);
    this.headers = options.headers ?? {};
  }

  /** The RFC 6749 §5.2 JSON body. */
  toJSON(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: this.message };
  }
}
