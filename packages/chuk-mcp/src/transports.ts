import type { StdioEngine, StdioLogger } from "@chuk-mcp/stdio";
import type { McpServer, ServerSession } from "@chuk-mcp/core";
import type { ServeOptions } from "@chuk-mcp/http/node";
import { createAuthWiring } from "./auth-wiring.js";
import type { Logger } from "./logger.js";
import { importOptionalPeer } from "./optional-peer.js";
import type { ResolvedRunOptions, RunEnvironment } from "./run-options.js";
import type { HttpServeOptions, RunAuth, RunningServer, StdioStreams } from "./run-types.js";
import { createSessionWiring } from "./session-wiring.js";
import { UsageError } from "./usage-error.js";

export type { HttpServeOptions, RunningServer, StdioStreams } from "./run-types.js";

/**
 * Serves `server` on stdio until stdin ends or a signal arrives. The stdio package is loaded
 * here, not at import: an HTTP server would otherwise load `node:v8`, `node:perf_hooks`,
 * `node:string_decoder` and `node:util` at startup for nothing (about 5 ms of its cold start).
 */
export async function startStdio(server: McpServer, logger: Logger, streams: StdioStreams = {}): Promise<RunningServer> {
  const { serveStdio } = await import("@chuk-mcp/stdio");
  const engine = logger.isEnabled("debug") ? withMessageLogging(server, logger) : server;
  const stdio = serveStdio(engine, { ...streams, logger: toStdioLogger(logger) });
  logger.info("Serving MCP on stdio.");
  if (process.env.CHUK_MCP_DEV === "1") {
    process.stderr.write(`chuk-mcp dev: ${server.info.name} ${server.info.version} on stdio: ${describeCounts(server)}\n`);
  }
  const stdin = streams.stdin ?? process.stdin;
  if ((stdin as { isTTY?: boolean }).isTTY === true) {
    process.stderr.write("chuk-mcp: serving MCP on stdio; this process expects JSON-RPC from an MCP client, not typing (Ctrl+C to quit).\n");
  }
  return {
    transport: "stdio",
    closed: stdio.closed,
    close: () => stdio.close(),
  };
}

/** What {@link startHttp} needs besides the server. */
export interface StartHttpOptions {
  readonly resolved: ResolvedRunOptions;
  readonly logger: Logger;
  /** Environment for the session provider and `JWT_*` settings. */
  readonly env: RunEnvironment;
  /** The user's extra transport settings; their `sessionStore` / `authenticate` win. */
  readonly http?: HttpServeOptions;
  readonly auth?: RunAuth;
}

/**
 * Serves `server` over Streamable HTTP, with the configured session provider and
 * authentication; SIGTERM/SIGINT close it gracefully and exit 0.
 */
export async function startHttp(server: McpServer, options: StartHttpOptions): Promise<RunningServer> {
  const { resolved, logger, env } = options;
  const extra = options.http ?? {};
  if (options.auth !== undefined && options.auth !== false && extra.authenticate !== undefined) {
    throw new UsageError("run() got both `auth` and `http.authenticate`; pass only one of them.");
  }
  // Loaded on demand (and an optional peer) so stdio servers never install or load the HTTP stack.
  const http = await importOptionalPeer("@chuk-mcp/http", "The HTTP transport (--http, MCP_TRANSPORT=http)", () => import("@chuk-mcp/http/node"));
  const auth =
    extra.authenticate === undefined ? await createAuthWiring({ auth: options.auth, env, endpoint: resolved, logger }) : undefined;
  const sessions = await createSessionWiring({ provider: resolved.sessionProvider, env, http: extra, logger });
  let listening: Awaited<ReturnType<typeof http.serve>>;
  try {
    const serveOptions: ServeOptions = {
      onError: (error) => logger.error("HTTP transport error.", error),
      ...sessions.options,
      ...(resolved.stateless ? { sessions: false } : {}),
      ...(auth === undefined ? {} : { authenticate: auth.authenticate, resourceMetadataUrl: auth.resourceMetadataUrl }),
      ...extra,
      // The local `HttpRoutes` type is Hono's callback, declared without Hono (see run-types.ts).
      routes: mergeRoutes(auth?.routes, extra.routes) as ServeOptions["routes"],
      port: resolved.port,
      host: resolved.host,
      path: resolved.path,
    };
    listening = await http.serve(server, serveOptions);
  } catch (error) {
    await sessions.close().catch((cause: unknown) => logger.warning("Could not close the session store.", cause));
    throw describeListenError(error, resolved);
  }
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      try {
        await listening.close();
        await server.close();
      } finally {
        // Sessions stay in the store for the next instance; only the connection goes.
        await sessions.close().catch((cause: unknown) => logger.warning("Could not close the session store.", cause));
        resolveClosed();
      }
    })();
    return closing;
  };
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(1);
    logger.info(`Received ${signal}; closing the HTTP server.`);
    void close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  // A startup banner, not a log line: people need the URL whatever the log level.
  process.stderr.write(httpBanner(server, listening.url, resolved));
  return { transport: "http", url: listening.url, port: listening.port, closed, close };
}

