/**
 * What an adapter answers when the platform hands it something it cannot turn into a
 * request (a malformed event, a body that is not base64, a body over the limit), and when the
 * handler itself throws. Always a JSON-RPC error body with `id: null` and an HTTP status, so
 * the function returns normally instead of failing the invocation.
 * @see https://www.jsonrpc.org/specification#error_object
 */

/** Stable codes of adapter-level failures (in `error.data.code` on the wire). */
export type CloudErrorCode = "invalid_event" | "invalid_base64_body" | "body_too_large" | "not_found" | "handler_failed";

/** JSON-RPC codes the adapter uses: -32600 invalid request, -32603 internal error. */
const JSON_RPC_CODE: Record<CloudErrorCode, number> = {
  invalid_event: -32600,
  invalid_base64_body: -32600,
  body_too_large: -32600,
  not_found: -32600,
  handler_failed: -32603,
};

const STATUS: Record<CloudErrorCode, number> = {
  invalid_event: 400,
  invalid_base64_body: 400,
  body_too_large: 413,
  not_found: 404,
  handler_failed: 500,
};

/** An adapter failure with a stable code; `toResponse()` is what goes to the client. */
export class CloudAdapterError extends Error {
  override readonly name = "CloudAdapterError";
  readonly code: CloudErrorCode;
  readonly status: number;

  constructor(code: CloudErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[@chuk-mcp/cloud] ${message}`, options);
    this.code = code;
    this.status = STATUS[code];
  }

  /** The JSON-RPC error body (`id: null`) for this failure. */
  toBody(): string {
    return JSON.stringify({
      jsonrpc: "2.0",
      id: null,
      error: { code: JSON_RPC_CODE[this.code], message: this.message, data: { code: this.code } },
    });
  }

  toResponse(): Response {
    return new Response(this.toBody(), { status: this.status, headers: { "content-type": "application/json" } });
  }
}

/** `error` as a {@link CloudAdapterError}: itself, or `handler_failed` wrapping it. */
export function asAdapterError(error: unknown): CloudAdapterError {
  if (error instanceof CloudAdapterError) return error;
  return new CloudAdapterError("handler_failed", "the MCP handler failed while answering this request; see the function's logs", { cause: error });
}
