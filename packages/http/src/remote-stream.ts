/**
 * Resuming, on this instance, a stream that another instance is still writing: replay what
 * the shared `EventStore` holds, then continue with the events the other instance publishes
 * on the session's bus channel, until the request's response ends the stream.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import { isResponseText } from "./event-bus.js";
import type { EventStore, StoredEvent } from "./event-store.js";
import { formatEvent, formatEventId, type SseSink } from "./sse.js";

/** Receives the live events of one remote stream. */
export class RemoteStreamRelay {
  private held: StoredEvent[] | undefined = [];
  private sink: SseSink | undefined;
  private last: number;

  constructor(
    readonly streamId: string,
    afterSequence: number,
  ) {
    this.last = afterSequence;
  }

  /** True once the stream ended (response seen) or the client left. */
  get closed(): boolean {
    return this.sink?.closed === true;
  }

  /** An event published by the instance that runs the request. */
  push(event: StoredEvent): void {
    if (this.held !== undefined) this.held.push(event);
    else this.write(event);
  }

  /**
   * Replays stored events after `afterSequence` and switches to live delivery. False, without
   * opening a connection, when the store no longer knows the stream.
   */
  async start(store: EventStore, open: () => SseSink, retryMs: number | undefined): Promise<boolean> {
    const replay = await store.readAfter(this.streamId, this.last);
    if (replay === undefined) return false;
    const sink = open();
    this.sink = sink;
    if (retryMs !== undefined) sink.write(`retry: ${retryMs}\n\n`);
    const held = this.held ?? [];
    this.held = undefined;
    for (const event of [...replay, ...held].sort((left, right) => left.sequence - right.sequence)) this.write(event);
    return true;
  }

  /** Ends the connection (session terminated or closed here). */
  end(): void {
    this.sink?.end();
  }

  private write(event: StoredEvent): void {
    const sink = this.sink;
    if (sink === undefined || sink.closed || event.sequence <= this.last) return;
    this.last = event.sequence;
    if (event.message === "") return;
    sink.write(formatEvent(formatEventId(this.streamId, event.sequence), event.message));
    if (isResponseText(event.message)) sink.end();
  }
}
