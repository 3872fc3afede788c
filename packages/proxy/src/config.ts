/**
 * The proxy's configuration: which upstream MCP servers to front, how to name what they
 * offer, and how hard to try to keep them up.
 */

import type { UpstreamLimits } from "./catalog-guard.js";

/** Per-server tool filtering and renaming, applied before namespacing. */
export interface ToolFilter {
  /** Only these upstream tool names are exposed (default: all). */
  allow?: string[];
  /** These upstream tool names are hidden (applied after `allow`). */
  deny?: string[];
  /** Upstream name → exposed (pre-namespace) name. */
  rename?: Record<string, string>;
}

/** How to start one stdio replica. */
export interface StdioEndpoint {
  command: string;
  args?: string[];
  /** Extra environment variables (merged over the proxy's own safe default environment). */
  env?: Record<string, string>;
  cwd?: string;
}

/** How to reach one HTTP replica. */
export interface HttpEndpoint {
  url: string;
  headers?: Record<string, string>;
}

interface UpstreamCommon {
  /** Per-server start (connect + initialize + first listing) timeout in ms. */
  startTimeoutMs?: number;
  /** Per-call timeout in ms for this server's tools, prompts and reads. */
  callTimeoutMs?: number;
  /** How long list results are trusted before they are fetched again. */
  ttlMs?: number;
  tools?: ToolFilter;
  /** Caps on what is proxied from this server (over the top-level `limits`). */
  limits?: UpstreamLimits;
  /** This server's circuit breaker (over the top-level `circuitBreaker`). */
  circuitBreaker?: CircuitBreakerOptions;
  /** Leave the server out without deleting its configuration. */
  disabled?: boolean;
}

/** An upstream started as a child process speaking newline-delimited JSON-RPC. */
export interface StdioUpstreamConfig extends UpstreamCommon, StdioEndpoint {
  type: "stdio";
  /** More commands serving the same tools, used round-robin with failover. */
  replicas?: StdioEndpoint[];
}

/** An upstream reached over Streamable HTTP. */
export interface HttpUpstreamConfig extends UpstreamCommon, HttpEndpoint {
  type: "http";
  /** Sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
  replicas?: (string | HttpEndpoint)[];
}

/** An upstream reached over the legacy HTTP+SSE transport (2024-11-05). */
export interface SseUpstreamConfig extends UpstreamCommon, HttpEndpoint {
  type: "sse";
  /** Sent as `Authorization: Bearer <key>` (and `X-API-Key`). */
  apiKey?: string;
  replicas?: (string | HttpEndpoint)[];
}

/** One upstream server. */
export type UpstreamConfig = StdioUpstreamConfig | HttpUpstreamConfig | SseUpstreamConfig;

/** Exponential backoff with jitter for reconnects and start retries. */
export interface ReconnectOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  /** 0..1: each delay is multiplied by a random factor in [1 - jitter, 1 + jitter]. */
  jitter?: number;
  /** Give up after this many consecutive failures (default: never). */
  maxAttempts?: number;
}

/** When to stop sending calls to a failing upstream. */
export interface CircuitBreakerOptions {
  /** Consecutive transport failures that open the circuit. */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial call is let through. */
  resetTimeoutMs?: number;
}

/** Naming of proxied tools and prompts. */
export interface NamingOptions {
  /** Prefix of proxied names: `<namespace>.<server>.<tool>`. Default "proxy"; "" drops it. */
  namespace?: string;
  /** Also register `<server>_<tool>`, sanitised to `^[a-zA-Z0-9_-]{1,64}$`. */
  openaiCompatible?: boolean;
  /** Register only the OpenAI-compatible names (implies `openaiCompatible`). */
  onlyOpenaiTools?: boolean;
  /** Also register bare upstream names (first server in configuration order wins). */
  keepRootAliases?: boolean;
}

/** Severity of the proxy's own diagnostics. */
export type ProxyLogLevel = "debug" | "info" | "warning" | "error";

/** Receives the proxy's own diagnostics (never written to stdout). */
export type ProxyLogger = (level: ProxyLogLevel, message: string, details?: Record<string, unknown>) => void;

/** The whole proxy configuration. */
export interface ProxyConfig extends NamingOptions {
  /** Upstream servers by name (`^[A-Za-z][A-Za-z0-9-]{0,31}$`). */
  servers: Record<string, UpstreamConfig>;
  /** Default per-server start timeout. Default 30 000 ms. */
  startTimeoutMs?: number;
  /** Default per-call timeout. Default 60 000 ms. */
  callTimeoutMs?: number;
  /** Default list cache lifetime. Default 300 000 ms. */
  ttlMs?: number;
  /** Health-check ping interval; 0 turns it off. Default 15 000 ms. */
  healthCheckIntervalMs?: number;
  reconnect?: ReconnectOptions;
  circuitBreaker?: CircuitBreakerOptions;
  /** Throw from `start()` when names collide instead of reporting and skipping. */
  strictNames?: boolean;
  /** Default caps per upstream: maxTools, maxPrompts (1 000 each), maxResources (10 000), maxResourceTemplates (1 000). */
  limits?: UpstreamLimits;
}

/** Defaults applied by {@link resolveDefaults}. */
export const PROXY_DEFAULTS = {
  namespace: "proxy",
  startTimeoutMs: 30_000,
  callTimeoutMs: 60_000,
  ttlMs: 300_000,
  healthCheckIntervalMs: 15_000,
  reconnect: { initialDelayMs: 250, maxDelayMs: 30_000, factor: 2, jitter: 0.2, maxAttempts: Number.POSITIVE_INFINITY },
  circuitBreaker: { failureThreshold: 3, resetTimeoutMs: 5_000 },
} as const;

/** Fully defaulted reconnect options. */
export type ResolvedReconnectOptions = Required<ReconnectOptions>;
/** Fully defaulted circuit breaker options. */
export type ResolvedCircuitBreakerOptions = Required<CircuitBreakerOptions>;
