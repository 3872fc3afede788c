/**
 * Keeps the SSE events of 2025-era sessions so a client that lost its connection can
 * resume with `Last-Event-ID` (SEP-1699). Event ids are `<streamId>_<sequence>`: the
 * transport assigns them, the store only keeps them in order. Sequence 0 is the priming
 * event (empty message) that makes every stream resumable from its start.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import type { EventStore, StoredEvent } from "@chuk-mcp/core";
import { keptFlat } from "./flat-string.js";

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

/**
 * A bounded in-memory `EventStore` (single process).
 *
 * Streams sit in a ring of slots ordered by last write, plus a `Map` from stream id to slot
 * number. An earlier version kept the event arrays as `Map` values and moved a stream to the
 * back with delete + set. Under load that `Map`'s table lives in V8's old generation and is
 * rebuilt all the time, and the old tables kept young event arrays alive into promotion: about
 * 490 bytes promoted per 2025 SSE request, even with a 100-stream limit. Here the `Map` holds
 * only small integers, an existing key is updated in place, and the event arrays live in the
 * ring's slots, which are overwritten, never rebuilt.
 */
export class MemoryEventStore implements EventStore {
  /** Stream id → slot in the ring. */
  private readonly index = new Map<string, number>();
  private readonly maxEvents: number;
  private readonly maxStreams: number;
  /** The ring: twice `maxStreams` slots, since a rewritten stream leaves a hole where it was. */
  private readonly ids: (string | undefined)[];
  private readonly slots: (StoredEvent[] | undefined)[];
  /** The next slot to write. */
  private head = 0;
  /** The oldest slot still in use (a stream, or a hole not yet passed). */
  private tail = 0;
  /** Slots from `tail` up to `head`, holes included. */
  private used = 0;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.maxEvents = options.maxEventsPerStream ?? 1_000;
    this.maxStreams = options.maxStreams ?? 10_000;
    if (!(Number.isInteger(this.maxStreams) && this.maxStreams > 0)) {
      throw new RangeError(`MemoryEventStore: maxStreams must be a positive integer, got ${String(options.maxStreams)}`);
    }
    this.ids = new Array<string | undefined>(this.maxStreams * 2).fill(undefined);
    this.slots = new Array<StoredEvent[] | undefined>(this.maxStreams * 2).fill(undefined);
  }

  /** Number of streams held. */
  get size(): number {
    return this.index.size;
  }

  async append(streamId: string, event: StoredEvent): Promise<void> {
    this.appendNow(streamId, event.sequence, event.message);
  }

  /**
   * `append` without the promise: `EventStream` calls it directly for this store, so a
   * resumable answer stores its events without a promise chain per event.
   */
  appendNow(streamId: string, sequence: number, message: string): void {
    const event = sequence === 0 && message === "" ? PRIMING_EVENT : { sequence, message: keptFlat(message) };
    const slot = this.index.get(streamId);
    let events: StoredEvent[];
    if (slot === undefined) {
      events = [event];
    } else {
      const held = this.slots[slot] as StoredEvent[];
      this.clearSlot(slot);
      // Most streams hold a priming event and one answer for thousands of requests: exact-size
      // arrays keep that at about a third of what `push`'s growth would hold.
      events = held.length < SMALL_STREAM ? held.concat(event) : held;
      if (events === held) held.push(event);
      if (events.length > this.maxEvents) events.splice(0, events.length - this.maxEvents);
    }
    this.place(streamId, events);
    while (this.index.size > this.maxStreams) this.dropOldest();
  }

  async readAfter(streamId: string, afterSequence: number): Promise<StoredEvent[] | undefined> {
    const slot = this.index.get(streamId);
    const events = slot === undefined ? undefined : this.slots[slot];
    if (events === undefined) return undefined;
    const first = events[0];
    if (first !== undefined && first.sequence > afterSequence + 1) return undefined;
    return events.filter((event) => event.sequence > afterSequence);
  }

  async deleteStream(streamId: string): Promise<void> {
    const slot = this.index.get(streamId);
    if (slot === undefined) return;
    this.clearSlot(slot);
    this.index.delete(streamId);
  }

  /** Writes a stream at the head of the ring (the most recently written end). */
  private place(streamId: string, events: StoredEvent[]): void {
    const size = this.slots.length;
    if (this.used === size) this.compact();
    const slot = this.head;
    this.ids[slot] = streamId;
    this.slots[slot] = events;
    this.index.set(streamId, slot);
    this.head = slot + 1 === size ? 0 : slot + 1;
    this.used += 1;
  }

  /**
   * The ring is full of streams and holes (streams rewritten in place leave holes): moves the
   * streams, oldest first, to the start of the ring. At most `maxStreams` streams are held, so
   * at least half the ring is free afterwards; this runs at most once per `maxStreams` writes.
   */
  private compact(): void {
    const size = this.slots.length;
    const ids: string[] = [];
    const slots: StoredEvent[][] = [];
    for (let step = 0, slot = this.tail; step < this.used; step += 1, slot = slot + 1 === size ? 0 : slot + 1) {
      const id = this.ids[slot];
      if (id === undefined) continue;
      ids.push(id);
      slots.push(this.slots[slot] as StoredEvent[]);
    }
    this.ids.fill(undefined);
    this.slots.fill(undefined);
    for (let slot = 0; slot < ids.length; slot += 1) {
      const id = ids[slot] as string;
      this.ids[slot] = id;
      this.slots[slot] = slots[slot];
      this.index.set(id, slot);
    }
    this.tail = 0;
    this.used = ids.length;
    this.head = ids.length === size ? 0 : ids.length;
  }

  /** Empties a slot; it stays a hole until the tail passes it. */
  private clearSlot(slot: number): void {
    this.ids[slot] = undefined;
    this.slots[slot] = undefined;
  }

  /** Drops the least recently written stream. */
  private dropOldest(): void {
    for (;;) {
      if (this.used === 0) return;
      const id = this.ids[this.tail];
      this.advanceTail();
      if (id !== undefined) return;
    }
  }

  /** Moves the tail one slot on, dropping the stream there, if any. */
  private advanceTail(): void {
    const slot = this.tail;
    const id = this.ids[slot];
    if (id !== undefined) {
      this.index.delete(id);
      this.clearSlot(slot);
    }
    this.tail = slot + 1 === this.slots.length ? 0 : slot + 1;
    this.used -= 1;
  }
}
