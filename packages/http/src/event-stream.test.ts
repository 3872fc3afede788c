import { describe, expect, it } from "vitest";
import { EventStream } from "./event-stream.js";
import { MemoryEventStore } from "./event-store.js";
import { parseEventId, type SseSink } from "./sse.js";

class MemorySink implements SseSink {
  text = "";
  closed = false;
  private listeners: Array<() => void> = [];
  write(chunk: string): void {
    if (!this.closed) this.text += chunk;
  }
  end(): void {
    this.closed = true;
    for (const listener of this.listeners.splice(0)) listener();
  }
  onClose(listener: () => void): void {
    this.listeners.push(listener);
  }
}

describe("EventStream", () => {
  it("primes, numbers events, and replays only what a resuming client missed", async () => {
    const errors: unknown[] = [];
    const stream = new EventStream("sess.1", new MemoryEventStore(), (error) => errors.push(error));
    const first = new MemorySink();
    stream.attach(first, 500);
    expect(first.text).toBe("id: sess.1_0\nretry: 500\ndata: \n\n");
    stream.emit('{"a":1}');
    stream.emit('{"a":2}');
    stream.disconnect();
    expect(first.closed).toBe(true);
    stream.emit('{"a":3}');
    const second = new MemorySink();
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
    expect(await stream.resume(() => ((opened = true), new MemorySink()), 0, undefined)).toBe(false);
    expect(opened).toBe(false);
  });

  it("parses only ids it issued", () => {
    expect(parseEventId("abc.def_12")).toEqual({ streamId: "abc.def", sequence: 12 });
    expect(parseEventId("nonsense")).toBeUndefined();
    expect(parseEventId("_1")).toBeUndefined();
    expect(parseEventId("a_b")).toBeUndefined();
  });
});
