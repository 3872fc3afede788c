import { describe, expect, it } from "vitest";
import { InFlightRequests } from "./in-flight.js";
import { resolveOptions } from "./options.js";
import { JSON_HEADERS, type HeaderRecord } from "./replies.js";
import { RequestExchange } from "./request-exchange.js";
import type { LiveSession } from "./session-registry.js";
import type { ResponseWriter, SseSink } from "./sse.js";

/** Records the one complete answer; these exchanges never stream. */
class RecordingWriter implements ResponseWriter {
  status = 0;
  reply(status: number, _headers: HeaderRecord, _body?: string): void {
    this.status = status;
  }
  openStream(): SseSink {
    throw new Error("in-flight test: no exchange here streams");
  }
  onAbort(): void {}
}

const options = resolveOptions();

function exchange(sessionId: string | undefined, requestId: number, longLived = false): RequestExchange {
  const session = sessionId === undefined ? undefined : ({ id: sessionId, requests: new Map() } as unknown as LiveSession);
  return new RequestExchange(options, new RecordingWriter(), JSON_HEADERS, session, requestId, longLived);
}

describe("InFlightRequests", () => {
  it("finds a session request by session id and request id, and forgets it once released", () => {
    const inFlight = new InFlightRequests();
    const first = exchange("s1", 1);
    const other = exchange("s2", 1);
    inFlight.add(first);
    inFlight.add(other);
    expect(inFlight.find("s1", 1)).toBe(first);
    expect(inFlight.find("s2", 1)).toBe(other);
    expect(inFlight.find("s1", 2)).toBeUndefined();
    inFlight.release(first);
    expect(inFlight.find("s1", 1)).toBeUndefined();
    expect(inFlight.size).toBe(1);
  });

  it("aborts only long-lived exchanges first, then all of them", () => {
    const inFlight = new InFlightRequests();
    const short = exchange(undefined, 1);
    const listen = exchange(undefined, 2, true);
    inFlight.add(short);
    inFlight.add(listen);
    const reason = new Error("shutting down");
    inFlight.abort(reason, true);
    expect(listen.signal.aborted).toBe(true);
    expect(short.signal.aborted).toBe(false);
    inFlight.abort(reason, false);
    expect(short.signal.reason).toBe(reason);
  });

  it("drains when the last exchange is released, before the deadline", async () => {
    const inFlight = new InFlightRequests();
    const pending = exchange(undefined, 1);
    inFlight.add(pending);
    const started = Date.now();
    const drained = inFlight.drain(10_000);
    setTimeout(() => inFlight.release(pending), 20);
    await drained;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(inFlight.size).toBe(0);
  });

  it("stops waiting at the deadline when an exchange never finishes", async () => {
    const inFlight = new InFlightRequests();
    inFlight.add(exchange(undefined, 1));
    const started = Date.now();
    await inFlight.drain(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(inFlight.size).toBe(1);
  });

  it("keeps its count and links right when exchanges are released out of order, twice, or added twice", () => {
    const inFlight = new InFlightRequests();
    const all = [1, 2, 3, 4, 5].map((requestId) => exchange("s", requestId));
    for (const each of all) inFlight.add(each);
    inFlight.add(all[2] as RequestExchange);
    expect(inFlight.size).toBe(5);
    inFlight.release(all[2] as RequestExchange);
    inFlight.release(all[2] as RequestExchange);
    inFlight.release(all[4] as RequestExchange);
    inFlight.release(all[0] as RequestExchange);
    expect(inFlight.size).toBe(2);
    expect(inFlight.find("s", 2)).toBe(all[1]);
    expect(inFlight.find("s", 4)).toBe(all[3]);
    for (const gone of [1, 3, 5]) expect(inFlight.find("s", gone)).toBeUndefined();
    inFlight.release(all[3] as RequestExchange);
    inFlight.release(all[1] as RequestExchange);
    expect(inFlight.size).toBe(0);
    expect(inFlight.find("s", 2)).toBeUndefined();
    inFlight.add(all[1] as RequestExchange);
    expect(inFlight.find("s", 2)).toBe(all[1]);
    expect(inFlight.size).toBe(1);
  });

  it("aborts every exchange even when aborting one releases it mid-walk", () => {
    const inFlight = new InFlightRequests();
    const all = [1, 2, 3].map((requestId) => exchange(undefined, requestId));
    for (const each of all) {
      inFlight.add(each);
      each.signal.addEventListener("abort", () => inFlight.release(each));
    }
    inFlight.abort(new Error("shutting down"), false);
    expect(all.map((each) => each.signal.aborted)).toEqual([true, true, true]);
    expect(inFlight.size).toBe(0);
  });
});
