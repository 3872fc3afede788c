/**
 * The three kinds of error: wire errors (`ProtocolError`), local errors with stable
 * string codes (`McpError` and subclasses), and tool failures (results, not errors).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic#responses
 */

/** JSON-RPC and MCP error codes used on the wire. */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** 2025 era: resources/read for an unknown URI. */
  ResourceNotFound: -32002,
  /**
   * chuk-mcp: a tools/call for a tool that needs authentication or OAuth scopes the caller
   * lacks (`data: { requiredScopes, missingScopes }`). Over HTTP the transport answers 403
   * `insufficient_scope` before dispatch instead.
   */
  InsufficientScope: -32003,
  /**
   * chuk-mcp: a rate limit refused the request (`data: { retryAfterSeconds, retryAfterMs, limit,
   * windowSeconds, key }`). Over HTTP the transport answers 429 with `Retry-After`.
   */
  RateLimited: -32005,
  /** 2026-07-28: the request's protocol version header and `_meta` disagree, or a header is missing. */
  HeaderMismatch: -32020,
  /** 2026-07-28: a required client capability was not declared for this request. */
  MissingRequiredClientCapability: -32021,
  /** 2026-07-28: the protocol version asked for is not supported by this server. */
  UnsupportedProtocolVersion: -32022,
} as const;

/** One of the numeric codes in `ErrorCode` (or any other number a peer sent). */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error that goes on the wire as a JSON-RPC error response. */
export class ProtocolError extends Error {
  override readonly name: string = "ProtocolError";
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.data = data;
  }
}

/** Stable string codes of local (never on the wire) errors. */
export type McpErrorCode =
  | "permission_denied"
  | "invalid_definition"
  | "duplicate_name"
  | "no_context"
  | "session_closed"
  | "server_closed"
  | "capability_missing"
  | "request_timeout"
  | "request_cancelled"
  | "schema_not_ready"
  | (string & {});

/** Base class of local errors: a stable `code` plus a message that says what to fix. */
export class McpError extends Error {
  override readonly name: string = "McpError";
  readonly code: McpErrorCode;

  constructor(code: McpErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[chuk-mcp] ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** Thrown by `requireUserId()` and authorisation checks. */
export class PermissionError extends McpError {
  override readonly name: string = "PermissionError";

  constructor(message = "permission denied: this call needs an authenticated user", options?: { cause?: unknown }) {
    super("permission_denied", message, options);
  }
}

/** The client answered a server→client request (elicit, sample, listRoots) with a JSON-RPC error. */
export class ClientRequestError extends McpError {
  override readonly name: string = "ClientRequestError";
  /** The JSON-RPC error code the client sent. */
  readonly rpcCode: number;
  readonly data: unknown;

  constructor(rpcCode: number, message: string, data?: unknown) {
    super("client_error", `the client answered with an error (${rpcCode}): ${message}`);
    this.rpcCode = rpcCode;
    this.data = data;
  }
}

/** Turns anything thrown into a readable message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
