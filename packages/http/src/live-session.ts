/**
 * One 2025-era session held in memory: the engine session, who it is bound to, its streams,
 * and the requests in flight.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { EngineSession, JsonRpcId, JsonRpcMessage } from "./engine.js";
import type { SessionBusMessage } from "./event-bus.js";
import { EventStream } from "./event-stream.js";
import { keptFlat } from "./flat-string.js";
import type { ResolvedOptions } from "./options.js";
import type { RemoteStreamRelay } from "./remote-stream.js";
import type { SessionBusLink } from "./session-bus-link.js";
import { ANONYMOUS, type SessionOwner } from "./session-owner.js";

/** Where messages related to one client request go (its POST answer stream). */
export interface RelatedChannel {
  emitMessage(text: string): void;
}

// Drawn on first use: Cloudflare Workers forbid generating random values at module scope.
let processNonce: string | undefined;
let streamCounter = 0;

/** One session held in memory. */
export class LiveSession {
  readonly id: string;
  /** Who the session is bound to (see session-owner.ts); checked on every request. */
  owner: SessionOwner = ANONYMOUS;
  /** The quota bucket: the owner when authenticated, else the client address. */
  clientKey = "address:unknown";
  engineSession!: EngineSession;
  lastSeen = Date.now();
  private lastStoreTouch = Date.now();
  /** Requests of this session waiting for their answer, by JSON-RPC id. */
  readonly requests = new Map<JsonRpcId, RelatedChannel>();
  /** Streams that can still be resumed from this process, by stream id. */
  readonly streams = new Map<string, EventStream>();
  /** The standalone GET stream, once a client opened one. */
  standalone: EventStream | undefined;
  /** Streams of other instances resumed here, by stream id. */
  readonly remoteStreams = new Map<string, RemoteStreamRelay>();
  /** The session's bus channel, when an `eventBus` is configured. */
  link: SessionBusLink | undefined;
  closed = false;

  constructor(
    id: string,
    private readonly options: ResolvedOptions,
  ) {
    this.id = id;
  }

  /** A fresh stream id; the session id prefix ties resumption to its session. */
  newStreamId(): string {
    processNonce ??= crypto.randomUUID().slice(0, 8);
    return keptFlat(`${this.id}.${processNonce}${(++streamCounter).toString(36)}`);
  }

  /** True when `streamId` was issued for this session. */
  ownsStream(streamId: string): boolean {
    return streamId.length > this.id.length + 1 && streamId.startsWith(this.id) && streamId[this.id.length] === ".";
  }

  /** Opens a stream registered for resumption. */
  openStream(): EventStream {
    const link = this.link;
    const stream = new EventStream(
      this.newStreamId(),
      this.options.eventStore,
      this.options.onError,
      link === undefined ? undefined : (streamId, event) => link.publish({ kind: "event", streamId, sequence: event.sequence, text: event.message }),
    );
    this.streams.set(stream.id, stream);
    return stream;
  }

  /** The engine's outbound channel: related messages to their request, the rest to the GET stream. */
  route(message: JsonRpcMessage, relatedRequestId: JsonRpcId | undefined): void {
    const text = JSON.stringify(message);
    const channel = relatedRequestId === undefined ? undefined : this.requests.get(relatedRequestId);
    if (channel !== undefined) channel.emitMessage(text);
    else if (this.standalone !== undefined) this.standalone.emit(text);
    else this.link?.publish({ kind: "message", text });
  }

  /** Opens the standalone GET stream here; other instances stop collecting for theirs. */
  openStandalone(): EventStream {
    this.standalone ??= this.openStream();
    this.link?.publish({ kind: "standalone" });
    return this.standalone;
  }

  /** Delivers what another instance published for this session. */
  receive(message: SessionBusMessage): void {
    switch (message.kind) {
      case "message":
        this.standalone?.emit(message.text);
        return;
      case "event":
        this.remoteStreams.get(message.streamId)?.push({ sequence: message.sequence, message: message.text });
        return;
      case "standalone":
        if (this.standalone !== undefined && !this.standalone.attached) {
          this.streams.delete(this.standalone.id);
          this.standalone = undefined;
        }
        return;
      case "terminated":
        return;
    }
  }

  /** Records activity; refreshes the store's expiry at most every quarter TTL. */
  touch(now: number): void {
    this.lastSeen = now;
    const ttl = this.options.sessionTtlMs;
    if (now - this.lastStoreTouch > ttl / 4) {
      this.lastStoreTouch = now;
      this.options.sessionStore.touch(this.id, ttl).catch(this.options.onError);
    }
  }

  /** True when nothing is attached or in flight, so it may leave memory. */
  get idle(): boolean {
    if (this.requests.size > 0) return false;
    for (const stream of this.streams.values()) if (stream.attached) return false;
    for (const relay of this.remoteStreams.values()) if (!relay.closed) return false;
    return true;
  }

  /** Ends connections and the engine session. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams.values()) stream.disconnect();
    this.streams.clear();
    for (const relay of this.remoteStreams.values()) relay.end();
    this.remoteStreams.clear();
    this.link?.close();
    this.engineSession.close();
  }
}
