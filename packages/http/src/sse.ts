/**
 * SSE framing and the sink abstraction both entry points write through.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import type { HeaderRecord } from "./replies.js";

/** One open SSE response, whatever the runtime. */
export interface SseSink {
  /** Writes raw SSE text; ignored once closed. */
  write(chunk: string): void;
  /** Ends the response. */
  end(): void;
  /** True once ended by us or dropped by the client. */
  readonly closed: boolean;
  /** Called once when the client goes away or `end()` runs. */
  onClose(listener: () => void): void;
}

/** How the shared request logic answers, whatever the runtime. */
export interface ResponseWriter {
  /** Sends a complete answer. */
  reply(status: number, headers: HeaderRecord, body?: string): void;
  /** Starts an SSE answer and returns its sink. */
  openStream(status: number, headers: HeaderRecord): SseSink;
  /**
   * Calls `listener` once if the client goes away before the answer is complete (at once when
   * it already has).
   */
  onAbort(listener: () => void): void;
}

/** One SSE `message` event; `id` omitted for streams that cannot be resumed. */
export function formatEvent(id: string | undefined, data: string): string {
  return id === undefined ? `data: ${data}\n\n` : `id: ${id}\ndata: ${data}\n\n`;
}

/** The priming event (SEP-1699): an id and empty data, plus the reconnection delay. */
export function formatPrimingEvent(id: string, retryMs: number | undefined): string {
  return retryMs === undefined ? `id: ${id}\ndata: \n\n` : `id: ${id}\nretry: ${retryMs}\ndata: \n\n`;
}

/** A comment line: keeps idle connections open through proxies. */
export const KEEP_ALIVE_COMMENT = ": keep-alive\n\n";

/** Builds an event id: `<streamId>_<sequence>`. */
export function formatEventId(streamId: string, sequence: number): string {
  return `${streamId}_${sequence}`;
}

/** Splits an event id back into stream id and sequence; `undefined` for ids we never issued. */
export function parseEventId(eventId: string): { streamId: string; sequence: number } | undefined {
  const separator = eventId.lastIndexOf("_");
  if (separator <= 0) return undefined;
  const digits = eventId.slice(separator + 1);
  if (!/^\d{1,15}$/.test(digits)) return undefined;
  return { streamId: eventId.slice(0, separator), sequence: Number(digits) };
}

/** Writes a keep-alive comment every `intervalMs` until the sink closes (0: never). */
export function startKeepAlive(sink: SseSink, intervalMs: number): void {
  if (intervalMs <= 0) return;
  const timer = setInterval(() => {
    if (sink.closed) clearInterval(timer);
    else sink.write(KEEP_ALIVE_COMMENT);
  }, intervalMs);
  (timer as { unref?: () => void }).unref?.();
  sink.onClose(() => clearInterval(timer));
}
