import { afterEach, describe, expect, it } from "vitest";
import {
  RedisEventBus,
  RedisMessageEventStore,
  RedisSessionRecordStore,
  SandboxRegistry,
  SessionManager,
  createSessionRecordStore,
  isSessionError,
  type RedisConnection,
} from "../src/index.js";
import { connectTestRedis, deleteKeysUnder, REDIS_URL, uniqueDeploymentId } from "./redis-helpers.js";

const opened: RedisConnection[] = [];
const prefixes: string[] = [];

async function instance(deploymentId: string, sandboxId: string) {
  const connection = await connectTestRedis();
  opened.push(connection);
  const options = { connection, environment: "vitest", deploymentId, sandboxId };
  const store = new RedisSessionRecordStore(options);
  prefixes.push(store.namespace.prefix);
  return { connection, store, manager: new SessionManager({ store, sandboxId }), bus: new RedisEventBus(options), log: new RedisMessageEventStore(options), registry: new SandboxRegistry({ ...options, ttlSeconds: 120 }) };
}

afterEach(async () => {
  const cleaner = opened[0];
  for (const prefix of prefixes.splice(0)) if (cleaner) await deleteKeysUnder(cleaner, prefix);
  for (const connection of opened.splice(0)) await connection.close();
});

describe("Redis state shared across instances", () => {
  it("serves a session created on one instance from another instance of the same deployment", async () => {
    const deploymentId = uniqueDeploymentId();
    const podA = await instance(deploymentId, "pod-a");
    const podB = await instance(deploymentId, "pod-b");
    const created = await podA.manager.create({ userId: "alice" });
    expect(await podB.manager.get(created.id)).toEqual(created);
    expect(created.sandboxId).toBe("pod-a");
    await podB.manager.delete(created.id);
    expect(await podA.manager.get(created.id)).toBeUndefined();
  });

  it("keeps deployments apart: another DEPLOYMENT_ID never sees the session", async () => {
    const one = await instance(uniqueDeploymentId(), "pod");
    const other = await instance(uniqueDeploymentId(), "pod");
    const created = await one.manager.create();
    expect(await other.manager.get(created.id)).toBeUndefined();
    expect(await other.manager.list()).toEqual([]);
    expect(one.store.sessionKey(created.id)).toBe(`vitest:${one.store.namespace.deploymentId}:sbx:session:${created.id}`);
  });

  it("delivers a published JSON message to subscribers on other instances, and stops after unsubscribe", async () => {
    const deploymentId = uniqueDeploymentId();
    const podA = await instance(deploymentId, "pod-a");
    const podB = await instance(deploymentId, "pod-b");
    const received: unknown[] = [];
    const arrived = new Promise<void>((resolve) => {
      void podB.bus.subscribe("tools/list_changed", (message, channel) => {
        received.push({ message, channel });
        resolve();
      }).then((unsubscribe) => (unsubscribeB = unsubscribe));
    });
    let unsubscribeB: (() => Promise<void>) | undefined;
    await expect.poll(() => unsubscribeB !== undefined, { timeout: 2_000 }).toBe(true);
    expect(await podA.bus.publish("tools/list_changed", { method: "notifications/tools/list_changed" })).toBe(1);
    await arrived;
    expect(received).toEqual([{ channel: "tools/list_changed", message: { method: "notifications/tools/list_changed" } }]);
    await unsubscribeB!();
    expect(await podA.bus.publish("tools/list_changed", { again: true })).toBe(0);
    await podA.bus.close();
    await podB.bus.close();
  });

  it("lets a client resume an SSE stream on another instance", async () => {
    const deploymentId = uniqueDeploymentId();
    const podA = await instance(deploymentId, "pod-a");
    const podB = await instance(deploymentId, "pod-b");
    const first = await podA.log.append("session-1/get", { jsonrpc: "2.0", method: "notifications/message", params: { n: 1 } });
    await podA.log.append("session-1/get", { jsonrpc: "2.0", method: "notifications/message", params: { n: 2 } });
    const replay = await podB.log.replayAfter(first);
    expect(replay?.events.map((event) => (event.message as { params: { n: number } }).params.n)).toEqual([2]);
  });

  it("registers the sandbox with the configured TTL and unregisters it", async () => {
    const pod = await instance(uniqueDeploymentId(), "pod-registry");
    const registration = await pod.registry.register({ host: "test" });
    expect(await pod.registry.lookup("pod-registry")).toEqual(registration);
    const ttl = await pod.registry.remainingTtl();
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    await pod.registry.unregister();
    expect(await pod.registry.lookup("pod-registry")).toBeUndefined();
  });

  it("creates a Redis store from SESSION_PROVIDER and REDIS_URL and rejects unknown providers", async () => {
    const deploymentId = uniqueDeploymentId();
    const store = await createSessionRecordStore({ env: { SESSION_PROVIDER: "redis", REDIS_URL, DEPLOYMENT_ID: deploymentId, ENVIRONMENT: "vitest" } });
    expect(store).toBeInstanceOf(RedisSessionRecordStore);
    expect((store as RedisSessionRecordStore).namespace.prefix).toBe(`vitest:${deploymentId}:sbx:`);
    await store.close();
    const error = await createSessionRecordStore({ env: { SESSION_PROVIDER: "etcd" } }).catch((caught: unknown) => caught);
    expect(isSessionError(error, "invalid_argument")).toBe(true);
    expect((error as Error).message).toContain("SESSION_PROVIDER");
  });
});
