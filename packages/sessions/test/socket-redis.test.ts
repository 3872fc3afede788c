import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisHttpEventStore, RedisSessionStore, SocketRedisConnection, createSocketSessionBackend, isSessionError } from "../src/workers.js";
import { connectTestRedis, deleteKeysUnder, REDIS_URL, uniqueDeploymentId } from "./redis-helpers.js";
import { describeSessionStore } from "./session-store-suite.js";
import { nodeSocketConnect } from "./socket-helpers.js";

describeSessionStore("redis over a web socket (RESP client)", async () => {
  const connection = new SocketRedisConnection({ connect: nodeSocketConnect, url: REDIS_URL, env: {} });
  const store = new RedisSessionStore({ connection, environment: "vitest", deploymentId: uniqueDeploymentId(), sandboxId: "sbx-test" });
  return {
    store,
    cleanup: async () => {
      const admin = await connectTestRedis();
      await deleteKeysUnder(admin, store.namespace.prefix);
      await admin.close();
    },
  };
});

describe("SocketRedisConnection", () => {
  const deploymentId = uniqueDeploymentId();
  afterAll(async () => {
    const admin = await connectTestRedis();
    await deleteKeysUnder(admin, `test:${deploymentId}:`);
    await admin.close();
  });

  it("writes sessions the ioredis store reads, with the same key and expiry", async () => {
    const backend = createSocketSessionBackend({ connect: nodeSocketConnect, env: { REDIS_URL }, environment: "test", deploymentId, sandboxId: "sbx" });
    const state = { protocolVersion: "2025-11-25", clientInfo: { name: "c", version: "1" }, clientCapabilities: {}, logLevel: "info", subscriptions: [], initialized: true };
    await backend.sessionStore.set("s-socket-1", state as never, 60_000);
    await backend.settled();
    const admin = await connectTestRedis();
    const ioredisStore = new RedisSessionStore({ connection: admin, environment: "test", deploymentId, sandboxId: "sbx" });
    expect((await ioredisStore.get("s-socket-1"))?.state).toEqual(state);
    const ttl = await admin.run("test", (client) => client.pttl(ioredisStore.sessionKey("s-socket-1")));
    expect(ttl).toBeGreaterThan(50_000);
    expect((await ioredisStore.list()).map((record) => record.id)).toEqual(["s-socket-1"]);
    await admin.close();
    await backend.sessionStore.delete("s-socket-1");
    expect(await backend.sessionStore.get("s-socket-1")).toBeUndefined();
  });

  it("keeps SSE events for resumption with the same stream layout as the ioredis store", async () => {
    const connection = new SocketRedisConnection({ connect: nodeSocketConnect, url: REDIS_URL, env: {} });
    const store = new RedisHttpEventStore({ connection, environment: "test", deploymentId, sandboxId: "sbx", maxEventsPerStream: 2, ttlSeconds: 60 });
    for (let sequence = 0; sequence < 4; sequence++) await store.append("s.e1", { sequence, message: `m${sequence}` });
    expect(await store.readAfter("s.e1", 1)).toEqual([
      { sequence: 2, message: "m2" },
      { sequence: 3, message: "m3" },
    ]);
    expect(await store.readAfter("s.e1", 0)).toBeUndefined();
    await store.deleteStream("s.e1");
  });

  it("maps a Redis error reply to store_failed with Redis's message", async () => {
    const connection = new SocketRedisConnection({ connect: nodeSocketConnect, url: REDIS_URL, env: {} });
    const failure = await connection.run("bogus", (client) => client.call("NOT-A-COMMAND")).catch((error: unknown) => error);
    expect(isSessionError(failure, "store_failed")).toBe(true);
    expect((failure as Error).message).toMatch(/rejected bogus: ERR unknown command/);
  });

  it("answers store_unavailable when nothing listens, and rejects a cluster URL up front", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const connection = new SocketRedisConnection({ connect: nodeSocketConnect, url: `redis://127.0.0.1:${port}`, env: {} });
    const failure = await connection.run("session get", (client) => client.get("k")).catch((error: unknown) => error);
    expect(isSessionError(failure, "store_unavailable")).toBe(true);
    expect((failure as Error).message).toContain(`redis://127.0.0.1:${port}`);
    expect(() => new SocketRedisConnection({ connect: nodeSocketConnect, url: "redis://a:1,b:2", env: {} })).toThrow(/one standalone Redis/);
  });

  describe("against a server that never answers", () => {
    let silent: Server;
    let port: number;
    const accepted = new Set<Socket>();
    beforeAll(async () => {
      silent = createServer((socket) => {
        accepted.add(socket);
      });
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      port = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it("gives up after commandTimeoutMs with store_unavailable", async () => {
      const connection = new SocketRedisConnection({ connect: nodeSocketConnect, url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 200, env: {} });
      const started = Date.now();
      const failure = await connection.run("session get", (client) => client.get("k")).catch((error: unknown) => error);
      expect(isSessionError(failure, "store_unavailable")).toBe(true);
      expect((failure as Error).message).toContain("no answer within 200 ms");
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  it("authenticates with the URL's password before the operation", async () => {
    // The shared Redis has no password, so AUTH is refused: proof the command went first.
    const connection = new SocketRedisConnection({ connect: nodeSocketConnect, url: REDIS_URL.replace("redis://", "redis://:secret@"), env: {} });
    const failure = await connection.run("session get", (client) => client.get("k")).catch((error: unknown) => error);
    expect(isSessionError(failure, "store_failed")).toBe(true);
    expect((failure as Error).message).toMatch(/AUTH|password/i);
  });
});
