/**
 * A real Redis outage: a redis-server started for the test on a free port serves the limiter,
 * is SIGKILLed, and comes back. Both algorithms, fail-open and fail-closed, both eras.
 */
import { afterEach, describe, expect, it } from "vitest";
import { rateLimit } from "../src/index.js";
import { call, demoServer, ERAS } from "./helpers.js";
import { startRedis, type RedisProcess } from "./redis-processes.js";

const started: RedisProcess[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!().catch(() => undefined);
  while (started.length > 0) await started.pop()!.kill();
});

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(["token_bucket", "sliding_window"] as const)("Redis outage, %s", (algorithm) => {
  it.each(["open", "closed"] as const)("fails %s while Redis is down, then counts again once it is back", async (mode) => {
    const redis = await startRedis();
    started.push(redis);
    const errors: unknown[] = [];
    const limiter = rateLimit(
      {
        default: { requests: 1, window_seconds: 60, per: "user", algorithm },
        store: "redis",
        redis: { url: `redis://127.0.0.1:${redis.port}`, key_prefix: `test:policies-outage:${process.pid}:`, timeout_ms: 300 },
        on_store_error: mode,
      },
      { onStoreError: (error) => errors.push(error) },
    );
    closers.push(() => limiter.close());
    const server = demoServer().use(limiter);
    const ann = { auth: { subject: "ann", scopes: [] } };
    // Up: the store counts (the second call is over the limit).
    expect((await call(server, "2025", "tools/call", { name: "write" }, ann)).result).toBeDefined();
    expect((await call(server, "2026", "tools/call", { name: "write" }, ann)).error?.data).toMatchObject({ reason: "limit_exceeded" });
    expect(errors).toHaveLength(0);

    await redis.kill();
    for (const era of ERAS) {
      const started_ = Date.now();
      const reply = await call(server, era, "tools/call", { name: "write" }, ann);
      expect(Date.now() - started_).toBeLessThan(3_000);
      if (mode === "open") expect(reply.result?.content[0].text).toMatch(/^wrote/);
      else {
        expect(reply.error?.code).toBe(-32005);
        expect(reply.error?.data).toMatchObject({ reason: "store_unavailable", retryAfterSeconds: 1 });
        expect(reply.error?.message).toMatch(/store is unreachable and the limiter fails closed; retry after 1 s/);
      }
    }
    expect(errors.length).toBeGreaterThanOrEqual(2);

    // Back (empty: no persistence): the limiter reconnects and counts from zero again.
    started.push(await startRedis([], redis.port));
    const bob = { auth: { subject: "bob", scopes: [] } };
    await until(async () => {
      const before = errors.length;
      const reply = await call(server, "2025", "tools/call", { name: "write" }, bob);
      return reply.result !== undefined && errors.length === before;
    }, 10_000);
    expect((await call(server, "2026", "tools/call", { name: "write" }, bob)).error?.data).toMatchObject({ reason: "limit_exceeded" });
  }, 40_000);
});
