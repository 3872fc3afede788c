/**
 * Options for the Streamable HTTP transport, and their resolved (defaulted) form.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import type { Hono } from "hono";
import { Cors, type CorsOptions } from "./cors.js";
import type { AuthenticateRequest } from "./authenticate.js";
import type { SessionEventBus } from "./event-bus.js";
import { MemoryEventStore, type EventStore } from "./event-store.js";
import { ProxyTrust, type TrustProxyOption } from "./forwarding.js";
import { OriginPolicy, type OriginProtectionOptions } from "./origin-policy.js";
import { DEFAULT_PROTOCOL_VERSIONS } from "./protocol.js";
import { MemorySessionStateStore, type SessionStateStore } from "./memory-session-state-store.js";

/** Everything `createMcpHandler`, `createMcpApp` and `serve` accept. */
export interface McpHttpOptions extends OriginProtectionOptions {
  /** Endpoint path for the app and `serve()`. Default "/mcp". */
  path?: string;
  /** "json" (default): JSON unless the request produces messages before its result; "sse": always SSE. */
  responseMode?: "json" | "sse";
  /** Issue `Mcp-Session-Id` on 2025-era initialize (default true). False: serve 2025 requests statelessly. */
  sessions?: boolean;
  /** Where session state persists. Default: a bounded in-memory store. */
  sessionStore?: SessionStateStore;
  /** Where SSE events persist for `Last-Event-ID` resumption. Default: a bounded in-memory store. */
  eventStore?: EventStore;
  /** Idle time after which a session expires. Default 30 minutes. */
  sessionTtlMs?: number;
  /** Sessions held live in this process. Default 10 000. */
  maxSessions?: number;
  /**
   * Live sessions one client may hold (by authenticated subject, else by client address; IPv6
   * by /64). A client at the cap gives up its own oldest idle session; when all of its
   * sessions are busy, `initialize` gets 429. Default 1 000.
   */
  maxSessionsPerClient?: number;
  /**
   * Which TCP peers are proxies whose `Forwarded` / `X-Forwarded-*` / `X-Real-IP` headers are
   * believed: `false` (default) nobody, `true` every peer, or addresses / CIDR ranges
   * (`["10.0.0.0/8", "::1"]`). From anyone else those headers are removed before the
   * authenticator, the engine and tools see the request.
   */
  trustProxy?: TrustProxyOption;
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
  /** CORS for browser clients. Default: off (no CORS headers). */
  cors?: CorsOptions | false;
  /** Versions accepted in `MCP-Protocol-Version`. Default: 2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26. */
  protocolVersions?: readonly string[];
  /** Receives errors that cannot be answered on the wire (store failures, engine crashes). */
  onError?: (error: unknown) => void;
  /**
   * Cross-instance delivery (e.g. `RedisEventBus` from `@chuk-mcp/sessions`): messages for a
   * session whose stream is held by another instance are published, and each instance
   * delivers what arrives for the streams it holds. Default: none (single instance).
   */
  eventBus?: SessionEventBus;
  /**
   * Called on every request to the MCP endpoint (POST, GET, DELETE; not the CORS preflight)
   * before anything else is read. A failure is answered as-is; a success's `auth` reaches
   * the engine (`ctx.auth`, `ctx.userId`). Default: none (no authentication).
   */
  authenticate?: AuthenticateRequest;
  /** `resource_metadata` URL for `WWW-Authenticate` on 403 insufficient_scope (RFC 9728). */
  resourceMetadataUrl?: string;
  /**
   * Extra routes on the app (and so on `serve()`): OAuth metadata, consent pages, artifact
   * downloads. Called with the Hono app before the MCP endpoint is mounted.
   */
  routes?: ((app: Hono) => void) | ReadonlyArray<(app: Hono) => void>;
}

/** Options after defaults; what the transport reads on the hot path. */
export interface ResolvedOptions {
  path: string;
  forceSse: boolean;
  sessions: boolean;
  sessionStore: SessionStateStore;
  eventStore: EventStore;
  sessionTtlMs: number;
  maxSessions: number;
  maxSessionsPerClient: number;
  proxyTrust: ProxyTrust;
  maxBodyBytes: number;
  retryMs: number | undefined;
  keepAliveMs: number;
  shutdownTimeoutMs: number;
  originPolicy: OriginPolicy | undefined;
  cors: Cors | undefined;
  protocolVersions: readonly string[];
  onError: (error: unknown) => void;
  eventBus: SessionEventBus | undefined;
  authenticate: AuthenticateRequest | undefined;
  resourceMetadataUrl: string | undefined;
  routes: ReadonlyArray<(app: Hono) => void>;
}

/** Default body limit: 4 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

function reportToConsole(error: unknown): void {
  console.error("[chuk-mcp] [http]", error);
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`[chuk-mcp] [http] option ${name} must be a non-negative number, got ${String(value)}`);
  }
  return value;
}

function atLeastOne(name: string, value: number | undefined, fallback: number): number {
  const resolved = positive(name, value, fallback);
  if (resolved < 1) throw new RangeError(`[chuk-mcp] [http] option ${name} must be at least 1, got ${String(value)}`);
  return resolved;
}

/** Applies defaults and compiles policies once. */
export function resolveOptions(options: McpHttpOptions = {}): ResolvedOptions {
  const cors = options.cors ? new Cors(options.cors) : undefined;
  const path = options.path ?? "/mcp";
  if (!path.startsWith("/")) throw new RangeError(`[chuk-mcp] [http] option path must start with "/", got "${path}"`);
  return {
    path,
    forceSse: options.responseMode === "sse",
    sessions: options.sessions ?? true,
    sessionStore: options.sessionStore ?? new MemorySessionStateStore({ maxSessions: options.maxSessions ?? 10_000 }),
    eventStore: options.eventStore ?? new MemoryEventStore(),
    sessionTtlMs: positive("sessionTtlMs", options.sessionTtlMs, 30 * 60_000),
    maxSessions: positive("maxSessions", options.maxSessions, 10_000),
    maxSessionsPerClient: atLeastOne("maxSessionsPerClient", options.maxSessionsPerClient, 1_000),
    proxyTrust: new ProxyTrust(options.trustProxy),
    maxBodyBytes: positive("maxBodyBytes", options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
    retryMs: options.retryMs === null ? undefined : positive("retryMs", options.retryMs, 1_000),
    keepAliveMs: positive("keepAliveMs", options.keepAliveMs, 15_000),
    shutdownTimeoutMs: positive("shutdownTimeoutMs", options.shutdownTimeoutMs, 10_000),
    originPolicy:
      options.dnsRebindingProtection === false
        ? undefined
        : new OriginPolicy(
            { allowedHosts: options.allowedHosts, allowedOrigins: options.allowedOrigins },
            cors === undefined ? undefined : (origin) => cors.allows(origin),
          ),
    cors,
    protocolVersions: options.protocolVersions ?? DEFAULT_PROTOCOL_VERSIONS,
    onError: options.onError ?? reportToConsole,
    eventBus: options.eventBus,
    authenticate: options.authenticate,
    resourceMetadataUrl: options.resourceMetadataUrl,
    routes: options.routes === undefined ? [] : typeof options.routes === "function" ? [options.routes] : [...options.routes],
  };
}
