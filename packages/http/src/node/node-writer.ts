/**
 * The Node side of `ResponseWriter`: writes straight to `ServerResponse`, no web objects.
 * @see https://nodejs.org/api/http.html#class-httpserverresponse
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HeaderRecord } from "../replies.js";
import type { ResponseWriter, SseSink } from "../sse.js";

/**
 * `headers` as the flat name/value list `writeHead` takes, plus `Content-Length` of `body`; as
 * they are for statuses that carry no body (1xx, 204, 304) or headers that already state it.
 */
function withContentLength(status: number, headers: HeaderRecord, body: string | undefined): HeaderRecord | string[] {
  if (status < 200 || status === 204 || status === 304 || headers["content-length"] !== undefined) return headers;
  const pairs: string[] = [];
  for (const name in headers) pairs.push(name, headers[name] as string);
  pairs.push("content-length", body === undefined ? "0" : String(Buffer.byteLength(body)));
  return pairs;
}

class NodeSseSink implements SseSink {
  constructor(private readonly response: ServerResponse) {}

  get closed(): boolean {
    return this.response.writableEnded || this.response.destroyed;
  }

  write(chunk: string): void {
    if (!this.closed) this.response.write(chunk);
  }

  end(): void {
    if (!this.closed) this.response.end();
  }

  onClose(listener: () => void): void {
    if (this.response.destroyed) listener();
    else this.response.once("close", listener);
  }
}

/** Answers through a Node `ServerResponse`. */
export class NodeResponseWriter implements ResponseWriter {
  /**
   * Dropped once a complete reply is written: objects that outlive the request (a handler's
   * context, say) must not keep the whole Node request/response graph reachable, which made
   * the young generation promote every request under load (benchmarks/README.md).
   */
  private response: ServerResponse | undefined;

  constructor(response: ServerResponse) {
    this.response = response;
  }

  reply(status: number, headers: HeaderRecord, body?: string): void {
    const response = this.response;
    if (response === undefined || response.headersSent || response.destroyed) return;
    // writeHead with the headers (merged with any header set earlier) skips a setHeader per name.
    // They carry Content-Length: once writeHead ran, end(body) could not add it and the answer
    // went out chunked (a chunk header and a terminating chunk per reply, and more bytes).
    response.writeHead(status, withContentLength(status, headers, body));
    response.end(body);
    this.response = undefined;
  }

  openStream(status: number, headers: HeaderRecord): SseSink {
    const response = this.response;
    if (response === undefined) throw new Error("[chuk-mcp] [http] cannot open a stream: this request was already answered");
    response.writeHead(status, headers);
    response.flushHeaders();
    return new NodeSseSink(response);
  }

  onAbort(listener: () => void): void {
    const response = this.response;
    if (response === undefined) return;
    if (response.destroyed) {
      if (!response.writableFinished) listener();
      return;
    }
    response.once("close", () => {
      if (!response.writableFinished) listener();
    });
  }
}

/**
 * Reads a body as UTF-8 text and calls `done` once: with the text, with `undefined` as soon as
 * it exceeds `limit` bytes (nothing more is buffered), or with the stream's error.
 * Callback-based so the hot path allocates no promise.
 */
export function readNodeBodyWith(
  request: IncomingMessage,
  limit: number,
  done: (error: unknown, body: string | undefined) => void,
): void {
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let total = 0;
  let settled = false;
  const onData = (chunk: Buffer): void => {
    total += chunk.length;
    if (total > limit) {
      request.off("data", onData);
      first = undefined;
      chunks = undefined;
      settled = true;
      done(undefined, undefined);
      return;
    }
    if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
  };
  // `on`, not `once`: `settled` already makes each callback count once, and `once` wraps every
  // listener in a bound function per request. The error listener stays, so a late error is ignored.
  request.on("data", onData);
  request.on("end", () => {
    if (settled) return;
    settled = true;
    const text = chunks !== undefined ? Buffer.concat(chunks, total).toString("utf8") : first === undefined ? "" : first.toString("utf8");
    done(undefined, text);
  });
  request.on("error", (error: unknown) => {
    if (settled) return;
    settled = true;
    done(error, undefined);
  });
}

/** Reads a body as UTF-8 text; `undefined` as soon as it exceeds `limit` bytes (nothing more is buffered). */
export function readNodeBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    readNodeBodyWith(request, limit, (error, body) => (error === undefined ? resolve(body) : reject(error)));
  });
}
