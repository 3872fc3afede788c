/**
 * The Node side of `ResponseWriter`: writes straight to `ServerResponse`, no web objects.
 * @see https://nodejs.org/api/http.html#class-httpserverresponse
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HeaderRecord } from "../replies.js";
import type { ResponseWriter, SseSink } from "../sse.js";

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
  constructor(private readonly response: ServerResponse) {}

  reply(status: number, headers: HeaderRecord, body?: string): void {
    const response = this.response;
    if (response.headersSent || response.destroyed) return;
    response.statusCode = status;
    for (const name in headers) response.setHeader(name, headers[name] as string);
    response.end(body);
  }

  openStream(status: number, headers: HeaderRecord): SseSink {
    const response = this.response;
    response.writeHead(status, headers);
    response.flushHeaders();
    return new NodeSseSink(response);
  }

  onAbort(listener: () => void): void {
    const response = this.response;
    response.once("close", () => {
      if (!response.writableFinished) listener();
    });
  }
}

/** Reads a body as UTF-8 text; `undefined` as soon as it exceeds `limit` bytes (nothing more is buffered). */
export function readNodeBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) {
        request.off("data", onData);
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => {
      if (total > limit) return;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks, total).toString("utf8"));
    });
    request.once("error", reject);
  });
}
