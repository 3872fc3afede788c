/**
 * Options of `new McpServer()` and of `server.handle()`.
 */
import type { AuthInfo, Icon } from "./types.js";
import type { JsonRpcMessage } from "./jsonrpc.js";
import type { Route } from "./route.js";
import type { ServerSession } from "./session.js";
import type { TaskOptions } from "./tasks/task-store.js";

/** 2026-07-28 caching hints added to list and read results. */
export interface CacheHints {
  ttlMs?: number;
  scope?: "public" | "private";
}

/** Options of `new McpServer()`. */
export interface McpServerOptions {
  name: string;
  version: string;
  title?: string;
  description?: string;
  instructions?: string;
  icons?: Icon[];
  websiteUrl?: string;
  /** Default tool timeout; else env MCP_TOOL_TIMEOUT (seconds); else 60 000 ms. */
  toolTimeoutMs?: number;
  /** Items per list page; default 100. */
  pageSize?: number;
  /** HMAC key for 2026 `requestState`; random per process when absent (set it when running several instances). */
  requestStateSecret?: string | Uint8Array;
  /** 2026 `ttlMs`/`cacheScope` hints for lists and reads. */
  cache?: CacheHints;
  /** Tasks extension (SEP-2663) limits: task ttl, poll interval, most tasks kept. */
  tasks?: TaskOptions;
  /**
   * Whether handlers can also reach their context ambiently, with `getContext()`,
   * `getSessionId()`, `getUserId()` and `requireUserId()` (default `true`); the `ctx`
   * argument works either way. Ambient context is AsyncLocalStorage: on Node 20 and 22 it
   * runs promise hooks on every promise of the process, which costs an async tool call about
   * a fifth of its stdio throughput (0.71× against 0.87× of the benchmark's limit,
   * benchmarks/RESULTS.md) and 9–12 % of an HTTP tools/call's instructions. Set `false` when
   * handlers only use `ctx`, or run Node 22 with `--experimental-async-context-frame` (the
   * default from Node 24 on), which keeps ambient context without the hooks.
   */
  ambientContext?: boolean;
}

/** Where the engine sends messages related to one request; see `HandleOptions.channel`. */
export interface OutboundChannel {
  send(message: JsonRpcMessage): void | Promise<void>;
}

/** Per-message options a transport passes to `server.handle()`. */
export interface HandleOptions {
  /** 2025-era state holder (stdio: one per process). */
  session?: ServerSession;
  /** Lower-case HTTP request headers. */
  headers?: Record<string, string | undefined>;
  auth?: AuthInfo;
  /** Messages related to this request (progress, logs, server→client requests) when there is no session. */
  send?: (message: JsonRpcMessage) => void | Promise<void>;
  /**
   * The same as `send`, as an object whose `send` method the engine calls with it as `this`
   * (used instead of `send` when both are set). A transport can pass its per-request state
   * here instead of a closure made per request: closures over per-request state measurably
   * raised how much the young generation promotes under load (benchmarks/README.md).
   */
  channel?: OutboundChannel;
  /** Transport-level abort (the client went away). Read only when a handler is still pending. */
  signal?: AbortSignal;
  /**
   * `handleText` only: the value of `JSON.parse(text)` when the transport already parsed it
   * (to route on it), so the engine does not parse the same text twice. Must not be mutated.
   */
  parsed?: unknown;
  /**
   * The message's route when the transport already called `routeMessage()` on it (to answer
   * routing errors in its own status space): the engine then neither parses nor routes again.
   */
  route?: Route;
}
