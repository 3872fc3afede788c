/**
 * `createMcpHandler`: the portable entry, `{ fetch(Request): Promise<Response>, close() }`,
 * for Workers, Deno, Bun, Vercel, Lambda adapters and anything else that speaks `fetch`.
 * It serves the MCP endpoint for every request it receives; the host decides the path.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import { readBodyWithLimit, type AuthInfo } from "@chuk-mcp/core";
import type { JsonRpcId, McpEngine } from "./engine.js";
import type { RequestPeer } from "./forwarding.js";
import type { McpHttpOptions } from "./options.js";
import { HttpErrorCode } from "./protocol.js";
import { errorReply } from "./replies.js";
import { StreamableHttpTransport } from "./transport.js";
import { headersToRecord, WebResponseWriter } from "./web-writer.js";

const utf8 = new TextDecoder();

/** Where `serve()` and `createMcpApp()` find the transport behind a handler. */
export const TRANSPORT = Symbol("chuk-mcp.http.transport");

/** A web-standard MCP endpoint. */
export interface McpHandler {
  /**
   * Answers one request to the MCP endpoint. `peer.remoteAddress` (the TCP peer, when the
   * runtime tells it) feeds `trustProxy` and the per-client session quota; without it all
   * anonymous clients share one quota bucket.
   */
  fetch(request: Request, peer?: RequestPeer): Promise<Response>;
  /** Graceful shutdown: stop accepting, finish in-flight requests (with a deadline), close streams and sessions. */
  close(): Promise<void>;
  /** True once `close()` started (readiness goes false). */
  readonly closing: boolean;
  /**
   * SEP-1699: closes the SSE connection of a running session request now; the request keeps
   * running and the client resumes with GET + Last-Event-ID. False when there is no such request.
   */
  closeRequestStream(sessionId: string, requestId: JsonRpcId): boolean;
  /** @internal */
  readonly [TRANSPORT]: StreamableHttpTransport;
}

/** Wraps a transport as a handler. */
export function handlerFor(transport: StreamableHttpTransport): McpHandler {
  return {
    fetch: (request, peer) => answer(transport, request, peer),
    close: () => transport.close(),
    get closing() {
      return transport.isClosing;
    },
    closeRequestStream: (sessionId, requestId) =>
      transport.findExchange(sessionId, requestId)?.closeConnection() ?? false,
    [TRANSPORT]: transport,
  };
}

/**
 * Creates the web-standard Streamable HTTP handler for an `McpServer`.
 * @example
 * const handler = createMcpHandler(server);
 * export default { fetch: handler.fetch };
 */
export function createMcpHandler(server: McpEngine, options?: McpHttpOptions): McpHandler {
  return handlerFor(new StreamableHttpTransport(server, options));
}

async function answer(transport: StreamableHttpTransport, request: Request, peer: RequestPeer | undefined): Promise<Response> {
  const headers = transport.trustedHeaders(headersToRecord(request.headers), peer);
  // Served over TLS directly (no trusted proxy said otherwise): tell tools the real scheme.
  if (headers["x-forwarded-proto"] === undefined && request.url.startsWith("https:")) headers["x-forwarded-proto"] = "https";
  const writer = new WebResponseWriter(request.signal);
  const work = route(transport, request, headers, writer, peer).catch((error: unknown) => {
    transport.options.onError(error);
    transport.send(writer, headers, errorReply(500, HttpErrorCode.InternalError, "Internal error: the transport failed; see server logs"));
  });
  void work;
  return writer.response;
}

async function route(
  transport: StreamableHttpTransport,
  request: Request,
  headers: Record<string, string>,
  writer: WebResponseWriter,
  peer: RequestPeer | undefined,
): Promise<void> {
  let auth: AuthInfo | undefined;
  if (transport.options.authenticate !== undefined && request.method !== "OPTIONS") {
    // Host/Origin first: a rebinding attempt must not reach the authenticator.
    const denied = transport.admit(headers);
    if (denied !== undefined) return transport.send(writer, headers, denied);
    const outcome = await transport.authenticate(headers, request.url, request.method);
    if ("reply" in outcome) return transport.send(writer, headers, outcome.reply);
    auth = outcome.auth;
  }
  switch (request.method) {
    case "POST": {
      const rejected = transport.checkPost(headers);
      if (rejected !== undefined) return transport.send(writer, headers, rejected);
      const body = await readBodyWithLimit(request.body, transport.options.maxBodyBytes);
      if (body === undefined) return transport.send(writer, headers, transport.payloadTooLarge());
      return transport.handlePost(headers, utf8.decode(body), writer, auth, peer);
    }
    case "GET":
      return transport.handleGet(headers, writer, auth, peer);
    case "DELETE":
      return transport.handleDelete(headers, writer, auth, peer);
    case "OPTIONS":
      return transport.handleOptions(headers, writer);
    default:
      return transport.send(writer, headers, transport.methodNotAllowed(request.method));
  }
}
