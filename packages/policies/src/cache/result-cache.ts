/**
 * `resultCache()`: serves repeated idempotent requests from memory for a TTL. Only results that
 * are safe to repeat are cached: `tools/call` of tools annotated `readOnlyHint: true` or
 * `idempotentHint: true` (or named in `tools`), and `resources/read` when `resources` is on.
 * Off unless installed. Tool errors, cancelled requests, 2026 `input_required` rounds and
 * requests carrying `inputResponses` / `requestState` are never cached. Entries are private to
 * the caller by default (the key holds the user, else the session), since a result may depend
 * on who asked; `scope: "shared"` drops that for public data. Install it after `visibility()`.
 */
import { McpError, type CallToolContext, type McpResult, type Middleware, type MiddlewareContext } from "@chuk-mcp/core";
import type { RedisLikeClient } from "../rate-limit/redis-store.js";
import { RedisResultCacheStore, type ResultCacheStore } from "./redis-cache-store.js";

/** Shaped for a runtime YAML `cache:` key. */
export interface ResultCacheConfig {
  /** Seconds an entry lives; default 60. */
  ttl_seconds?: number;
  /** Most entries kept (least recently used dropped first); default 1000. */
  max_entries?: number;
  /** `annotated` (default): tools whose annotations say readOnly or idempotent; or an explicit list of tool names. */
  tools?: "annotated" | readonly string[];
  /** Cache `resources/read`; default false. */
  resources?: boolean;
  /** `private` (default): per user / session; `shared`: one entry for everyone. */
  scope?: "private" | "shared";
  /** Where entries live: `memory` (default) or `redis` (shared by instances; TTL kept by Redis). */
  store?: "memory" | "redis";
  /** `redis` store: URL (default env REDIS_URL), key prefix (default `chuk-mcp:cache:`), per-step timeout (default 250 ms). */
  redis?: { url?: string; key_prefix?: string; timeout_ms?: number };
}

/** Code-only options of {@link resultCache}. */
export interface ResultCacheOptions {
  /** Clock in ms (memory store); for tests. */
  now?: () => number;
  /** For `store: redis`: an ioredis client you own, instead of connecting to `redis.url`. */
  redisClient?: RedisLikeClient;
  /** A store of your own; wins over `config.store`. */
  store?: ResultCacheStore;
}

interface Entry {
  result: McpResult;
  expiresAt: number;
}

/** JSON with sorted object keys, so `{a,b}` and `{b,a}` share an entry. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export interface ResultCache extends Middleware {
  /** Entries held (memory store; 0 for Redis). */
  readonly size: number;
  /** Drops every entry (e.g. after the data behind the cached tools changed). */
  clear(): Promise<void>;
  /** Closes the store's own connections. */
  close(): Promise<void>;
}

/** The default store: in process, least recently used dropped past `max_entries`. */
class MemoryResultCacheStore implements ResultCacheStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): McpResult | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.entries.delete(key);
    if (hit.expiresAt <= this.now()) return undefined;
    this.entries.set(key, hit);
    return hit.result;
  }

  set(key: string, result: McpResult, ttlMs: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { result, expiresAt: this.now() + ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

export function resultCache(config: ResultCacheConfig = {}, options: ResultCacheOptions = {}): ResultCache {
  const ttlMs = (config.ttl_seconds ?? 60) * 1000;
  if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) throw new McpError("invalid_definition", "cache.ttl_seconds must be a positive number of seconds");
  const maxEntries = config.max_entries ?? 1000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new McpError("invalid_definition", "cache.max_entries must be a positive integer");
  const named = Array.isArray(config.tools) ? new Set(config.tools) : undefined;
  if (config.store !== undefined && config.store !== "memory" && config.store !== "redis") throw new McpError("invalid_definition", 'cache.store must be "memory" or "redis"');
  const now = options.now ?? Date.now;
  const store: ResultCacheStore =
    options.store ??
    (config.store === "redis"
      ? new RedisResultCacheStore({ client: options.redisClient, url: config.redis?.url, keyPrefix: config.redis?.key_prefix, timeoutMs: config.redis?.timeout_ms })
      : new MemoryResultCacheStore(maxEntries, now));

  function cacheableTool(context: CallToolContext): boolean {
    const tool = context.tool;
    if (tool === undefined) return false;
    if (named !== undefined) return named.has(context.name);
    return tool.annotations?.readOnlyHint === true || tool.annotations?.idempotentHint === true;
  }

  function keyOf(context: MiddlewareContext, target: string, args: unknown): string {
    const who = config.scope === "shared" ? "*" : context.userId !== undefined ? `u:${context.userId}` : context.sessionId !== undefined ? `s:${context.sessionId}` : "anonymous";
    return `${context.era}\u0000${context.method}\u0000${who}\u0000${target}\u0000${stableJson(args)}`;
  }

  async function serve(key: string, next: () => Promise<McpResult | undefined>): Promise<McpResult | undefined> {
    const hit = await store.get(key);
    if (hit !== undefined) return hit;
    const result = await next();
    if (result === undefined || result.isError === true || (result.resultType !== undefined && result.resultType !== "complete")) return result;
    await store.set(key, result, ttlMs);
    return result;
  }

  const replay = (context: MiddlewareContext): boolean => context.params.inputResponses !== undefined || context.params.requestState !== undefined;

  const middleware: ResultCache = {
    name: "result-cache",
    get size() {
      return store.size ?? 0;
    },
    async clear() {
      await store.clear();
    },
    async close() {
      await store.close?.();
    },
    onCallTool(context, next) {
      if (replay(context) || !cacheableTool(context)) return next();
      return serve(keyOf(context, context.name, context.arguments), next);
    },
  };
  if (config.resources === true) {
    middleware.onReadResource = (context, next) => (replay(context) ? next() : serve(keyOf(context, context.uri, null), next));
  }
  return middleware;
}
