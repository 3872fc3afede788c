/**
 * The web-standard side: a `ResponseWriter` that resolves to a `Response` (SSE through a
 * `ReadableStream`). Bodies are read with `@chuk-mcp/core`'s `readBodyWithLimit`.
 * @see https://fetch.spec.whatwg.org/#response-class
 */
import type { HeaderRecord } from "./replies.js";
import type { ResponseWriter, SseSink } from "./sse.js";

const encoder = new TextEncoder();

class WebSseSink implements SseSink {
  closed = false;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private readonly listeners: Array<() => void> = [];
  readonly stream: ReadableStream<Uint8Array>;

  constructor() {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => this.markClosed(),
    });
  }

  write(chunk: string): void {
    if (this.closed) return;
    try {
      this.controller?.enqueue(encoder.encode(chunk));
    } catch {
      this.markClosed();
    }
  }

  end(): void {
    if (this.closed) return;
    try {
      this.controller?.close();
    } catch {
      // already errored by the consumer: nothing left to close
    }
    this.markClosed();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.listeners.push(listener);
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.listeners.splice(0)) listener();
  }
}

/** Collects one answer as a `Response`. */
export class WebResponseWriter implements ResponseWriter {
  readonly response: Promise<Response>;
  private resolve!: (response: Response) => void;

  constructor(private readonly signal?: AbortSignal) {
    this.response = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  onAbort(listener: () => void): void {
    if (this.signal?.aborted === true) listener();
    else this.signal?.addEventListener("abort", listener, { once: true });
  }

  reply(status: number, headers: HeaderRecord, body?: string): void {
    this.resolve(new Response(body ?? null, { status, headers }));
  }

  openStream(status: number, headers: HeaderRecord): SseSink {
    const sink = new WebSseSink();
    this.resolve(new Response(sink.stream, { status, headers }));
    return sink;
  }
}

/** Lower-case header record from a `Headers` object. */
export function headersToRecord(headers: Headers): Record<string, string> {
  // Null prototype: header names are client input (`__proto__`, `constructor`), like Node's own.
  const record = Object.create(null) as Record<string, string>;
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
