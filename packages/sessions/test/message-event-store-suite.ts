import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSessionError, type MessageEventStore } from "../src/index.js";

export interface MessageEventStoreFixture {
  /** A log capped at 3 events per stream with a 0.4 s TTL. */
  log: MessageEventStore;
  cleanup(): Promise<void>;
}

/** Behaviour every {@link MessageEventStore} driver must show. */
export function describeMessageEventStore(driver: string, createFixture: () => Promise<MessageEventStoreFixture>): void {
  describe(`MessageEventStore conformance: ${driver}`, () => {
    let fixture: MessageEventStoreFixture;
    beforeEach(async () => {
      fixture = await createFixture();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it("replays the messages after an event id, oldest first, from the same stream only", async () => {
      const first = await fixture.log.append("stream/a", { n: 1 });
      const second = await fixture.log.append("stream/a", { n: 2 });
      await fixture.log.append("stream:b", { other: true });
      const third = await fixture.log.append("stream/a", { n: 3 });
      const replay = await fixture.log.replayAfter(first);
      expect(replay).toEqual({ streamId: "stream/a", truncated: false, events: [{ eventId: second, message: { n: 2 } }, { eventId: third, message: { n: 3 } }] });
      expect((await fixture.log.replayAfter(third))?.events).toEqual([]);
    });

    it("produces SSE-safe, unique event ids", async () => {
      const ids = [];
      for (let index = 0; index < 3; index += 1) ids.push(await fixture.log.append("s\nwith newline", index));
      expect(new Set(ids).size).toBe(3);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_.-]+$/);
    });

    it("keeps only the newest events of a stream and says when a replay missed some", async () => {
      const ids: string[] = [];
      for (let n = 1; n <= 5; n += 1) ids.push(await fixture.log.append("capped", { n }));
      const fromStart = await fixture.log.replayAfter(ids[0]!);
      expect(fromStart?.events.map((event) => event.message)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
      expect(fromStart?.truncated).toBe(true);
      const recent = await fixture.log.replayAfter(ids[2]!);
      expect(recent?.events.map((event) => event.message)).toEqual([{ n: 4 }, { n: 5 }]);
      expect(recent?.truncated).toBe(false);
    });

    it("forgets a stream after its TTL", async () => {
      const id = await fixture.log.append("expiring", "x");
      await fixture.log.append("expiring", "y");
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await fixture.log.replayAfter(id)).toBeUndefined();
    });

    it("answers undefined for malformed, foreign or deleted event ids", async () => {
      const id = await fixture.log.append("gone", 1);
      for (const bad of ["", "no-dot", "!!!.1-0", "Zm9v.not-a-position", `${id}x`]) {
        expect(await fixture.log.replayAfter(bad), bad).toBeUndefined();
      }
      await fixture.log.deleteStream("gone");
      expect(await fixture.log.replayAfter(id)).toBeUndefined();
    });

    it("rejects messages JSON cannot carry and empty stream ids with invalid_argument", async () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      for (const attempt of [() => fixture.log.append("s", cyclic), () => fixture.log.append("s", undefined), () => fixture.log.append("", 1)]) {
        expect(isSessionError(await attempt().catch((error: unknown) => error), "invalid_argument")).toBe(true);
      }
    });
  });
}
