import { describe, expect, it } from "vitest";
import { MemorySessionRecordStore } from "./memory-session-record-store.js";
import type { SessionRecord } from "./types.js";

function record(id: string, expiresAt: number): SessionRecord {
  return { id, sandboxId: "s", createdAt: 0, lastAccessedAt: 0, expiresAt, metadata: {} };
}

describe("MemorySessionRecordStore", () => {
  it("evicts the least recently written session when maxSessions is reached", async () => {
    let now = 1_000;
    const store = new MemorySessionRecordStore({ maxSessions: 2, reapIntervalMs: 0, now: () => now });
    await store.set(record("a", 10_000));
    await store.set(record("b", 10_000));
    await store.set(record("a", 10_000));
    await store.set(record("c", 10_000));
    expect((await store.list()).map((entry) => entry.id).sort()).toEqual(["a", "c"]);
    expect(store.size).toBe(2);
    now = 2_000;
    await store.close();
  });

  it("evicts expired sessions before live ones when full", async () => {
    let now = 1_000;
    const store = new MemorySessionRecordStore({ maxSessions: 2, reapIntervalMs: 0, now: () => now });
    await store.set(record("live-old", 50_000));
    await store.set(record("expiring", 1_500));
    now = 2_000;
    await store.set(record("new", 50_000));
    expect((await store.list()).map((entry) => entry.id).sort()).toEqual(["live-old", "new"]);
    await store.close();
  });

  it("reaps idle sessions on its interval without being asked", async () => {
    const store = new MemorySessionRecordStore({ reapIntervalMs: 50 });
    await store.set(record("idle", Date.now() + 30));
    expect(store.size).toBe(1);
    await expect.poll(() => store.size, { timeout: 1_000, interval: 20 }).toBe(0);
    await store.close();
  });

  it("rejects a non-positive maxSessions and use after close", async () => {
    expect(() => new MemorySessionRecordStore({ maxSessions: 0 })).toThrow(/maxSessions must be a positive integer/);
    const store = new MemorySessionRecordStore({ reapIntervalMs: 0 });
    await store.close();
    await expect(store.get("x")).rejects.toMatchObject({ code: "store_closed" });
  });
});
