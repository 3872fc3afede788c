/**
 * The one table from JSON-RPC error codes to HTTP statuses. 2026-07-28 answers take their
 * status from it (SEP-2575); 2025 answers are 200 except a rate-limit refusal (-32005 → 429,
 * in both eras). Routing refusals (bad envelope, bad version header) use it in both eras.
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#server-validation
 * @see https://www.rfc-editor.org/rfc/rfc6585#section-4
 */
import { ErrorCode } from "@chuk-mcp/core";

const STATUS_BY_CODE: ReadonlyMap<number, number> = new Map([
  [ErrorCode.ParseError, 400],
  [ErrorCode.InvalidRequest, 400],
  [ErrorCode.MethodNotFound, 404],
  [ErrorCode.InvalidParams, 400],
  [ErrorCode.InternalError, 500],
  [ErrorCode.RateLimited, 429],
  [ErrorCode.HeaderMismatch, 400],
  [ErrorCode.MissingRequiredClientCapability, 400],
  [ErrorCode.UnsupportedProtocolVersion, 400],
]);

/** The HTTP status for a JSON-RPC error code; 200 for codes the table does not name (application errors). */
export function httpStatusOf(code: number): number {
  return STATUS_BY_CODE.get(code) ?? 200;
}
