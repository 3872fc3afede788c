/**
 * The types `run()` accepts and returns, declared here instead of imported from
 * `@chuk-mcp/http` and `@chuk-mcp/auth`: those are optional peers of `chuk-mcp`, so a
 * stdio-only project does not have them, and its `tsc` (even with `skipLibCheck: false`)
 * must not reach their declarations. Each type is the structural subset `run()` uses; the
 * real `ServeOptions`, `ResourceServer` and `AuthorizationServer` are assignable to them
 * (checked in `run-types.test.ts`). Only `@chuk-mcp/core` types are imported.
 */
import type { AuthenticateInput, AuthenticateRequest, AuthenticateResult, EventStore, SessionStateStore } from "@chuk-mcp/core";
import type { Readable, Writable } from "node:stream";
import type { TransportName } from "./run-options.js";

/** A server started by `run()`. */
export interface RunningServer {
  readonly transport: TransportName;
  /** The MCP endpoint URL (HTTP only). */
  readonly url?: string;
  /** The bound port (HTTP only; useful with `--port 0`). */
  readonly port?: number;
  /** True when `run()` did not serve because a test runner imported the module (see `force`). */
  readonly skipped?: boolean;
  /** Resolves once the transport has stopped. */
  readonly closed: Promise<void>;
  /** Stops the transport gracefully and closes the server's sessions. */
  close(): Promise<void>;
}

/** Streams `run()` may serve stdio on instead of the process's own (embedding, tests). */
export interface StdioStreams {
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  readonly stderr?: Writable;
}

/**
 * The Hono app `@chuk-mcp/http` hands to `routes` callbacks (and a Hono sub-app such as
 * `ResourceServer.routes`). Declared minimally so `chuk-mcp`'s types do not need `hono`;
 * annotate the callback's parameter as `Hono` (from `hono`) to use its API.
 */
export interface HttpRouteApp {
  fetch(request: Request, ...rest: never[]): unknown;
}

/**
 * Adds routes to the HTTP app: `(app: Hono) => { app.get("/hello", (c) => c.text("hi")); }`.
 * (A method type, so a callback typed with Hono's own `Hono` is accepted.)
 */
export type HttpRoutes = { bivarianceHack(app: HttpRouteApp): void }["bivarianceHack"];

/** CORS for browser clients (`@chuk-mcp/http`'s `CorsOptions`). */
export interface HttpCorsOptions {
  /** `"*"`, one origin, a list, or a predicate. */
  origin: string | readonly string[] | ((origin: string) => boolean);
  /** Request headers a browser may send; default: the MCP and auth headers. */
  allowHeaders?: readonly string[];
  /** Response headers a browser may read; default: Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate. */
  exposeHeaders?: readonly string[];
  /** Preflight cache lifetime; default 600 s. */
  maxAgeSeconds?: number;
  /** Send `Access-Control-Allow-Credentials: true` (never with origin "*"). */
  credentials?: boolean;
}

/** Cross-instance delivery, e.g. `RedisEventBus` from `@chuk-mcp/sessions` (`@chuk-mcp/http`'s `SessionEventBus`). */
export interface HttpEventBus {
  publish(channel: string, message: unknown): Promise<unknown>;
  subscribe(channel: string, handler: (message: unknown, channel: string) => void): Promise<() => Promise<void>>;
}

/**
 * Extra Streamable HTTP settings passed through to `@chuk-mcp/http`'s `serve()` (its
 * `ServeOptions` without `port`, `host` and `path`, which `run()` resolves itself). See
 * `@chuk-mcp/http`'s README for each setting's default.
 */
