import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { call, demoServer, ERAS } from "../../test/helpers.js";
import { startRedis } from "../../test/redis-processes.js";
import { resultCache } from "./result-cache.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// Unique per run: other suites share this Redis; never FLUSHDB.
const PREFIX = `test:policies-cache:${process.pid}:${Date.now()}:`;
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

describe.each(ERAS)("resultCache({ store: redis }) in the %s era", (era) => {
  it("shares entries between two instances under the key prefix, with Redis keeping the TTL", async () => {
    const keyPrefix = `${PREFIX}${era}:shared:`;
    const config = { ttl_seconds: 1, store: "redis" as const, scope: "shared" as const, redis: { key_prefix: keyPrefix } };
    const first = demoServer().use(resultCache(config, { redisClient: client() }));
    const second = demoServer().use(resultCache(config, { redisClient: client() }));
    const miss = (await call(first, era, "tools/call", { name: "echo", arguments: { text: "a" } })).result.content[0].text;
    expect(miss).toBe("echo a #1");
    // The second instance never ran the tool: a hit from the first one's entry.
    expect((await call(second, era, "tools/call", { name: "echo", arguments: { text: "a" } })).result.content[0].text).toBe("echo a #1");
    const keys = await client().keys(`${keyPrefix}*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^${keyPrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[0-9a-f]{64}$`));
    const ttl = await client().pttl(keys[0] as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // Expired: the first instance runs its tool again (its second run), and that is shared now.
    expect((await call(first, era, "tools/call", { name: "echo", arguments: { text: "a" } })).result.content[0].text).toBe("echo a #2");
    expect((await call(second, era, "tools/call", { name: "echo", arguments: { text: "a" } })).result.content[0].text).toBe("echo a #2");
  });

  it("never caches tool errors, and clear() drops only its own prefix", async () => {
    const keyPrefix = `${PREFIX}${era}:clear:`;
    const other = `${PREFIX}${era}:other:`;
    await client().set(`${other}keep`, "1");
    const cache = resultCache({ store: "redis", redis: { key_prefix: keyPrefix } }, { redisClient: client() });
    const server = demoServer().use(cache);
    expect((await call(server, era, "tools/call", { name: "broken" })).result.isError).toBe(true);
    expect(await client().keys(`${keyPrefix}*`)).toHaveLength(0);
    await call(server, era, "tools/call", { name: "echo", arguments: { text: "b" } });
    expect(await client().keys(`${keyPrefix}*`)).toHaveLength(1);
    await cache.clear();
    expect(await client().keys(`${keyPrefix}*`)).toHaveLength(0);
    expect(await client().get(`${other}keep`)).toBe("1");
  });
});

describe("resultCache({ store: redis }) on a Redis outage", () => {
  it("serves from the tool (a miss) while Redis is down, never failing the request", async () => {
    const redis = await startRedis();
    const cache = resultCache({ store: "redis", scope: "shared", redis: { url: `redis://127.0.0.1:${redis.port}`, timeout_ms: 200 } });
    const server = demoServer().use(cache);
    try {
      expect((await call(server, "2025", "tools/call", { name: "echo", arguments: { text: "c" } })).result.content[0].text).toBe("echo c #1");
      expect((await call(server, "2025", "tools/call", { name: "echo", arguments: { text: "c" } })).result.content[0].text).toBe("echo c #1");
      await redis.kill();
      expect((await call(server, "2026", "tools/call", { name: "echo", arguments: { text: "c" } })).result.content[0].text).toBe("echo c #2");
    } finally {
      await cache.close();
      await redis.kill();
    }
  });
});
