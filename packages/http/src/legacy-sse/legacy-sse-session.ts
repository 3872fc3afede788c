/**
 * One legacy SSE session: the event stream a client holds open, the engine session behind
 * it, and the principal it was opened by. Writes are bounded: a client that stops reading
 * past `maxQueuedMessages` events loses its stream instead of growing the process.
 */
import type { AuthInfo } from "@chuk-mcp/core";
import type { EngineSession, JsonRpcMessage } from "../engine.js";

const encoder = new TextEncoder();

/** Who opened a session; later messages must come from the same one. */
export function principalOf(auth: AuthInfo | undefined): string | undefined {
  if (auth === undefined) return undefined;
  return auth.subject ?? auth.clientId ?? auth.token;
}

/** A session between `GET /sse` and the stream's end. */
export class LegacySseSession {
  readonly id: string;
  readonly principal: string | undefined;
  readonly stream: ReadableStream<Uint8Array>;
  engineSession: EngineSession | undefined;
  lastActivity = Date.now();
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private closed = false;
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  private readonly onClose: (session: LegacySseSession) => void;
  private readonly maxQueued: number;
  private readonly closeCallbacks: (() => void)[] = [];

  constructor(options: { id: string; principal: string | undefined; maxQueued: number; keepAliveMs: number; onClose: (session: LegacySseSession) => void }) {
    this.id = options.id;
    this.principal = options.principal;
    this.maxQueued = options.maxQueued;
    this.onClose = options.onClose;
    // highWaterMark 0: desiredSize is minus the number of events the client has not read yet.
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        cancel: () => this.close(),
      },
      new CountQueuingStrategy({ highWaterMark: 0 }),
    );
    if (options.keepAliveMs > 0) {
      this.keepAlive = setInterval(() => this.write(": keep-alive\n\n"), options.keepAliveMs);
      (this.keepAlive as { unref?: () => void }).unref?.();
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends the `endpoint` event: where to POST, relative to the stream's URL. */
  announceEndpoint(endpoint: string): void {
    this.write(`event: endpoint\ndata: ${endpoint}\n\n`);
  }

  /** Sends one JSON-RPC message as a `message` event. */
  sendMessage(message: JsonRpcMessage | string): void {
    this.lastActivity = Date.now();
    this.write(`event: message\ndata: ${typeof message === "string" ? message : JSON.stringify(message)}\n\n`);
  }

  private write(text: string): void {
    if (this.closed || this.controller === undefined) return;
    const backlog = -(this.controller.desiredSize ?? 0);
    if (backlog >= this.maxQueued) {
      // The client is not reading: end the stream (it may reconnect) rather than buffer without bound.
      this.close();
      return;
    }
    try {
      this.controller.enqueue(encoder.encode(text));
    } catch {
      this.close();
    }
  }

  /** Runs `callback` once the session closes (at once if it already has). */
  onClosed(callback: () => void): void {
    if (this.isClosed) callback();
    else this.closeCallbacks.push(callback);
  }

  /** Ends the stream and the engine session (aborting what is in flight). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
    try {
      this.controller?.close();
    } catch {
      // Already cancelled by the client.
    }
    this.engineSession?.close();
    this.onClose(this);
    for (const callback of this.closeCallbacks.splice(0)) callback();
  }
}
