/**
 * Pure checks on request headers: media types, protocol version, and the SEP-2243 routing
 * headers (`Mcp-Method`, `Mcp-Name`) that 2026-07-28 requests must repeat from the body.
 * Each returns `undefined` when the request passes, else the exact answer to send.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#protocol-version-header
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#server-validation
 */
import { decodeHeaderValue } from "@chuk-mcp/core";
import type { JsonRpcId } from "./engine.js";
import { HttpErrorCode, NAME_PARAMETER_BY_METHOD } from "./protocol.js";
import { errorReply, type HttpReply } from "./replies.js";

/** Lower-case request headers as Node and `Headers` expose them. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** Reads one header; repeated headers count as their first value. */
export function readHeader(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : value?.[0];
}

function acceptsType(accept: string, type: string, wildcard: string): boolean {
  for (const part of accept.split(",")) {
    const semicolon = part.indexOf(";");
    const range = (semicolon === -1 ? part : part.slice(0, semicolon)).trim().toLowerCase();
    if (range !== type && range !== wildcard && range !== "*/*") continue;
    if (semicolon !== -1 && /;\s*q\s*=\s*0(\.0*)?\s*(;|$)/i.test(part.slice(semicolon))) continue;
    return true;
  }
  return false;
}

/** True when the `Accept` header admits `application/json`. */
export function acceptsJson(accept: string | undefined): boolean {
  return accept !== undefined && acceptsType(accept, "application/json", "application/*");
}

/** True when the `Accept` header admits `text/event-stream`. */
export function acceptsEventStream(accept: string | undefined): boolean {
  return accept !== undefined && acceptsType(accept, "text/event-stream", "text/*");
}

/** True for `application/json` with or without parameters. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(";");
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return essence === "application/json";
}

/** The last `Accept` value that passed: clients repeat the same header on every POST. */
let lastAcceptedPost: string | undefined;

/** 406 unless a POST accepts both JSON and SSE answers, as the spec requires of clients. */
export function checkPostAccept(headers: RequestHeaders): HttpReply | undefined {
  const accept = readHeader(headers, "accept");
  if (accept !== undefined && accept === lastAcceptedPost) return undefined;
  if (acceptsJson(accept) && acceptsEventStream(accept)) {
    lastAcceptedPost = accept;
    return undefined;
  }
  return errorReply(
    406,
    HttpErrorCode.BadRequest,
    "Not Acceptable: the Accept header must list both application/json and text/event-stream",
  );
}

/** 415 unless the POST body is declared as JSON. */
export function checkContentType(headers: RequestHeaders): HttpReply | undefined {
  if (isJsonContentType(readHeader(headers, "content-type"))) return undefined;
  return errorReply(
    415,
    HttpErrorCode.BadRequest,
    "Unsupported Media Type: send the JSON-RPC message with Content-Type: application/json",
  );
}

/** 400 + -32022 when `MCP-Protocol-Version` names a version this server does not speak. */
export function checkProtocolVersionHeader(
  version: string | undefined,
  supported: readonly string[],
  id: JsonRpcId | null = null,
): HttpReply | undefined {
  if (version === undefined || supported.includes(version.trim())) return undefined;
  return errorReply(
    400,
    HttpErrorCode.UnsupportedProtocolVersion,
    `Unsupported protocol version "${version}" in the MCP-Protocol-Version header; use one of: ${supported.join(", ")}`,
    { id, data: { supported, requested: version } },
  );
}

function headerMismatch(id: JsonRpcId | null, message: string): HttpReply {
  return errorReply(400, HttpErrorCode.HeaderMismatch, message, { id });
}

/**
 * SEP-2243 server validation for a 2026-07-28 request: `Mcp-Method` must equal the body
 * method and `Mcp-Name` the body's name/uri/taskId. Header names are case-insensitive,
 * values are case-sensitive, optional whitespace around values is ignored (RFC 9110 §5.5).
 */
export function checkRoutingHeaders(
  headers: RequestHeaders,
  method: string,
  params: Record<string, unknown> | undefined,
  id: JsonRpcId | null,
): HttpReply | undefined {
  const methodHeader = readHeader(headers, "mcp-method")?.trim();
  if (methodHeader === undefined) {
    return headerMismatch(id, `Missing Mcp-Method header: send "Mcp-Method: ${method}" with this request`);
  }
  if (methodHeader !== method) {
    return headerMismatch(id, `Mcp-Method header "${methodHeader}" does not match the body method "${method}"`);
  }
  const parameter = NAME_PARAMETER_BY_METHOD[method];
  if (parameter === undefined) return undefined;
  const bodyValue = params?.[parameter];
  if (typeof bodyValue !== "string") return undefined;
  const rawName = readHeader(headers, "mcp-name");
  if (rawName === undefined) {
    return headerMismatch(id, `Missing Mcp-Name header: ${method} must send "Mcp-Name" equal to params.${parameter}`);
  }
  const nameHeader = decodeHeaderValue(rawName);
  if (nameHeader === undefined) {
    return headerMismatch(id, `Mcp-Name header is not valid =?base64?...?= text: fix the padding or alphabet`);
  }
  if (nameHeader !== bodyValue) {
    return headerMismatch(id, `Mcp-Name header "${nameHeader}" does not match params.${parameter} "${bodyValue}"`);
  }
  return undefined;
}