/** Two lines: where the server listens, what it serves, and the container hint on a loopback bind. */
export function httpBanner(server: McpServer, url: string, resolved: Pick<ResolvedRunOptions, "host" | "stateless">): string {
  const loopback = resolved.host === "127.0.0.1" || resolved.host === "localhost" || resolved.host === "::1";
  const hint = loopback ? " (loopback only; in a container pass --host 0.0.0.0)" : "";
  const mode = resolved.stateless ? ", stateless" : "";
  return `MCP server listening on ${url}${hint}\n  ${server.info.name} ${server.info.version}: ${describeCounts(server)}${mode}\n`;
}

/** "2 tools, 1 resource, 0 prompts" (templates count as resources). */
export function describeCounts(server: McpServer): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const resources = server.getResources().length + server.getResourceTemplates().length;
  return `${plural(server.getTools().length, "tool")}, ${plural(resources, "resource")}, ${plural(server.getPrompts().length, "prompt")}`;
}

function mergeRoutes(ours: HttpServeOptions["routes"], theirs: HttpServeOptions["routes"]): HttpServeOptions["routes"] {
  const list = (routes: HttpServeOptions["routes"]) => (routes === undefined ? [] : typeof routes === "function" ? [routes] : [...routes]);
  return [...list(ours), ...list(theirs)];
}

function describeListenError(error: unknown, options: ResolvedRunOptions): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "EADDRINUSE") {
    return new Error(`Port ${options.port} on ${options.host} is already in use; pass --port <n> (or PORT=<n>), or --port 0 for a free port.`, { cause: error });
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    return new Error(`Cannot listen on host '${options.host}': no such local address; pass --host 127.0.0.1 or a local interface.`, { cause: error });
  }
  if (code === "EACCES") {
    return new Error(`Not allowed to listen on port ${options.port}; use a port above 1023.`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Wraps the engine so each stdio message is logged at debug level with its duration. */
function withMessageLogging(server: McpServer, logger: Logger): StdioEngine<ServerSession> {
  return {
    createSession: (options) => server.createSession(options),
    handleText: async (text, options) => {
      const started = performance.now();
      const label = describeMessage(text);
      logger.debug(`<- ${label}`);
      const reply = await server.handleText(text, options);
      logger.debug(`-> ${label} (${(performance.now() - started).toFixed(1)} ms)`);
      return reply;
    },
  };
}

function describeMessage(text: string): string {
  try {
    const message = JSON.parse(text) as { id?: unknown; method?: unknown };
    const method = typeof message.method === "string" ? message.method : "response";
    return message.id === undefined ? method : `${method} #${String(message.id)}`;
  } catch {
    return "unparseable message";
  }
}

function toStdioLogger(logger: Logger): StdioLogger {
  return (level, message, cause) => logger[level](`[stdio] ${message}`, cause);
}
