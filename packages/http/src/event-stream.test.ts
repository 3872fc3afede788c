import { describe, expect, it } from "vitest";
import { EventStream } from "./event-stream.js";
import { MemoryEventStore, type EventStore, type StoredEvent } from "./event-store.js";
import { parseEventId } from "./sse.js";
import { RecordingSink } from "../test/fixtures.js";

describe("EventStream", () => {
  it("primes, numbers events, and replays only what a resuming client missed", async () => {
    const errors: unknown[] = [];
    const stream = new EventStream("sess.1", new MemoryEventStore(), (error) => errors.push(error));
    const first = new RecordingSink();
    stream.attach(first, 500);
    expect(first.text).toBe("id: sess.1_0\nretry: 500\ndata: \n\n");
    stream.emit('{"a":1}');
    stream.emit('{"a":2}');
    stream.disconnect();
    expect(first.closed).toBe(true);
    stream.emit('{"a":3}');
    const second = new RecordingSink();
    expect(await stream.resume(() => second, 1, undefined)).toBe(true);
    expect(second.text).toBe('id: sess.1_2\ndata: {"a":2}\n\nid: sess.1_3\ndata: {"a":3}\n\n');
    stream.emit('{"a":4}');
    stream.finish();
    expect(second.text.endsWith('id: sess.1_4\ndata: {"a":4}\n\n')).toBe(true);
    expect(second.closed).toBe(true);
    expect(errors).toEqual([]);
  });

  it("does not open a connection when the history is gone", async () => {
    const stream = new EventStream("sess.2", new MemoryEventStore({ maxEventsPerStream: 1 }), () => undefined);
    stream.emit("1");
    stream.emit("2");
    let opened = false;
    expect(await stream.resume(() => ((opened = true), new RecordingSink()), 0, undefined)).toBe(false);
    expect(opened).toBe(false);
  });

  it("parses only ids it issued", () => {
    expect(parseEventId("abc.def_12")).toEqual({ streamId: "abc.def", sequence: 12 });
    expect(parseEventId("nonsense")).toBeUndefined();
    expect(parseEventId("_1")).toBeUndefined();
    expect(parseEventId("a_b")).toBeUndefined();
  });

  it("appends to an asynchronous store one event at a time, in order, and resumes only once all are stored", async () => {
    const store = new ManualStore();
    const published: number[] = [];
    const stream = new EventStream("sess.3", store, () => undefined, (_id, event) => published.push(event.sequence));
    const sink = new RecordingSink();
    stream.attach(sink, undefined);
    stream.emit("one");
    stream.disconnect();
    stream.emit("two");
    expect(store.calls).toEqual([0]);
    let resumed = false;
    const resuming = stream.resume(() => ((resumed = true), new RecordingSink()), 1, undefined);
    await store.settleNext();
    expect(store.calls).toEqual([0, 1]);
    await store.settleNext();
    expect(published).toEqual([]);
    await store.settleNext();
    expect(published).toEqual([2]);
    expect(store.calls).toEqual([0, 1, 2]);
    expect(await resuming).toBe(true);
    expect(resumed).toBe(true);
  });

  it("reports a failed append and still stores and publishes the events after it", async () => {
    const store = new ManualStore();
    const errors: unknown[] = [];
    const published: number[] = [];
    const stream = new EventStream("sess.4", store, (error) => errors.push(error), (_id, event) => published.push(event.sequence));
    stream.emit("one");
    stream.emit("two");
    await store.settleNext(new Error("store down"));
    await store.settleNext();
    await store.settleNext();
    expect(errors).toEqual([new Error("store down")]);
    expect(store.calls).toEqual([0, 1, 2]);
    expect(published).toEqual([1, 2]);
  });

  it("writes the in-memory store synchronously and publishes a detached event right after", () => {
    const store = new MemoryEventStore();
    const published: StoredEvent[] = [];
    const stream = new EventStream("sess.5", store, () => undefined, (_id, event) => published.push(event));
    stream.emit("detached");
    expect(published).toEqual([{ sequence: 1, message: "detached" }]);
    expect(store.size).toBe(1);
  });
});

/** An `EventStore` whose appends settle only when the test says so. */
class ManualStore implements EventStore {
  readonly calls: number[] = [];
  private readonly pending: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private readonly events: StoredEvent[] = [];

  append(_streamId: string, event: StoredEvent): Promise<void> {
    this.calls.push(event.sequence);
    return new Promise((resolve, reject) => {
      this.pending.push({
        resolve: () => {
          this.events.push(event);
          resolve();
        },
        reject,
      });
    });
  }

  async readAfter(_streamId: string, afterSequence: number): Promise<StoredEvent[] | undefined> {
    return this.events.filter((event) => event.sequence > afterSequence);
  }

  async deleteStream(): Promise<void> {}

  /** Settles the oldest append, then lets the stream react. */
  async settleNext(error?: unknown): Promise<void> {
    const next = this.pending.shift();
    if (next === undefined) throw new Error("no append in flight");
    if (error === undefined) next.resolve();
    else next.reject(error);
    for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
  }
}
