/**
 * Result cache entries in Redis, shared by every instance: one string key per entry
 * (`<prefix><sha-256 of the cache key>`, so client-chosen arguments never make long keys), the
 * result as JSON, and the TTL kept by Redis itself (`SET … PX`). A cache must never fail a
 * request: a Redis error or a step slower than `timeoutMs` is a miss (read) or a skipped write.
 * ioredis is loaded with `import()` only when the store connects itself.
 */
import { McpError, type McpResult } from "@chuk-mcp/core";
import type { RedisLikeClient } from "../rate-limit/redis-store.js";
import { connectRedis, redisUrl } from "../redis-connect.js";

/** Where a result cache keeps entries. */
export interface ResultCacheStore {
  get(key: string): McpResult | undefined | Promise<McpResult | undefined>;
  set(key: string, result: McpResult, ttlMs: number): void | Promise<void>;
  clear(): void | Promise<void>;
  /** Entries held, when the store can tell cheaply. */
  readonly size?: number;
  close?(): Promise<void>;
}

/** The commands this store sends (an ioredis `Redis`, or a `Cluster` for get/set). */
interface RedisCacheClient extends RedisLikeClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: "PX", ttlMs: number): Promise<unknown>;
  scan?(cursor: string, match: "MATCH", pattern: string, count: "COUNT", size: number): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
}

export interface RedisResultCacheStoreOptions {
  client?: RedisLikeClient;
  url?: string;
  keyPrefix?: string;
  timeoutMs?: number;
}


async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

export class RedisResultCacheStore implements ResultCacheStore {
  private client: RedisCacheClient | undefined;
  private connecting: Promise<RedisCacheClient> | undefined;
  private readonly owned: boolean;
  private readonly keyPrefix: string;
  private readonly timeoutMs: number;
  private readonly url: string;

  constructor(options: RedisResultCacheStoreOptions = {}) {
    this.owned = options.client === undefined;
    this.client = options.client as RedisCacheClient | undefined;
    this.keyPrefix = options.keyPrefix ?? "chuk-mcp:cache:";
    this.timeoutMs = options.timeoutMs ?? 250;
    this.url = redisUrl(options.url);
  }

  private clientNow(): RedisCacheClient | Promise<RedisCacheClient> {
    if (this.client !== undefined) return this.client;
    this.connecting ??= connectRedis<RedisCacheClient>({ url: this.url, purpose: "the Redis result-cache store" }).then((client) => (this.client = client));
    return this.connecting;
  }

  private async bounded<T>(step: (client: RedisCacheClient) => Promise<T>): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const client = await this.clientNow();
      return await Promise.race([step(client), new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), this.timeoutMs);
      })]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async get(key: string): Promise<McpResult | undefined> {
    const id = this.keyPrefix + (await sha256(key));
    const text = await this.bounded((client) => client.get(id));
    if (typeof text !== "string") return undefined;
    try {
      return JSON.parse(text) as McpResult;
    } catch {
      return undefined;
    }
  }

  async set(key: string, result: McpResult, ttlMs: number): Promise<void> {
    const id = this.keyPrefix + (await sha256(key));
    await this.bounded((client) => client.set(id, JSON.stringify(result), "PX", Math.max(1, Math.ceil(ttlMs))));
  }

  /** Deletes every key under the prefix (SCAN, so Redis keeps serving; standalone Redis only). */
  async clear(): Promise<void> {
    const client = await this.clientNow();
    if (typeof client.scan !== "function") throw new McpError("unsupported", "[policies] [redis] clear() needs a standalone Redis client (SCAN); on a Cluster, use a new key_prefix instead");
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${this.keyPrefix}*`, "COUNT", 500);
      cursor = next;
      for (const key of keys) await client.del(key);
    } while (cursor !== "0");
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    const client = this.client ?? (this.connecting === undefined ? undefined : await this.connecting.catch(() => undefined));
    this.client = undefined;
    this.connecting = undefined;
    await client?.quit().catch(() => undefined);
  }
}