export interface HttpServeOptions {
  /** Accepted `Host` values: a hostname (any port) or `hostname:port`. Loopback binds default to loopback names. */
  allowedHosts?: readonly string[];
  /** Accepted `Origin` values, or `"*"`. Absent: an Origin naming the same host as `Host` (or both loopback). */
  allowedOrigins?: readonly string[];
  /** "json" (default): JSON unless the request produces messages before its result; "sse": always SSE. */
  responseMode?: "json" | "sse";
  /** Issue `Mcp-Session-Id` on 2025-era initialize (default true). */
  sessions?: boolean;
  /** Where session state persists. Default: a bounded in-memory store. */
  sessionStore?: SessionStateStore;
  /** Where SSE events persist for `Last-Event-ID` resumption. Default: a bounded in-memory store. */
  eventStore?: EventStore;
  /** Idle time after which a session expires. Default 30 minutes. */
  sessionTtlMs?: number;
  /** Sessions held live in this process. Default 10 000. */
  maxSessions?: number;
  /** Live sessions one client may hold. Default 1 000. */
  maxSessionsPerClient?: number;
  /** Which TCP peers are proxies whose forwarding headers are believed: `false` (default), `true`, or addresses / CIDR ranges. */
  trustProxy?: boolean | readonly string[];
  /** Largest accepted request body. Default 4 MiB. */
  maxBodyBytes?: number;
  /** SSE `retry:` sent with priming events (ms). Default 1 000; `null` omits it. */
  retryMs?: number | null;
  /** Interval of SSE keep-alive comments (ms). Default 15 000; 0 turns them off. */
  keepAliveMs?: number;
  /** How long `close()` lets in-flight requests finish. Default 10 000 ms. */
  shutdownTimeoutMs?: number;
  /** Validate Host/Origin against DNS rebinding (default true). */
  dnsRebindingProtection?: boolean;
  /** CORS for browser clients. Default: off. */
  cors?: HttpCorsOptions | false;
  /** Versions accepted in `MCP-Protocol-Version`. */
  protocolVersions?: readonly string[];
  /** Receives errors that cannot be answered on the wire. */
  onError?: (error: unknown) => void;
  /** Cross-instance delivery of session messages. Default: none (single instance). */
  eventBus?: HttpEventBus;
  /** Called on every request to the MCP endpoint; its `auth` reaches `ctx.auth`. Default: none. */
  authenticate?: AuthenticateRequest;
  /** `resource_metadata` URL for `WWW-Authenticate` on 403 insufficient_scope (RFC 9728). */
  resourceMetadataUrl?: string;
  /** Extra routes on the app, added before the MCP endpoint. */
  routes?: HttpRoutes | ReadonlyArray<HttpRoutes>;
}

/** What `run({ auth })` uses of `@chuk-mcp/auth`'s `ResourceServer` (from `createResourceServer()`). */
export interface RunResourceServer {
  authenticate(input: AuthenticateInput): Promise<AuthenticateResult>;
  protectedResourceMetadata(requestUrl?: string): Record<string, unknown>;
  /** Serves the RFC 9728 metadata route. */
  readonly routes: HttpRouteApp;
}

/** What `run({ auth })` uses of `@chuk-mcp/auth`'s `AuthorizationServer` (from `createAuthorizationServer()`). */
export interface RunAuthorizationServer {
  /** The authorization server's routes (metadata, authorize, token, ...). */
  readonly routes: HttpRouteApp;
  /** Options of a resource server that trusts this authorization server's tokens. */
  resourceServerOptions(resource?: string): object;
}

/**
 * How `run()` authenticates HTTP requests:
 * - a `ResourceServer` from `@chuk-mcp/auth`'s `createResourceServer()`;
 * - `{ authorizationServer, resource? }`: the built-in authorization server (its routes are
 *   mounted too) and a resource server that trusts it;
 * - `false`: no authentication, even when `JWT_SECRET_KEY` is set.
 * Unset: `JWT_SECRET_KEY` (with `JWT_ALGORITHM`, `JWT_ISSUER`, ...) turns on bearer JWT checks.
 * Any of these needs `@chuk-mcp/auth` installed next to `chuk-mcp`.
 */
export type RunAuth = RunResourceServer | AuthorizationServerAuth | false;

/** `run({ auth: { authorizationServer } })`: serve the authorization server and trust its tokens. */
export interface AuthorizationServerAuth {
  readonly authorizationServer: RunAuthorizationServer;
  /** The protected resource (this MCP endpoint's public URL). Default: the server's first `resources` entry. */
  readonly resource?: string;
}
