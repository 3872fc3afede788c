/**
 * `serveLegacySse()`: the legacy HTTP+SSE transport on a `node:http` server, through
 * `@hono/node-server`'s request listener (which streams the event stream and aborts the
 * request's signal when the client goes away).
 */
import { createServer, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { McpEngine } from "../engine.js";
import { isLoopbackHostname, LOOPBACK_HOSTS } from "../origin-policy.js";
import { createLegacySseHandler, type LegacySseHandler } from "./legacy-sse-handler.js";
import type { LegacySseOptions } from "./legacy-sse-options.js";
import { listenOn } from "../node/listen.js";

/** Options of {@link serveLegacySse}. */
export interface ServeLegacySseOptions extends LegacySseOptions {
  /** TCP port; 0 picks a free one. Default 8000. */
  port?: number;
  /** Interface to bind. Default "127.0.0.1" (a loopback bind also limits Host to loopback names). */
  host?: string;
}

/** A listening legacy SSE server. */
export interface RunningLegacySseServer {
  /** The stream URL, e.g. http://127.0.0.1:8000/sse. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly handler: LegacySseHandler;
  readonly httpServer: Server;
  /** Closes every stream and session, then the sockets. */
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound. */
export async function serveLegacySse(engine: McpEngine, options: ServeLegacySseOptions = {}): Promise<RunningLegacySseServer> {
  const host = options.host ?? "127.0.0.1";
  const handler = createLegacySseHandler(engine, {
    ...options,
    allowedHosts: options.allowedHosts ?? (isLoopbackHostname(host) ? LOOPBACK_HOSTS : undefined),
  });
  const httpServer = createServer(getRequestListener(handler.fetch));
  const { port, origin } = await listenOn(httpServer, options.port ?? 8000, host);
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}${options.ssePath ?? "/sse"}`,
    port,
    host,
    handler,
    httpServer,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await handler.close();
        httpServer.closeAllConnections();
        await stopped;
      })()),
  };
}
