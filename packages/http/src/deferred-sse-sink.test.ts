import { describe, expect, it } from "vitest";
import { DeferredSseSink } from "./deferred-sse-sink.js";
import type { HeaderRecord } from "./replies.js";
import type { ResponseWriter, SseSink } from "./sse.js";
import { RecordingSink } from "../test/fixtures.js";

const HEADERS: HeaderRecord = { "content-type": "text/event-stream" };

class RecordingWriter implements ResponseWriter {
  replies: Array<{ status: number; headers: HeaderRecord; body: string | undefined }> = [];
  streams: RecordingSink[] = [];
  refuse = false;
  reply(status: number, headers: HeaderRecord, body?: string): void {
    this.replies.push({ status, headers, body });
  }
  openStream(): SseSink {
    if (this.refuse) throw new Error("already answered");
    const sink = new RecordingSink();
    this.streams.push(sink);
    return sink;
  }
  onAbort(): void {}
}

const endOfTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("DeferredSseSink", () => {
  it("sends a stream that ends within the turn as one complete reply and never opens it", async () => {
    const writer = new RecordingWriter();
    const sink = new DeferredSseSink(writer, HEADERS, 0);
    const closed: string[] = [];
    sink.onClose(() => closed.push("closed"));
    sink.write("id: s_0\ndata: \n\n");
    sink.write("id: s_1\ndata: {}\n\n");
    expect(sink.closed).toBe(false);
    sink.end();
    sink.write("late");
    sink.end();
    expect(writer.replies).toEqual([{ status: 200, headers: HEADERS, body: "id: s_0\ndata: \n\nid: s_1\ndata: {}\n\n" }]);
    expect(sink.closed).toBe(true);
    expect(closed).toEqual(["closed"]);
    await endOfTurn();
    expect(writer.streams).toEqual([]);
    expect(sink.isOpen).toBe(false);
  });

  it("opens the stream at the end of the turn with what was written, then writes through", async () => {
    const writer = new RecordingWriter();
    const owner = { closedCount: 0, onConnectionClosed(): void { this.closedCount += 1; } };
    const sink = new DeferredSseSink(writer, HEADERS, 0, owner);
    const closed: string[] = [];
    sink.onClose(() => closed.push("early listener"));
    sink.write("id: s_0\ndata: \n\n");
    expect(writer.streams).toEqual([]);
    await endOfTurn();
    expect(sink.isOpen).toBe(true);
    const stream = writer.streams[0] as RecordingSink;
    expect(stream.text).toBe("id: s_0\ndata: \n\n");
    sink.write("id: s_1\ndata: {}\n\n");
    expect(stream.text).toBe("id: s_0\ndata: \n\nid: s_1\ndata: {}\n\n");
    sink.onClose(() => closed.push("late listener"));
    sink.end();
    expect(stream.closed).toBe(true);
    expect(sink.closed).toBe(true);
    expect(closed).toEqual(["early listener", "late listener"]);
    expect(owner.closedCount).toBe(1);
    expect(writer.replies).toEqual([]);
  });

  it("opens every sink waiting in the same turn, and a refused one ends without taking the others down", async () => {
    const refusing = new RecordingWriter();
    refusing.refuse = true;
    const writer = new RecordingWriter();
    const refused = new DeferredSseSink(refusing, HEADERS, 0);
    const closed: string[] = [];
    refused.onClose(() => closed.push("refused"));
    const first = new DeferredSseSink(writer, HEADERS, 0);
    const second = new DeferredSseSink(writer, HEADERS, 0);
    first.write("a");
    second.write("b");
    await endOfTurn();
    expect(refused.closed).toBe(true);
    expect(closed).toEqual(["refused"]);
    expect(writer.streams.map((stream) => stream.text)).toEqual(["a", "b"]);
    expect(first.isOpen && second.isOpen).toBe(true);
  });
});
