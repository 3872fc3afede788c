/**
 * Local errors of the proxy. They never cross the wire as JSON-RPC: tool calls turn them into
 * `isError` results, start-up turns them into a report. Codes are stable strings.
 */

/** Stable codes of {@link ProxyError}. */
export type ProxyErrorCode =
  | "invalid_config"
  | "invalid_arguments"
  | "name_collision"
  | "unknown_tool"
  | "unknown_server"
  | "upstream_unavailable"
  | "upstream_start_failed"
  | "upstream_timeout"
  | "upstream_error"
  | "circuit_open"
  | "proxy_closed";

/** An error raised by the proxy, with a stable `code` and a message that says what to fix. */
export class ProxyError extends Error {
  readonly code: ProxyErrorCode;
  /** The upstream server the error concerns, when there is one. */
  readonly server: string | undefined;
  /** Machine-readable details a JSON-RPC error carries as `data` (e.g. when an open circuit retries). */
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ProxyErrorCode, message: string, options?: { cause?: unknown; server?: string; data?: Record<string, unknown> }) {
    super(`[chuk-mcp-proxy] ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProxyError";
    this.code = code;
    this.server = options?.server;
    this.data = options?.data;
  }
}

/** A short, single-line description of any thrown value, for reports and tool errors. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
