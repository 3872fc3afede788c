import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "./event-store.js";
import { MemorySessionStore } from "./session-store.js";

describe("MemorySessionStore", () => {
  it("returns copies, expires entries after their TTL and keeps touched ones", async () => {
    let now = 1_000;
    const store = new MemorySessionStore({ now: () => now });
    const state = { initialized: true, protocolVersion: "2025-11-25", clientCapabilities: {}, subscriptions: [] };
    await store.set("a", state, 100);
    await store.set("b", state, 100);
    const copy = await store.get("a");
    expect(copy).toEqual(state);
    expect(copy).not.toBe(state);
    now += 60;
    await store.touch("b", 100);
    now += 60;
    expect(await store.get("a")).toBeUndefined();
    expect(await store.get("b")).toEqual(state);
  });

  it("evicts the least recently used session beyond maxSessions", async () => {
    const store = new MemorySessionStore({ maxSessions: 2 });
    await store.set("a", { initialized: true, clientCapabilities: {}, subscriptions: [] }, 60_000);
    await store.set("b", { initialized: true, clientCapabilities: {}, subscriptions: [] }, 60_000);
    await store.touch("a", 60_000);
    await store.set("c", { initialized: true, clientCapabilities: {}, subscriptions: [] }, 60_000);
    expect(store.size).toBe(2);
    expect(await store.get("b")).toBeUndefined();
    expect(await store.get("a")).toBeDefined();
  });
});

describe("MemoryEventStore", () => {
  it("replays events after a sequence and reports lost history as undefined", async () => {
    const store = new MemoryEventStore({ maxEventsPerStream: 3 });
    for (let sequence = 0; sequence <= 4; sequence++) await store.append("s", { sequence, message: `m${sequence}` });
    expect((await store.readAfter("s", 2))?.map((event) => event.sequence)).toEqual([3, 4]);
    expect(await store.readAfter("s", 0)).toBeUndefined();
    expect(await store.readAfter("unknown", 0)).toBeUndefined();
    await store.deleteStream("s");
    expect(await store.readAfter("s", 3)).toBeUndefined();
  });

  it("keeps at most maxStreams streams", async () => {
    const store = new MemoryEventStore({ maxStreams: 2 });
    for (const id of ["a", "b", "c"]) await store.append(id, { sequence: 0, message: "" });
    expect(store.size).toBe(2);
    expect(await store.readAfter("a", 0)).toBeUndefined();
  });

  it("evicts the least recently written stream, also after many evictions and rewrites", async () => {
    const store = new MemoryEventStore({ maxStreams: 3 });
    for (let round = 0; round < 50; round += 1) {
      const keep = `keep-${round}`;
      await store.append(keep, { sequence: 0, message: "" });
      await store.append(`other-${round}`, { sequence: 0, message: "" });
      await store.append(`third-${round}`, { sequence: 0, message: "" });
      await store.append(keep, { sequence: 1, message: "written last" });
      await store.append(`new-${round}`, { sequence: 0, message: "" });
      expect(store.size).toBe(3);
      expect(await store.readAfter(`other-${round}`, 0)).toBeUndefined();
      expect((await store.readAfter(keep, 0))?.map((event) => event.message)).toEqual(["written last"]);
      await store.deleteStream(keep);
      await store.deleteStream(`third-${round}`);
      await store.deleteStream(`new-${round}`);
    }
  });

  it("keeps long streams in order past the first few events, starting with the priming event", async () => {
    const store = new MemoryEventStore();
    for (let sequence = 0; sequence <= 20; sequence++) await store.append("long", { sequence, message: sequence === 0 ? "" : `m${sequence}` });
    const events = await store.readAfter("long", -1);
    expect(events?.map((event) => event.sequence)).toEqual(Array.from({ length: 21 }, (_, index) => index));
    expect(events?.[0]).toEqual({ sequence: 0, message: "" });
    expect(events?.[20]).toEqual({ sequence: 20, message: "m20" });
  });
});
