/**
 * One POST request/answer exchange. The answer starts as plain JSON; the first message the
 * request produces before its result (progress, log, server→client request) upgrades it to
 * an SSE stream, which then carries the result and ends. Session streams are resumable
 * (ids, `EventStore`); stateless ones are not.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import type { JsonRpcId, JsonRpcMessage } from "./engine.js";
import type { EventStream } from "./event-stream.js";
import type { ResolvedOptions } from "./options.js";
import type { HeaderRecord } from "./replies.js";
import type { LiveSession, RelatedChannel } from "./session-registry.js";
import { DeferredSseSink } from "./deferred-sse-sink.js";
import { formatEvent, type ResponseWriter, type SseSink } from "./sse.js";

/** Per-request state between dispatch and answer. */
export class RequestExchange implements RelatedChannel {
  /** Made on first read of `signal`: most requests finish before anything listens. */
  private controller: AbortController | undefined;
  private aborted = false;
  private abortReason: unknown;
  private streaming = false;
  private finished = false;
  private stream: EventStream | undefined;
  private sink: SseSink | undefined;
  /** The neighbours in the endpoint's in-flight list (in-flight.ts); undefined while not in it. */
  inFlightPrevious: RequestExchange | undefined = undefined;
  inFlightNext: RequestExchange | undefined = undefined;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly writer: ResponseWriter,
    private readonly streamHeaders: HeaderRecord,
    readonly session: LiveSession | undefined,
    readonly requestId: JsonRpcId | undefined,
    /** True for streams meant to stay open (subscriptions/listen): shutdown ends them first. */
    readonly longLived: boolean,
  ) {}

  /**
   * The engine's `HandleOptions.channel`: called as a method, so no closure is made per request
   * (closures over the exchange kept whole requests alive across scavenges under load).
   */
  send(message: JsonRpcMessage): void {
    this.emitMessage(JSON.stringify(message));
  }

  /**
   * Aborted when the client goes away (unless it can resume), or at shutdown. Made on first
   * read, which is also when the connection starts being watched: the engine reads it only for a
   * handler still running after its first microtask, so requests answered at once register no
   * listener at all (an SSE answer watches its stream from `upgrade()` on).
   */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.abortReason);
      else if (!this.finished) this.writer.onAbort(() => this.onConnectionClosed());
    }
    return this.controller.signal;
  }

  private abortWith(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }

  /** True once the answer became an SSE stream. */
  get isStreaming(): boolean {
    return this.streaming;
  }

  /** True once the final answer was written. */
  get isFinished(): boolean {
    return this.finished;
  }

  /** Writes one related message, upgrading to SSE first if needed. */
  emitMessage(text: string): void {
    if (this.finished) return;
    if (!this.streaming) this.upgrade();
    if (this.stream !== undefined) this.stream.emit(text);
    else this.sink?.write(formatEvent(undefined, text));
  }

  /**
   * Switches the answer to SSE (with a priming event on resumable streams). The stream goes on
   * the wire at the end of this event-loop turn, or as one complete reply if the answer is
   * finished by then (`DeferredSseSink`); the connection is watched from then on.
   */
  upgrade(): void {
    if (this.streaming) return;
    this.streaming = true;
    const sink = new DeferredSseSink(this.writer, this.streamHeaders, this.options.keepAliveMs, this);
    if (this.session !== undefined) {
      this.stream = this.session.openStream();
      this.stream.attach(sink, this.options.retryMs);
    } else {
      this.sink = sink;
    }
  }

  /** Delivers the final answer: JSON when still possible, else the last SSE event. */
  complete(status: number, headers: HeaderRecord, text: string | undefined): void {
    if (this.finished) return;
    this.finished = true;
    this.session?.requests.delete(this.requestId as JsonRpcId);
    if (!this.streaming) {
      this.writer.reply(status, headers, text);
      return;
    }
    if (this.stream !== undefined) {
      if (text !== undefined) this.stream.emit(text);
      this.stream.finish();
      this.session?.streams.delete(this.stream.id);
    } else {
      if (text !== undefined) this.sink?.write(formatEvent(undefined, text));
      this.sink?.end();
    }
  }

  /**
   * SEP-1699: ends the connection now but keeps the request running; the client resumes
   * with GET + Last-Event-ID. Only session streams can be resumed; false otherwise.
   */
  closeConnection(): boolean {
    if (this.session === undefined || this.finished) return false;
    if (!this.streaming) this.upgrade();
    this.stream?.disconnect();
    return true;
  }

  /** Ends the answer at shutdown: aborts the handler and closes any stream. */
  abort(reason: unknown): void {
    this.abortWith(reason);
    if (this.streaming && !this.finished) {
      this.stream?.disconnect();
      this.sink?.end();
    }
  }

  /** The client went away: cancel unless the stream is resumable. */
  onConnectionClosed(): void {
    if (this.finished) return;
    if (this.streaming && this.session !== undefined) return;
    this.abortWith(new Error("the client closed the connection"));
  }
}
