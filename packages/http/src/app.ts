/**
 * `createMcpApp`: a Hono app with the MCP endpoint at `path` plus liveness (`/health`) and
 * readiness (`/ready`) probes. Mount it, extend it, or hand it to `serve()`.
 * @see https://hono.dev/docs/api/routing
 */
import { Hono } from "hono";
import type { McpEngine } from "./engine.js";
import { createMcpHandler, type McpHandler, TRANSPORT } from "./handler.js";
import type { McpHttpOptions } from "./options.js";
import type { RequestPeer } from "./forwarding.js";
import { headersToRecord } from "./web-writer.js";

/** A Hono app serving MCP, with its handler for shutdown and stream control. */
export type McpApp = Hono & { readonly mcp: McpHandler };

const HEALTH_BODY = JSON.stringify({ status: "ok" });
const READY_BODY = JSON.stringify({ status: "ready" });
const SHUTTING_DOWN_BODY = JSON.stringify({ status: "shutting_down" });
const JSON_TYPE = { "content-type": "application/json" };

/**
 * Builds the app. Pass an `McpServer` (a handler is created with `options`), or an existing
 * handler to share its sessions. `options.routes` (or the handler's) add extra routes.
 */
export function createMcpApp(server: McpEngine | McpHandler, options?: McpHttpOptions): McpApp {
  const handler = TRANSPORT in server ? server : createMcpHandler(server, options);
  const transport = handler[TRANSPORT];
  const path = transport.options.path;
  const app = new Hono();
  // The probes get the same Host/Origin (DNS-rebinding) check as the endpoint.
  const rebinding = (request: Request): Response | undefined => {
    const denied = transport.checkOrigin(headersToRecord(request.headers));
    return denied === undefined ? undefined : new Response(denied.body ?? null, { status: denied.status, headers: denied.headers });
  };
  app.get("/health", (context) => rebinding(context.req.raw) ?? new Response(HEALTH_BODY, { status: 200, headers: JSON_TYPE }));
  app.get("/ready", (context) =>
    rebinding(context.req.raw) ??
    (handler.closing
      ? new Response(SHUTTING_DOWN_BODY, { status: 503, headers: JSON_TYPE })
      : new Response(READY_BODY, { status: 200, headers: JSON_TYPE })),
  );
  for (const addRoutes of handler[TRANSPORT].options.routes) addRoutes(app);
  if (TRANSPORT in server && options?.routes !== undefined) {
    for (const addRoutes of typeof options.routes === "function" ? [options.routes] : options.routes) addRoutes(app);
  }
  app.all(path, (context) => handler.fetch(context.req.raw, peerOf(context.env)));
  return Object.assign(app, { mcp: handler });
}

/** The TCP peer when the Node adapter serves the app (`env.incoming` is the Node request); other runtimes say nothing. */
function peerOf(env: unknown): RequestPeer | undefined {
  const remoteAddress = (env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming?.socket?.remoteAddress;
  return typeof remoteAddress === "string" ? { remoteAddress } : undefined;
}
