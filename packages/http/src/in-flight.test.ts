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
});
