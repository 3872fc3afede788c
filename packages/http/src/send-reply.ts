/**
 * Writing a complete answer and decorating answer headers with CORS, for every route of the
 * Streamable HTTP endpoint (POST, GET, DELETE) and both entry points (web `fetch`, Node).
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 */
import type { Cors } from "./cors.js";
import type { HeaderRecord, HttpReply } from "./replies.js";
import { readHeader, type RequestHeaders } from "./request-validation.js";
import type { ResponseWriter } from "./sse.js";

/** `headers` plus the CORS headers for this request's Origin, when CORS is configured; else `headers` itself. */
export function withCors(cors: Cors | undefined, headers: HeaderRecord, requestHeaders: RequestHeaders): HeaderRecord {
  const extra = cors?.responseHeaders(readHeader(requestHeaders, "origin"));
  return extra === undefined ? headers : { ...headers, ...extra };
}

/** Writes a complete (non-streaming) answer with CORS applied. */
export function sendReply(writer: ResponseWriter, cors: Cors | undefined, requestHeaders: RequestHeaders, reply: HttpReply): void {
  writer.reply(reply.status, withCors(cors, reply.headers, requestHeaders), reply.body);
}
