/**
 * `serve()`: run an `McpServer` over Streamable HTTP on Node. It owns a `node:http`
 * server; `POST <path>` goes straight into the engine (read body, `handleText`, write) with
 * no web `Request`/`Response`, and every other route goes to the Hono app through
 * `@hono/node-server`'s request listener.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AuthInfo } from "@chuk-mcp/core";
import type { McpApp } from "../app.js";
import type { McpEngine } from "../engine.js";
import type { RequestPeer } from "../forwarding.js";
import { createMcpHandler, type McpHandler, TRANSPORT } from "../handler.js";
import type { McpHttpOptions } from "../options.js";
import { isLoopbackHostname, LOOPBACK_HOSTS } from "../origin-policy.js";
import type { StreamableHttpTransport } from "../transport.js";
import { NodeResponseWriter, readNodeBodyWith } from "./node-writer.js";
import { listenOn } from "./listen.js";

/** Options for `serve()`. */
export interface ServeOptions extends McpHttpOptions {
  /** TCP port; 0 picks a free one. Default 3000. */
  port?: number;
  /** Interface to bind. Default "127.0.0.1" (loopback binds also restrict Host to loopback names). */
  host?: string;
}

/** A running server. */
export interface RunningServer {
  /** The MCP endpoint URL, e.g. http://127.0.0.1:3000/mcp. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /**
   * The Hono app serving every route but `POST <path>`. Hono and `@hono/node-server` are loaded
   * on the first such request (or this call), which keeps them out of cold start.
   */
  loadApp(): Promise<McpApp>;
  readonly handler: McpHandler;
  readonly httpServer: Server;
  /** Graceful shutdown: stop accepting, finish in-flight requests (deadline), close streams, sessions and sockets. */
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound. */
export async function serve(server: McpEngine, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const loopback = isLoopbackHostname(host);
  const handler = createMcpHandler(server, {
    ...options,
    allowedHosts: options.allowedHosts ?? (loopback ? LOOPBACK_HOSTS : undefined),
  });
  const transport = handler[TRANSPORT];
  const path = transport.options.path;
  let routes: Promise<{ app: McpApp; listener: RequestListener }> | undefined;
  const loadRoutes = (): Promise<{ app: McpApp; listener: RequestListener }> =>
    (routes ??= Promise.all([import("../app.js"), import("@hono/node-server")]).then(([{ createMcpApp }, { getRequestListener }]) => {
      const app = createMcpApp(handler);
      return { app, listener: getRequestListener(app.fetch) };
    }));
  // Node keeps only the first of repeated Authorization/Host/Content-Type headers by default;
  // joining them lets the checks see the duplicate (two credentials → 400), as `fetch` does.
  const httpServer = createServer({ joinDuplicateHeaders: true }, (request, response) => {
    if (request.method === "POST" && pathOf(request.url) === path) {
      const fail = (error: unknown): void => {
        transport.options.onError(error);
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      };
      try {
        handleNodePost(transport, request, response, fail);
      } catch (error) {
        fail(error);
      }
    } else {
      loadRoutes().then(
        ({ listener }) => listener(request, response),
        (error: unknown) => {
          transport.options.onError(error);
          response.statusCode = 500;
          response.end();
        },
      );
    }
  });
  const { port, origin } = await listenOn(httpServer, options.port ?? 3000, host);
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}${path}`,
    port,
    host,
    loadApp: () => loadRoutes().then(({ app }) => app),
    handler,
    httpServer,
    close: () => (closing ??= shutdown(httpServer, handler)),
  };
}

async function shutdown(httpServer: Server, handler: McpHandler): Promise<void> {
  const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  httpServer.closeIdleConnections();
  await handler.close();
  httpServer.closeAllConnections();
  await stopped;
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

/**
 * The fast path: no web objects, body read with a hard limit. Callback-driven (no promise per
 * step) unless an `authenticate` hook has to be awaited; failures go to `fail`.
 */
function handleNodePost(
  transport: StreamableHttpTransport,
  request: IncomingMessage,
  response: ServerResponse,
  fail: (error: unknown) => void,
): void {
  // The socket is the peer: its remoteAddress is read only when a check needs it (forwarding
  // headers present, a session's per-client quota), not on every request.
  const peer: RequestPeer = request.socket;
  const headers = transport.trustedHeaders(request.headers, peer);
  const writer = new NodeResponseWriter(response);
  if (transport.options.authenticate === undefined) {
    afterAuth(transport, request, headers, peer, response, writer, undefined, fail);
    return;
  }
  const denied = transport.admit(headers);
  if (denied !== undefined) return refuse(transport, request, response, writer, denied);
  const url = `http://${headers.host ?? "localhost"}${request.url ?? "/"}`;
  transport.authenticate(headers, url, "POST").then((outcome) => {
    if ("reply" in outcome) return refuse(transport, request, response, writer, outcome.reply);
    afterAuth(transport, request, headers, peer, response, writer, outcome.auth, fail);
  }, fail);
}

function afterAuth(
  transport: StreamableHttpTransport,
  request: IncomingMessage,
  headers: IncomingMessage["headers"],
  peer: RequestPeer,
  response: ServerResponse,
  writer: NodeResponseWriter,
  auth: AuthInfo | undefined,
  fail: (error: unknown) => void,
): void {
  const rejected = transport.checkPost(headers);
  if (rejected !== undefined) return refuse(transport, request, response, writer, rejected);
  readNodeBodyWith(request, transport.options.maxBodyBytes, (error, body) => {
    if (error !== undefined) return fail(error);
    if (body === undefined) return refuse(transport, request, response, writer, transport.payloadTooLarge());
    try {
      transport.handlePost(headers, body, writer, auth, peer)?.then(undefined, fail);
    } catch (thrown) {
      fail(thrown);
    }
  });
}

/** Answers without reading the body; the connection closes so an unread body cannot pile up. */
function refuse(
  transport: StreamableHttpTransport,
  request: IncomingMessage,
  response: ServerResponse,
  writer: NodeResponseWriter,
  reply: Parameters<StreamableHttpTransport["send"]>[2],
): void {
  if (!request.complete) response.setHeader("connection", "close");
  transport.send(writer, request.headers, reply);
}
