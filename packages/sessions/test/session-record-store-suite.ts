import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SessionManager, isSessionError, type SessionRecord, type SessionRecordStore } from "../src/index.js";

export interface SessionStoreFixture {
  store: SessionRecordStore;
  cleanup(): Promise<void>;
}

function record(id: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  const now = Date.now();
  return { id, sandboxId: "sbx-test", createdAt: now, lastAccessedAt: now, expiresAt: now + 60_000, metadata: {}, ...overrides };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The one behaviour every {@link SessionRecordStore} driver must show. */
export function describeSessionStore(driver: string, createFixture: () => Promise<SessionStoreFixture>): void {
  describe(`SessionRecordStore conformance: ${driver}`, () => {
    let fixture: SessionStoreFixture;
    let store: SessionRecordStore;
    beforeEach(async () => {
      fixture = await createFixture();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it("returns a stored record unchanged", async () => {
      const stored = record("s-1", { userId: "alice", metadata: { plan: "pro", nested: { n: 1 } }, state: { protocolVersion: "2025-11-25" } });
      await store.set(stored);
      expect(await store.get("s-1")).toEqual(stored);
    });

    it("returns undefined for a session that was never stored", async () => {
      expect(await store.get("never-stored")).toBeUndefined();
    });

    it("replaces a record when the same id is set again", async () => {
      await store.set(record("s-2", { metadata: { version: 1 } }));
      await store.set(record("s-2", { metadata: { version: 2 } }));
      expect((await store.get("s-2"))?.metadata).toEqual({ version: 2 });
      expect((await store.list()).filter((entry) => entry.id === "s-2")).toHaveLength(1);
    });

    it("deletes a session and reports whether it existed", async () => {
      await store.set(record("s-3"));
      expect(await store.delete("s-3")).toBe(true);
      expect(await store.get("s-3")).toBeUndefined();
      expect(await store.delete("s-3")).toBe(false);
    });

    it("hands out copies, so mutating a returned record does not change the store", async () => {
      await store.set(record("s-4", { metadata: { a: 1 } }));
      const first = await store.get("s-4");
      first!.metadata.a = 999;
      expect((await store.get("s-4"))?.metadata).toEqual({ a: 1 });
    });

    it("expires a session once its expiresAt passes and drops it from list", async () => {
      await store.set(record("short", { expiresAt: Date.now() + 250 }));
      await store.set(record("long"));
      expect(await store.get("short")).toBeDefined();
      await sleep(400);
      expect(await store.get("short")).toBeUndefined();
      expect((await store.list()).map((entry) => entry.id)).toEqual(["long"]);
    });

    it("lists every live session", async () => {
      await store.set(record("a"));
      await store.set(record("b"));
      await store.set(record("c"));
      await store.delete("b");
      expect((await store.list()).map((entry) => entry.id).sort()).toEqual(["a", "c"]);
    });

    it("rejects ids that are not 1-256 visible ASCII characters with invalid_argument", async () => {
      for (const bad of ["", "has space", "x".repeat(257), "caf\u00e9", "line\nbreak"]) {
        const error = await store.get(bad).catch((caught: unknown) => caught);
        expect(isSessionError(error, "invalid_argument"), JSON.stringify(bad)).toBe(true);
        const setError = await store.set(record(bad)).catch((caught: unknown) => caught);
        expect(isSessionError(setError, "invalid_argument")).toBe(true);
      }
    });

    describe("through SessionManager", () => {
      it("creates, touches, updates, lists by user and deletes sessions", async () => {
        const manager = new SessionManager({ store, ttlSeconds: 60, sandboxId: "sbx-test" });
        const created = await manager.create({ userId: "alice", metadata: { client: "inspector" } });
        expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
        await manager.create({ userId: "bob" });
        expect(await manager.get(created.id)).toEqual(created);

        await sleep(20);
        const touched = await manager.touch(created.id);
        expect(touched!.expiresAt).toBeGreaterThan(created.expiresAt);
        expect((await manager.get(created.id))?.lastAccessedAt).toBe(touched!.lastAccessedAt);

        const updated = await manager.update(created.id, { metadata: { client: undefined, theme: "dark" }, state: { initialized: true } });
        expect(updated.metadata).toEqual({ theme: "dark" });
        expect((await manager.get(created.id))?.state).toEqual({ initialized: true });

        expect((await manager.list({ userId: "alice" })).map((entry) => entry.id)).toEqual([created.id]);
        expect(await manager.delete(created.id)).toBe(true);
        await expect(manager.require(created.id)).rejects.toMatchObject({ code: "session_not_found" });
        expect(await manager.touch(created.id)).toBeUndefined();
      });

      it("expires a session that is not touched within its TTL, but keeps a touched one", async () => {
        const manager = new SessionManager({ store, ttlSeconds: 0.4, sandboxId: "sbx-test" });
        const idle = await manager.create();
        const active = await manager.create();
        await sleep(250);
        await manager.touch(active.id);
        await sleep(250);
        expect(await manager.get(idle.id)).toBeUndefined();
        expect(await manager.get(active.id)).toBeDefined();
      });

      it("rejects metadata that JSON cannot carry instead of storing half of it", async () => {
        const manager = new SessionManager({ store, sandboxId: "sbx-test" });
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        await expect(manager.create({ id: "cyclic", metadata: cyclic })).rejects.toMatchObject({ code: "invalid_argument" });
        await expect(manager.create({ id: "array", metadata: [] as unknown as Record<string, unknown> })).rejects.toMatchObject({ code: "invalid_argument" });
        expect(await manager.get("cyclic")).toBeUndefined();
        await expect(manager.create({ ttlSeconds: -1 })).rejects.toMatchObject({ code: "invalid_argument" });
      });
    });
  });
}
