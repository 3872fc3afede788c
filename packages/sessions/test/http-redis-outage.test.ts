import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type RunningServer } from "@chuk-mcp/http/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpSessionBackend, createRedisConnection, type HttpSessionBackend, type RedisConnection } from "../src/index.js";
import { createTestServer, INITIALIZE, initialize, post } from "./http-helpers.js";
import { freePort, startRedis, stopRedis } from "./private-redis.js";

interface Instance {
  connection: RedisConnection;
  backend: HttpSessionBackend;
  running: RunningServer;
}

describe("HTTP sessions while Redis goes down and comes back", () => {
  let port: number;
  let directory: string;
  let redis: ChildProcess | undefined;
  const instances: Instance[] = [];
  const reported: unknown[] = [];

  async function startInstance(): Promise<Instance> {
    const connection = await createRedisConnection({ url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 500, connectTimeoutMs: 500, maxReconnectDelayMs: 300, env: {} });
    const backend = await createHttpSessionBackend({ provider: "redis", connection, environment: "outage", deploymentId: "http", sandboxId: "sbx", env: {} });
    const running = await serve(createTestServer().server, {
      port: 0,
      keepAliveMs: 0,
      sessionStore: backend.sessionStore,
      eventStore: backend.eventStore,
      eventBus: backend.eventBus,
      onError: (error) => reported.push(error),
    });
    const instance = { connection, backend, running };
    instances.push(instance);
    return instance;
  }

  beforeAll(async () => {
    port = await freePort();
    directory = await mkdtemp(join(tmpdir(), "chuk-sessions-http-outage-"));
    redis = await startRedis(port, directory);
  }, 15_000);

  afterAll(async () => {
    for (const instance of instances) {
      await instance.running.close();
      await instance.backend.close();
      await instance.connection.close();
    }
    if (redis) await stopRedis(redis);
    await rm(directory, { recursive: true, force: true });
  });

  it("answers 503 quickly and clearly while Redis is down, keeps the session, and recovers by itself", async () => {
    const a = await startInstance();
    const sessionId = await initialize(a.running.url);
    const add = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } } };

    await stopRedis(redis!);
    redis = undefined;

    // B never saw the session: it must ask Redis, and gets a clear, fast 503.
    const b = await startInstance();
    const started = performance.now();
    const during = await post(b.running.url, add, { "mcp-session-id": sessionId });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("1");
    const body = (await during.json()) as { id: number; error: { message: string } };
    expect(body.id).toBe(1);
    expect(body.error.message).toMatch(/session store cannot be reached/);
    expect(reported.some((error) => String(error).includes(`127.0.0.1:${port}`))).toBe(true);

    // A new session cannot be persisted, so it is refused rather than half-created.
    const refused = await post(a.running.url, INITIALIZE);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("mcp-session-id")).toBeNull();

    // A still holds the session live and keeps serving it.
    const onA = await post(a.running.url, add, { "mcp-session-id": sessionId });
    expect(onA.status).toBe(200);

    redis = await startRedis(port, directory);
    const deadline = Date.now() + 10_000;
    let after: Response;
    for (;;) {
      after = await post(b.running.url, add, { "mcp-session-id": sessionId });
      if (after.status === 200 || Date.now() > deadline) break;
      await after.text();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "3" }] } });
    const fresh = await initialize(b.running.url);
    expect(fresh).not.toBe(sessionId);
  }, 30_000);
});
