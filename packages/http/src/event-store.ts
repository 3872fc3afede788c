/**
 * Keeps the SSE events of 2025-era sessions so a client that lost its connection can
 * resume with `Last-Event-ID` (SEP-1699). Event ids are `<streamId>_<sequence>`: the
 * transport assigns them, the store only keeps them in order. Sequence 0 is the priming
 * event (empty message) that makes every stream resumable from its start.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import type { EventStore, StoredEvent } from "@chuk-mcp/core";

/** The contract is `@chuk-mcp/core`'s, which `@chuk-mcp/sessions` also implements. */
export type { EventStore, StoredEvent };

/** Options for the in-memory event store. */
export interface MemoryEventStoreOptions {
  /** Events kept per stream; older ones are dropped. Default 1 000. */
  maxEventsPerStream?: number;
  /** Streams kept; the least recently written goes first. Default 10 000. */
  maxStreams?: number;
}

/** A bounded in-memory `EventStore` (single process). */
export class MemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly maxEvents: number;
  private readonly maxStreams: number;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.maxEvents = options.maxEventsPerStream ?? 1_000;
    this.maxStreams = options.maxStreams ?? 10_000;
  }

  /** Number of streams held. */
  get size(): number {
    return this.streams.size;
  }

  async append(streamId: string, event: StoredEvent): Promise<void> {
    this.appendNow(streamId, event.sequence, event.message);
  }

  /**
   * `append` without the promise: `EventStream` calls it directly for this store, so a
   * resumable answer stores its events without a promise chain per event.
   */
  appendNow(streamId: string, sequence: number, message: string): void {
    const streams = this.streams;
    let events = streams.get(streamId);
    if (events === undefined) {
      events = [];
      streams.set(streamId, events);
      if (streams.size > this.maxStreams) this.dropOldest(streams.size - this.maxStreams);
    } else {
      streams.delete(streamId);
      streams.set(streamId, events);
    }
    events.push({ sequence, message });
    if (events.length > this.maxEvents) events.splice(0, events.length - this.maxEvents);
  }

  async readAfter(streamId: string, afterSequence: number): Promise<StoredEvent[] | undefined> {
    const events = this.streams.get(streamId);
    if (events === undefined) return undefined;
    const first = events[0];
    if (first !== undefined && first.sequence > afterSequence + 1) return undefined;
    return events.filter((event) => event.sequence > afterSequence);
  }

  async deleteStream(streamId: string): Promise<void> {
    this.streams.delete(streamId);
  }

  /** Drops the `count` least recently written streams. */
  private dropOldest(count: number): void {
    const keys = this.streams.keys();
    for (let dropped = 0; dropped < count; dropped += 1) {
      const oldest = keys.next();
      if (oldest.done === true) return;
      this.streams.delete(oldest.value);
    }
  }
}
