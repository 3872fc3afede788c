/**
 * One logical SSE stream of a session: the answer stream of a POST, or the session's
 * standalone GET stream. It outlives any one connection: events get ids and go to the
 * `EventStore`, a connection may drop or be closed by the server (SEP-1699 polling), and a
 * GET with `Last-Event-ID` re-attaches a new connection after replaying what it missed.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import { MemoryEventStore, type EventStore, type StoredEvent } from "./event-store.js";
import { formatEvent, formatEventId, formatPrimingEvent, type SseSink } from "./sse.js";

/** Reports store failures; the stream keeps going without resumability. */
export type StreamErrorReporter = (error: unknown) => void;

/** Hands an event emitted while no connection is attached here to other instances (after it is stored). */
export type DetachedEventPublisher = (streamId: string, event: StoredEvent) => void;

/** A resumable stream with ids, storage and a replaceable connection. */
export class EventStream {
  readonly id: string;
  private sequence = 0;
  private sink: SseSink | undefined;
  /** Live events held back while a resuming connection replays history. */
  private held: StoredEvent[] | undefined;
  private finished = false;
  /** Events waiting for an earlier `append` to settle; set only while one is in flight. */
  private backlog: PendingAppend[] | undefined;
  /** Resolved once the backlog is empty; made only when `resume` has to wait for it. */
  private drained: Promise<void> | undefined;
  private resolveDrained: (() => void) | undefined;

  constructor(
    id: string,
    private readonly store: EventStore,
    private readonly reportError: StreamErrorReporter,
    private readonly publishDetached?: DetachedEventPublisher,
  ) {
    this.id = id;
    this.persist(0, "", false);
  }

  /** True once the final event was emitted. */
  get done(): boolean {
    return this.finished;
  }

  /** True while a connection is attached and open. */
  get attached(): boolean {
    return this.sink !== undefined && !this.sink.closed;
  }

  /** Attaches a fresh connection and sends the priming event (id of the latest event). */
  attach(sink: SseSink, retryMs: number | undefined): void {
    this.replaceSink(sink);
    sink.write(formatPrimingEvent(formatEventId(this.id, this.sequence), retryMs));
  }

  /** Emits one JSON-RPC message text: stored, and written when a connection is attached. */
  emit(message: string): void {
    const sequence = ++this.sequence;
    if (this.held !== undefined) {
      this.persist(sequence, message, false);
      this.held.push({ sequence, message });
    } else if (this.sink !== undefined && !this.sink.closed) {
      this.persist(sequence, message, false);
      this.sink.write(formatEvent(formatEventId(this.id, sequence), message));
    } else {
      // Nobody reads it here: the client may have resumed this stream on another instance.
      this.persist(sequence, message, this.publishDetached !== undefined);
    }
  }

  /** Marks the stream complete and ends its connection (after any replay in progress). */
  finish(): void {
    this.finished = true;
    if (this.held === undefined) this.sink?.end();
  }

  /** Ends the current connection but keeps the stream going (the client resumes later). */
  disconnect(): void {
    const sink = this.sink;
    this.sink = undefined;
    this.held = undefined;
    sink?.end();
  }

  /**
   * Attaches a resuming connection: replays stored events after `afterSequence`, then
   * continues live. The connection is opened (`open()`) only once history is known to be
   * complete; returns false, without opening, when it is gone.
   */
  async resume(open: () => SseSink, afterSequence: number, retryMs: number | undefined): Promise<boolean> {
    const held: StoredEvent[] = [];
    this.held = held;
    await this.allStored();
    let replay: StoredEvent[] | undefined;
    try {
      replay = await this.store.readAfter(this.id, afterSequence);
    } catch (error) {
      this.reportError(error);
    }
    if (this.held !== held) return false;
    this.held = undefined;
    if (replay === undefined) {
      if (this.finished) this.sink?.end();
      return false;
    }
    const sink = open();
    this.replaceSink(sink);
    if (retryMs !== undefined) sink.write(`retry: ${retryMs}\n\n`);
    let last = afterSequence;
    for (const event of replay.concat(held)) {
      if (event.sequence <= last) continue;
      last = event.sequence;
      if (event.message !== "") sink.write(formatEvent(formatEventId(this.id, event.sequence), event.message));
    }
    if (this.finished) sink.end();
    return true;
  }

  private replaceSink(sink: SseSink): void {
    const previous = this.sink;
    this.sink = sink;
    if (previous !== undefined && previous !== sink) previous.end();
  }

  /**
   * Stores in order; a detached event is published only once stored, so a resuming reader
   * never misses it. The in-memory store is written synchronously; other stores get one
   * `append` at a time, the next one issued when the previous settles.
   */
  private persist(sequence: number, message: string, publish: boolean): void {
    if (this.backlog !== undefined) {
      this.backlog.push({ sequence, message, publish });
      return;
    }
    const store = this.store;
    if (store instanceof MemoryEventStore) {
      try {
        store.appendNow(this.id, sequence, message);
      } catch (error) {
        this.reportError(error);
      }
      if (publish) this.publishDetached?.(this.id, { sequence, message });
      return;
    }
    this.backlog = [];
    this.appendToStore({ sequence, message, publish });
  }

  private appendToStore(pending: PendingAppend): void {
    let appended: Promise<void>;
    try {
      appended = this.store.append(this.id, { sequence: pending.sequence, message: pending.message });
    } catch (error) {
      appended = Promise.reject(error);
    }
    appended.then(
      () => this.appended(pending),
      (error: unknown) => {
        this.reportError(error);
        this.appended(pending);
      },
    );
  }

  private appended(pending: PendingAppend): void {
    if (pending.publish) this.publishDetached?.(this.id, { sequence: pending.sequence, message: pending.message });
    const next = this.backlog?.shift();
    if (next !== undefined) {
      this.appendToStore(next);
      return;
    }
    this.backlog = undefined;
    const resolve = this.resolveDrained;
    this.drained = undefined;
    this.resolveDrained = undefined;
    resolve?.();
  }

  /** Settles once every event emitted so far reached the store. */
  private allStored(): Promise<void> {
    if (this.backlog === undefined) return Promise.resolve();
    this.drained ??= new Promise((resolve) => {
      this.resolveDrained = resolve;
    });
    return this.drained;
  }
}

/** An event waiting for its turn to be appended. */
interface PendingAppend {
  sequence: number;
  message: string;
  publish: boolean;
}

/** Replays a finished stream that is no longer live in this process. */
export async function replayStored(
  store: EventStore,
  streamId: string,
  afterSequence: number,
  open: () => SseSink,
  retryMs: number | undefined,
): Promise<boolean> {
  const replay = await store.readAfter(streamId, afterSequence);
  if (replay === undefined) return false;
  const sink = open();
  if (retryMs !== undefined) sink.write(`retry: ${retryMs}\n\n`);
  for (const event of replay) {
    if (event.message !== "") sink.write(formatEvent(formatEventId(streamId, event.sequence), event.message));
  }
  sink.end();
  return true;
}
