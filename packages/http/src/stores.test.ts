import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "./event-store.js";
import { MemorySessionStateStore } from "./memory-session-state-store.js";

describe("MemorySessionStateStore", () => {
  it("returns copies, expires entries after their TTL and keeps touched ones", async () => {
    let now = 1_000;
    const store = new MemorySessionStateStore({ now: () => now });
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
    const store = new MemorySessionStateStore({ maxSessions: 2 });
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

  it("keeps every stream while one of them is rewritten many times (rewrites leave holes in the ring)", async () => {
    const store = new MemoryEventStore({ maxStreams: 3 });
    for (const id of ["a", "b", "c"]) await store.append(id, { sequence: 0, message: "" });
    for (let sequence = 1; sequence <= 100; sequence += 1) await store.append("a", { sequence, message: `a${sequence}` });
    expect(store.size).toBe(3);
    expect(await store.readAfter("b", -1)).toEqual([{ sequence: 0, message: "" }]);
    expect(await store.readAfter("c", -1)).toEqual([{ sequence: 0, message: "" }]);
    expect((await store.readAfter("a", 99))?.map((event) => event.message)).toEqual(["a100"]);
    // b is now the least recently written: a new stream evicts it, not c or a.
    await store.append("d", { sequence: 0, message: "" });
    expect(await store.readAfter("b", -1)).toBeUndefined();
    expect(await store.readAfter("c", -1)).toBeDefined();
    expect(await store.readAfter("a", 99)).toBeDefined();
  });

  it("matches a reference LRU model over a long random run", async () => {
    const maxStreams = 5;
    const store = new MemoryEventStore({ maxStreams, maxEventsPerStream: 4 });
    const model = new Map<string, number[]>();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 5000; step += 1) {
      const id = `s${random(12)}`;
      if (random(10) === 0) {
        await store.deleteStream(id);
        model.delete(id);
        continue;
      }
      const events = model.get(id) ?? [];
      const sequence = events.length === 0 ? 0 : (events.at(-1) as number) + 1;
      await store.append(id, { sequence, message: `m${sequence}` });
      model.delete(id);
      model.set(id, [...events, sequence].slice(-4));
      while (model.size > maxStreams) model.delete(model.keys().next().value as string);
      expect(store.size).toBe(model.size);
    }
    for (let index = 0; index < 12; index += 1) {
      const id = `s${index}`;
      const expected = model.get(id);
      if (expected === undefined) {
        expect(await store.readAfter(id, -1)).toBeUndefined();
        continue;
      }
      const first = expected[0] as number;
      expect((await store.readAfter(id, first - 1))?.map((event) => event.sequence)).toEqual(expected);
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
