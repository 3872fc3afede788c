import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { call, demoServer } from "../../test/helpers.js";
import { rateLimit } from "./rate-limit.js";
import { RedisRateLimitStore } from "./redis-store.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// Unique per run: other suites share this Redis; never FLUSHDB.
const PREFIX = `chuk-mcp-policies-test:${process.pid}:${Date.now()}:`;
const clients: Redis[] = [];

function client(): Redis {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  clients.push(redis);
  return redis;
}

afterAll(async () => {
  const cleaner = client();
  const keys = await cleaner.keys(`${PREFIX}*`);
  if (keys.length > 0) await cleaner.del(...keys);
  await Promise.all(clients.map((redis) => redis.quit()));
});

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("RedisRateLimitStore", () => {
  it("keeps the sum of calls allowed by two instances within the limit under concurrency", async () => {
    const keyPrefix = `${PREFIX}shared:`;
    const config = { default: { requests: 10, window_seconds: 600, per: "global" as const }, store: "redis" as const, redis: { key_prefix: keyPrefix, timeout_ms: 5_000 } }; // a step slower than the default 250 ms on a loaded machine would fail open and count as allowed
    const first = demoServer().use(rateLimit(config, { redisClient: client() }));
    const second = demoServer().use(rateLimit(config, { redisClient: client() }));
    const replies = await Promise.all(Array.from({ length: 40 }, (_, index) => call(index % 2 === 0 ? first : second, index % 4 < 2 ? "2025" : "2026", "tools/call", { name: "write" })));
    const allowed = replies.filter((reply) => reply.result !== undefined).length;
    const refused = replies.filter((reply) => reply.error?.code === -32005);
    // A 600 s window refills one token per 60 s: none comes back during the test.
    expect(allowed).toBe(10);
    expect(refused).toHaveLength(30);
    expect(refused[0]?.error?.data.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused[0]?.error?.data.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("keeps the sum of two instances within a sliding-window limit too, and refuses with when to retry", async () => {
    const keyPrefix = `${PREFIX}shared-sliding:`;
    const config = { default: { requests: 10, window_seconds: 600, per: "global" as const, algorithm: "sliding_window" as const }, store: "redis" as const, redis: { key_prefix: keyPrefix, timeout_ms: 5_000 } }; // a step slower than the default 250 ms on a loaded machine would fail open and count as allowed
    const first = demoServer().use(rateLimit(config, { redisClient: client() }));
    const second = demoServer().use(rateLimit(config, { redisClient: client() }));
    const replies = await Promise.all(Array.from({ length: 40 }, (_, index) => call(index % 2 === 0 ? first : second, index % 4 < 2 ? "2025" : "2026", "tools/call", { name: "write" })));
    expect(replies.filter((reply) => reply.result !== undefined)).toHaveLength(10);
    const refused = replies.find((reply) => reply.error !== undefined);
    expect(refused?.error?.data).toMatchObject({ reason: "limit_exceeded", rule: "default", limit: 10 });
    expect(refused?.error?.data.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused?.error?.data.retryAfterSeconds).toBeLessThanOrEqual(1_200);
    const ttl = await client().pttl((await client().keys(`${keyPrefix}sw:*`))[0] as string);
    expect(ttl).toBeGreaterThan(600_000);
  });

  it("gives each caller its own bucket on the shared store and expires idle buckets", async () => {
    const redis = client();
    const store = new RedisRateLimitStore({ client: redis, keyPrefix: `${PREFIX}per-user:` });
    const limit = { capacity: 2, windowMs: 2_000 };
    expect((await store.take("u:ann", limit, 1)).allowed).toBe(true);
    expect((await store.take("u:ann", limit, 1)).allowed).toBe(true);
    const refused = await store.take("u:ann", limit, 1);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
    expect((await store.take("u:bob", limit, 1)).allowed).toBe(true);
    const ttl = await redis.pttl(`${PREFIX}per-user:u:ann`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_000);
  });

  it("connects by URL itself (ioredis loaded lazily) and closes what it opened", async () => {
    const store = new RedisRateLimitStore({ url: REDIS_URL, keyPrefix: `${PREFIX}own:` });
    expect((await store.take("k", { capacity: 1, windowMs: 1_000 }, 1)).allowed).toBe(true);
    await store.close();
  });

  it("fails open when Redis is unreachable: requests pass and onStoreError hears why", async () => {
    const port = await closedPort();
    const errors: unknown[] = [];
    const limiter = rateLimit(
      { default: { requests: 1, window_seconds: 60 }, store: "redis", redis: { url: `redis://127.0.0.1:${port}`, timeout_ms: 300 } },
      { onStoreError: (error) => errors.push(error) },
    );
    const server = demoServer().use(limiter);
    for (const era of ["2025", "2026"] as const) expect((await call(server, era, "tools/call", { name: "write" })).result?.content[0].text).toMatch(/^wrote/);
    expect(errors).toHaveLength(2);
    await limiter.close();
  });

  it("fails closed when Redis is unreachable and on_store_error is closed: -32005 store_unavailable", async () => {
    const port = await closedPort();
    const limiter = rateLimit({ default: { requests: 100, window_seconds: 60 }, store: "redis", redis: { url: `redis://127.0.0.1:${port}`, timeout_ms: 300 }, on_store_error: "closed" });
    const server = demoServer().use(limiter);
    for (const era of ["2025", "2026"] as const) {
      const reply = await call(server, era, "tools/call", { name: "write" });
      expect(reply.error?.code).toBe(-32005);
      expect(reply.error?.data).toMatchObject({ reason: "store_unavailable", retryAfterSeconds: 1 });
    }
    await limiter.close();
  });
});
