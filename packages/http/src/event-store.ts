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

/** Every stream starts with the same priming event: one shared object. */
const PRIMING_EVENT: StoredEvent = Object.freeze({ sequence: 0, message: "" });

/** Streams shorter than this grow by copying into exact-size arrays instead of `push`. */
const SMALL_STREAM = 8;

/** A bounded in-memory `EventStore` (single process). */
export class MemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly maxEvents: number;
  private readonly maxStreams: number;
  /** Walks the streams oldest first for eviction (see `dropOldest`). */
  private oldest: MapIterator<string> | undefined;

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
    const event = sequence === 0 && message === "" ? PRIMING_EVENT : { sequence, message };
    let events = streams.get(streamId);
    if (events === undefined) {
      streams.set(streamId, [event]);
      if (streams.size > this.maxStreams) this.dropOldest(streams.size - this.maxStreams);
      return;
    }
    streams.delete(streamId);
    // Most streams hold a priming event and one answer for thousands of requests: exact-size
    // arrays keep that at about a third of what `push`'s growth would hold.
    if (events.length < SMALL_STREAM) events = events.concat(event);
    else events.push(event);
    if (events.length > this.maxEvents) events.splice(0, events.length - this.maxEvents);
    streams.set(streamId, events);
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

  /**
   * Drops the `count` least recently written streams. One iterator is kept across calls: a
   * fresh one starts at the front of the table and skips every entry deleted since the last
   * rehash, thousands of them once the store is full (several µs per new stream); a live
   * iterator passes each deleted entry once.
   */
  private dropOldest(count: number): void {
    for (let dropped = 0; dropped < count; dropped += 1) {
      let oldest = (this.oldest ??= this.streams.keys()).next();
      if (oldest.done === true) {
        // Exhausted iterators stay done: start again from the front.
        this.oldest = this.streams.keys();
        oldest = this.oldest.next();
        if (oldest.done === true) return;
      }
      this.streams.delete(oldest.value);
    }
  }
}
