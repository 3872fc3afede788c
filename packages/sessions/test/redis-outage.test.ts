import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startRedis, stopRedis } from "./private-redis.js";
import { RedisMessageEventStore, RedisSessionRecordStore, SessionManager, createRedisConnection, isSessionError, type RedisConnection } from "../src/index.js";

describe("Redis outage and recovery", () => {
  let port: number;
  let directory: string;
  let server: ChildProcess | undefined;
  let connection: RedisConnection;

  beforeAll(async () => {
    port = await freePort();
    directory = await mkdtemp(join(tmpdir(), "chuk-sessions-redis-"));
    server = await startRedis(port, directory);
    connection = await createRedisConnection({ url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 500, connectTimeoutMs: 500, maxReconnectDelayMs: 300, env: {} });
  }, 15_000);

  afterAll(async () => {
    await connection?.close();
    if (server) await stopRedis(server);
    await rm(directory, { recursive: true, force: true });
  });

  it("fails fast with store_unavailable while Redis is down, loses nothing stored, and recovers on its own", async () => {
    const store = new RedisSessionRecordStore({ connection, environment: "outage", deploymentId: "d1", sandboxId: "sbx" });
    const manager = new SessionManager({ store, ttlSeconds: 600, sandboxId: "sbx" });
    const events = new RedisMessageEventStore({ connection, environment: "outage", deploymentId: "d1", sandboxId: "sbx" });
    const kept = await manager.create({ userId: "alice", metadata: { written: "before the crash" } });
    const firstEventId = await events.append("stream-1", { n: 1 });
    await events.append("stream-1", { n: 2 });

    await stopRedis(server!);
    server = undefined;

    for (const operation of [() => manager.get(kept.id), () => manager.create(), () => events.append("stream-1", { n: 3 })]) {
      const started = performance.now();
      const error = await operation().then(
        () => new Error("operation unexpectedly succeeded with Redis down"),
        (caught: unknown) => caught,
      );
      const elapsed = performance.now() - started;
      expect(isSessionError(error, "store_unavailable"), String(error)).toBe(true);
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      expect((error as Error).message).toMatch(/Check that Redis is running/);
      expect(elapsed).toBeLessThan(2_500);
    }

    server = await startRedis(port, directory);
    const deadline = Date.now() + 10_000;
    let recovered: Awaited<ReturnType<typeof manager.get>>;
    for (;;) {
      recovered = await manager.get(kept.id).catch(() => undefined);
      if (recovered || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered).toEqual(kept);
    const replay = await events.replayAfter(firstEventId);
    expect(replay?.events.map((event) => event.message)).toEqual([{ n: 2 }]);
    const afterRecovery = await manager.create({ metadata: { written: "after recovery" } });
    expect((await manager.list()).map((entry) => entry.id).sort()).toEqual([kept.id, afterRecovery.id].sort());
  }, 30_000);
});
