/**
 * JSON-RPC 2.0 message shapes and guards.
 * @see https://www.jsonrpc.org/specification
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic
 */

/** A JSON-RPC request id: the spec forbids null ids on requests. */
export type JsonRpcId = string | number;

/** A request: expects exactly one response carrying the same id. */
export interface JsonRpcRequest {
  jsonrpc: "2.0";
  id: JsonRpcId;
  method: string;
  params?: Record<string, unknown>;
}

/** A notification: no id, never answered. */
export interface JsonRpcNotification {
  jsonrpc: "2.0";
  method: string;
  params?: Record<string, unknown>;
}

/** A successful response. */
export interface JsonRpcSuccess {
  jsonrpc: "2.0";
  id: JsonRpcId;
  result: Record<string, unknown>;
}

/** The error object inside an error response. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** An error response; `id` is null when the request id could not be read. */
export interface JsonRpcError {
  jsonrpc: "2.0";
  id: JsonRpcId | null;
  error: JsonRpcErrorObject;
}

/** A response of either kind. */
export type JsonRpcResponse = JsonRpcSuccess | JsonRpcError;

/** Any single JSON-RPC message. */
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcSuccess | JsonRpcError;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is JsonRpcId {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

/** True for a well-formed request (jsonrpc "2.0", string/number id, string method). */
export function isJsonRpcRequest(value: unknown): value is JsonRpcRequest {
  return (
    isObject(value) &&
    value.jsonrpc === "2.0" &&
    isId(value.id) &&
    typeof value.method === "string" &&
    (value.params === undefined || isObject(value.params))
  );
}

/** True for a well-formed notification (no id). */
export function isJsonRpcNotification(value: unknown): value is JsonRpcNotification {
  return (
    isObject(value) &&
    value.jsonrpc === "2.0" &&
    !("id" in value) &&
    typeof value.method === "string" &&
    (value.params === undefined || isObject(value.params))
  );
}

/** True for a success response. */
export function isJsonRpcSuccess(value: unknown): value is JsonRpcSuccess {
  return isObject(value) && value.jsonrpc === "2.0" && isId(value.id) && "result" in value && !("method" in value);
}

/** True for an error response. */
export function isJsonRpcError(value: unknown): value is JsonRpcError {
  return (
    isObject(value) &&
    value.jsonrpc === "2.0" &&
    (isId(value.id) || value.id === null) &&
    isObject(value.error) &&
    !("method" in value)
  );
}

/** True for a response of either kind. */
export function isJsonRpcResponse(value: unknown): value is JsonRpcResponse {
  return isJsonRpcSuccess(value) || isJsonRpcError(value);
}

/** Builds a success response. */
export function successResponse(id: JsonRpcId, result: Record<string, unknown>): JsonRpcSuccess {
  return { jsonrpc: "2.0", id, result };
}

/** Builds an error response. */
export function errorResponse(id: JsonRpcId | null, code: number, message: string, data?: unknown): JsonRpcError {
  const error: JsonRpcErrorObject = { code, message };
  if (data !== undefined) error.data = data;
  return { jsonrpc: "2.0", id, error };
}
