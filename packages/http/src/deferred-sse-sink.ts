/**
 * An SSE answer held back until the end of the current event-loop turn. A request whose
 * answer is complete within that turn (a tool call that returns without awaiting I/O) goes out
 * as one complete response through `ResponseWriter.reply`: one socket write instead of head,
 * priming event, result and end, and no keep-alive timer. A request still running at the end
 * of the turn gets its stream opened then, with everything written so far, so the priming event
 * still reaches the client without waiting for the handler (SEP-1699 asks for it "immediately").
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import type { HeaderRecord } from "./replies.js";
import { startKeepAlive, type ResponseWriter, type SseSink } from "./sse.js";

/** Told when the opened connection closes (an object, so the fast path makes no closure). */
export interface ConnectionCloseListener {
  onConnectionClosed(): void;
}

type Schedule = (callback: () => void) => void;

const runtime = globalThis as { setImmediate?: (callback: () => void) => unknown };
/** `setImmediate` runs right after the current I/O callbacks and their microtasks; elsewhere a zero timeout. */
const scheduleAfterTurn: Schedule =
  typeof runtime.setImmediate === "function"
    ? (callback) => void runtime.setImmediate?.(callback)
    : (callback) => void setTimeout(callback, 0);

/** Sinks waiting for the end of this turn; one scheduled callback serves them all. */
let waiting: DeferredSseSink[] = [];

function openWaiting(): void {
  const batch = waiting;
  waiting = [];
  for (const sink of batch) {
    try {
      sink.open();
    } catch {
      // the writer refused (already answered): nothing can go out on this response any more
      sink.abandon();
    }
  }
}

/** An `SseSink` that becomes a single reply when it ends before the turn does. */
export class DeferredSseSink implements SseSink {
  private pending = "";
  private opened: SseSink | undefined;
  private ended = false;
  private listeners: Array<() => void> | undefined;

  constructor(
    private readonly writer: ResponseWriter,
    private readonly headers: HeaderRecord,
    private readonly keepAliveMs: number,
    private readonly owner?: ConnectionCloseListener,
  ) {
    if (waiting.push(this) === 1) scheduleAfterTurn(openWaiting);
  }

  get closed(): boolean {
    return this.opened === undefined ? this.ended : this.opened.closed;
  }

  /** True once the answer went out as a stream rather than a single reply. */
  get isOpen(): boolean {
    return this.opened !== undefined;
  }

  write(chunk: string): void {
    if (this.opened !== undefined) this.opened.write(chunk);
    else if (!this.ended) this.pending += chunk;
  }

  end(): void {
    if (this.opened !== undefined) {
      this.opened.end();
      return;
    }
    if (this.ended) return;
    this.ended = true;
    const body = this.pending;
    this.pending = "";
    this.writer.reply(200, this.headers, body);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }

  onClose(listener: () => void): void {
    if (this.opened !== undefined) this.opened.onClose(listener);
    else if (this.ended) listener();
    else (this.listeners ??= []).push(listener);
  }

  /** Marks the sink ended without writing anything. */
  abandon(): void {
    if (this.opened !== undefined || this.ended) return;
    this.ended = true;
    this.pending = "";
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }

  /** Starts the stream now with what was written so far (no-op once ended or open). */
  open(): void {
    if (this.opened !== undefined || this.ended) return;
    const sink = this.writer.openStream(200, this.headers);
    this.opened = sink;
    if (this.pending !== "") sink.write(this.pending);
    this.pending = "";
    startKeepAlive(sink, this.keepAliveMs);
    const owner = this.owner;
    if (owner !== undefined) sink.onClose(() => owner.onConnectionClosed());
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) sink.onClose(listener);
  }
}
