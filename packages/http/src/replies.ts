/**
 * Pre-computed header objects and error bodies. Both entry points (web `fetch` and the
 * Node fast path) answer from these, which is what keeps their bytes identical.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import type { JsonRpcId } from "./engine.js";

/** A header set as a plain object with lower-case names. */
export type HeaderRecord = Record<string, string>;

/** A complete, non-streaming HTTP answer. */
export interface HttpReply {
  status: number;
  headers: HeaderRecord;
  body?: string;
}

/** `content-type` for JSON answers. */
export const JSON_HEADERS: HeaderRecord = Object.freeze({ "content-type": "application/json" }) as HeaderRecord;

/** Headers for SSE answers: no caching and no proxy buffering. */
export const SSE_HEADERS: HeaderRecord = Object.freeze({
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
}) as HeaderRecord;

/** Headers for empty answers (202, 204). */
export const EMPTY_HEADERS: HeaderRecord = Object.freeze({}) as HeaderRecord;

/** A 202 Accepted with no body: what notifications and client responses get. */
export const ACCEPTED_REPLY: HttpReply = Object.freeze({ status: 202, headers: EMPTY_HEADERS }) as HttpReply;

/** Serialises a JSON-RPC error response. */
export function jsonRpcErrorText(id: JsonRpcId | null, code: number, message: string, data?: unknown): string {
  const error = data === undefined ? { code, message } : { code, message, data };
  return JSON.stringify({ jsonrpc: "2.0", id, error });
}

/** An HTTP answer whose body is a JSON-RPC error. */
export function errorReply(
  status: number,
  code: number,
  message: string,
  options?: { id?: JsonRpcId | null; data?: unknown; headers?: HeaderRecord },
): HttpReply {
  return {
    status,
    headers: options?.headers ?? JSON_HEADERS,
    body: jsonRpcErrorText(options?.id ?? null, code, message, options?.data),
  };
}

/** Returns `headers` plus one more header, without touching the shared original. */
export function withHeader(headers: HeaderRecord, name: string, value: string): HeaderRecord {
  return { ...headers, [name]: value };
}
