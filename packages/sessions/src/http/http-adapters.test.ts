import type { EventStore, SessionStateStore } from "@chuk-mcp/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteKeysUnder, connectTestRedis, uniqueDeploymentId } from "../../test/redis-helpers.js";
import { MemorySessionRecordStore } from "../memory-session-record-store.js";
import type { RedisConnection } from "../redis-connection.js";
import { SessionManager } from "../session-manager.js";
import { RecordSessionStateStore } from "./record-session-state-store.js";
import { RedisEventStore } from "./redis-event-store.js";

const STATE = { protocolVersion: "2025-11-25", clientInfo: { name: "c", version: "1" }, clientCapabilities: {}, logLevel: "info", subscriptions: [], initialized: true };

describe("RecordSessionStateStore", () => {
  it("satisfies the transport's SessionRecordStore and keeps metadata across state updates", async () => {
    let now = 1_000_000;
    const store = new MemorySessionRecordStore({ now: () => now, reapIntervalMs: 0 });
    const adapter: SessionStateStore = new RecordSessionStateStore(store, { sandboxId: "sbx", now: () => now });
    const manager = new SessionManager({ store, sandboxId: "sbx", now: () => now });
    await adapter.set("s1", STATE as never, 60_000);
    await manager.update("s1", { metadata: { note: "kept" } });
    await adapter.set("s1", { ...STATE, logLevel: "debug" } as never, 60_000);
    expect(await adapter.get("s1")).toMatchObject({ logLevel: "debug" });
    expect((await manager.get("s1"))?.metadata).toEqual({ note: "kept" });
    now += 50_000;
    await adapter.touch("s1", 60_000);
    now += 50_000;
    expect(await adapter.get("s1")).toBeDefined();
    now += 61_000;
    expect(await adapter.get("s1")).toBeUndefined();
  });

  it("treats an id the store rejects as unknown instead of failing", async () => {
    const adapter = new RecordSessionStateStore(new MemorySessionRecordStore({ reapIntervalMs: 0 }));
    expect(await adapter.get("bad id with spaces")).toBeUndefined();
    await expect(adapter.delete("x".repeat(300))).resolves.toBeUndefined();
  });
});

describe("RedisEventStore on the real Redis", () => {
  const deploymentId = uniqueDeploymentId();
  let connection: RedisConnection;
  let store: EventStore;

  beforeAll(async () => {
    connection = await connectTestRedis();
    store = new RedisEventStore({ connection, environment: "test", deploymentId, sandboxId: "sbx", maxEventsPerStream: 3, ttlSeconds: 60 });
  });

  afterAll(async () => {
    await deleteKeysUnder(connection, `test:${deploymentId}:`);
    await connection.close();
  });

  it("replays events after a sequence in order, and nothing for an unknown stream", async () => {
    await store.append("s.a1", { sequence: 0, message: "" });
    await store.append("s.a1", { sequence: 1, message: '{"n":1}' });
    await store.append("s.a1", { sequence: 2, message: '{"n":2}' });
    expect(await store.readAfter("s.a1", 0)).toEqual([
      { sequence: 1, message: '{"n":1}' },
      { sequence: 2, message: '{"n":2}' },
    ]);
    expect(await store.readAfter("s.a1", 2)).toEqual([]);
    expect(await store.readAfter("s.unknown", 0)).toBeUndefined();
  });

  it("is bounded: once the cap dropped unseen events, resuming from before them is refused", async () => {
    for (let sequence = 0; sequence <= 5; sequence++) await store.append("s.b1", { sequence, message: `m${sequence}` });
    expect(await store.readAfter("s.b1", 0)).toBeUndefined();
    expect(await store.readAfter("s.b1", 2)).toEqual([
      { sequence: 3, message: "m3" },
      { sequence: 4, message: "m4" },
      { sequence: 5, message: "m5" },
    ]);
    const length = await connection.run("test", (client) => client.xlen(`test:${deploymentId}:sbx:sse:s.b1`));
    expect(length).toBe(3);
    await store.deleteStream("s.b1");
    expect(await store.readAfter("s.b1", 4)).toBeUndefined();
  });
});
