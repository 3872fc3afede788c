/**
 * Token buckets and sliding windows in Redis, shared by every instance. Each step is one Lua
 * script (EVALSHA, loaded once per connection by ioredis' defineCommand) that reads, refills or
 * counts, decides and writes atomically, on Redis' own clock (`TIME`), so instances with skewed
 * clocks agree and no read-then-write race lets two instances spend the same token. Each script
 * touches exactly one key, so on Redis Cluster every step runs on the one node owning that key's
 * slot (no hash tags needed; a `{tag}` in the prefix pins all of them to one node if you want). ioredis is loaded with `import()` only when this store connects itself.
 */
import { redisUrl, connectRedis } from "../redis-connect.js";
import { McpError } from "@chuk-mcp/core";
import type { BucketDecision, BucketLimit, RateLimitStore } from "./store.js";

/** The part of an ioredis `Redis` / `Cluster` client the store uses. */
export interface RedisLikeClient {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  quit(): Promise<unknown>;
  on?(event: "error", listener: (error: unknown) => void): unknown;
}

const COMMAND = "chukMcpTokenBucket";
const SLIDING_COMMAND = "chukMcpSlidingWindow";

// KEYS[1] bucket; ARGV capacity, windowMs, cost. Returns { allowed 0|1, remaining, retryAfterMs }.
const TOKEN_BUCKET_LUA = `
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local per_ms = capacity / window
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * per_ms)
  at = now
end
local allowed = 0
local retry = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  retry = math.max(1, math.ceil((cost - tokens) / per_ms))
end
redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'at', at)
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
return { allowed, math.floor(tokens), retry }
`;

// KEYS[1] window counts; ARGV capacity, windowMs, cost. Same step as slidingWindowStep() in store.ts.
const SLIDING_WINDOW_LUA = `
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 's', 'c', 'p')
local held = tonumber(state[1])
local start = math.floor(now / window) * window
if held ~= nil and held > start then start = held end
local current = 0
local previous = 0
if held == start then
  current = tonumber(state[2]) or 0
  previous = tonumber(state[3]) or 0
elseif held == start - window then
  previous = tonumber(state[2]) or 0
end
local elapsed = math.min(window, math.max(0, now - start))
local estimate = previous * (window - elapsed) / window + current
if estimate + cost <= capacity then
  current = current + cost
  redis.call('HSET', KEYS[1], 's', start, 'c', current, 'p', previous)
  redis.call('PEXPIRE', KEYS[1], 2 * window + 1000)
  return { 1, math.max(0, math.floor(capacity - estimate - cost)), 0 }
end
local room = capacity - cost - current
local wait
if previous > 0 and room >= 0 then
  wait = window * (1 - room / previous) - elapsed
else
  local room_next = capacity - cost
  wait = window - elapsed
  if room_next < 0 then
    wait = wait + window
  elseif current > room_next then
    wait = wait + window * (1 - room_next / current)
  end
end
redis.call('HSET', KEYS[1], 's', start, 'c', current, 'p', previous)
redis.call('PEXPIRE', KEYS[1], 2 * window + 1000)
return { 0, 0, math.max(1, math.ceil(wait)) }
`;

export interface RedisRateLimitStoreOptions {
  /** An ioredis `Redis` or `Cluster` you own (not closed by `close()`). */
  client?: RedisLikeClient;
  /** Else connect to this URL (default env REDIS_URL, else redis://127.0.0.1:6379). */
  url?: string;
  /** Prefix of every bucket key; default `chuk-mcp:rate-limit:`. Instances that share limits share it. */
  keyPrefix?: string;
  /** A step slower than this counts as a store failure (fail-open / fail-closed decides); default 250 ms. */
  timeoutMs?: number;
}

type Invoke = (key: string, capacity: number, windowMs: number, cost: number) => Promise<[number, number, number]>;


export class RedisRateLimitStore implements RateLimitStore {
  private client: RedisLikeClient | undefined;
  private connecting: Promise<RedisLikeClient> | undefined;
  private readonly owned: boolean;
  private readonly keyPrefix: string;
  private readonly timeoutMs: number;
  private readonly url: string;

  constructor(options: RedisRateLimitStoreOptions = {}) {
    this.owned = options.client === undefined;
    this.keyPrefix = options.keyPrefix ?? "chuk-mcp:rate-limit:";
    this.timeoutMs = options.timeoutMs ?? 250;
    this.url = redisUrl(options.url);
    if (options.client !== undefined) this.client = RedisRateLimitStore.prepare(options.client);
  }

  private static prepare(client: RedisLikeClient): RedisLikeClient {
    if (typeof (client as unknown as Record<string, unknown>)[COMMAND] !== "function") {
      client.defineCommand(COMMAND, { numberOfKeys: 1, lua: TOKEN_BUCKET_LUA });
    }
    if (typeof (client as unknown as Record<string, unknown>)[SLIDING_COMMAND] !== "function") {
      client.defineCommand(SLIDING_COMMAND, { numberOfKeys: 1, lua: SLIDING_WINDOW_LUA });
    }
    return client;
  }

  private clientNow(): RedisLikeClient | Promise<RedisLikeClient> {
    if (this.client !== undefined) return this.client;
    this.connecting ??= connectRedis<RedisLikeClient>({ url: this.url, purpose: "the Redis rate-limit store", extra: { enableAutoPipelining: true } }).then((client) => (this.client = RedisRateLimitStore.prepare(client)));
    return this.connecting;
  }

  async take(key: string, limit: BucketLimit, cost: number): Promise<BucketDecision> {
    const client = await this.clientNow();
    const sliding = limit.algorithm === "sliding_window";
    const invoke = (client as unknown as Record<string, Invoke>)[sliding ? SLIDING_COMMAND : COMMAND] as Invoke;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new McpError("store_timeout", `[policies] [redis] a rate-limit step took over ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const [allowed, remaining, retryAfterMs] = await Promise.race([
        invoke.call(client, `${this.keyPrefix}${sliding ? "sw:" : ""}${key}`, limit.capacity, limit.windowMs, cost),
        timeout,
      ]);
      return { allowed: allowed === 1, remaining, retryAfterMs };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    const client = this.client ?? (this.connecting === undefined ? undefined : await this.connecting.catch(() => undefined));
    this.client = undefined;
    this.connecting = undefined;
    await client?.quit().catch(() => undefined);
  }
}
