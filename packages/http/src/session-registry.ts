/**
 * Live 2025-era sessions of this process: the engine session, its streams, and the
 * requests in flight. Bounded (`maxSessions`), idle ones reaped after `sessionTtlMs`, and
 * backed by a `SessionStore` so a miss rehydrates instead of failing.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { EngineSession, JsonRpcId, JsonRpcMessage, McpEngine } from "./engine.js";
import type { SessionBusMessage } from "./event-bus.js";
import { EventStream } from "./event-stream.js";
import { keptFlat } from "./flat-string.js";
import type { ResolvedOptions } from "./options.js";
import type { RemoteStreamRelay } from "./remote-stream.js";
import { SessionBusLink } from "./session-bus-link.js";

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

/** The process-wide table of live sessions. */
export class SessionRegistry {
  private readonly live = new Map<string, LiveSession>();
  private readonly rehydrating = new Map<string, Promise<LiveSession | undefined>>();
  private reaper: ReturnType<typeof setInterval> | undefined;
  /** Tells this transport's bus messages from other instances'. */
  private readonly origin = crypto.randomUUID();

  constructor(
    private readonly engine: McpEngine,
    private readonly options: ResolvedOptions,
  ) {}

  /** Number of live sessions. */
  get size(): number {
    return this.live.size;
  }

  /** Creates a session for an initialize request; `undefined` when full of busy sessions. */
  create(): LiveSession | undefined {
    if (this.live.size >= this.options.maxSessions && !this.makeRoom()) return undefined;
    const session = this.attach(crypto.randomUUID(), undefined);
    this.startReaper();
    return session;
  }

  /** Saves a session's state (after initialize succeeded). */
  save(session: LiveSession): Promise<void> {
    return this.options.sessionStore.set(session.id, session.engineSession.state, this.options.sessionTtlMs);
  }

  /** The live session, or one rehydrated from the store; `undefined` when unknown. */
  /** The session when it is live in this instance; `resolve` also rehydrates from the store. */
  findLive(id: string): LiveSession | undefined {
    return this.live.get(id);
  }

  async resolve(id: string): Promise<LiveSession | undefined> {
    const live = this.live.get(id);
    if (live !== undefined) return live;
    let pending = this.rehydrating.get(id);
    if (pending === undefined) {
      pending = this.rehydrate(id);
      this.rehydrating.set(id, pending);
      pending.finally(() => this.rehydrating.delete(id)).catch(() => undefined);
    }
    return pending;
  }

  /** Ends a session for good (DELETE, failed initialize). */
  async terminate(session: LiveSession): Promise<void> {
    this.live.delete(session.id);
    session.link?.publish({ kind: "terminated" });
    session.close();
    await this.options.sessionStore.delete(session.id);
  }

  /** Drops a session from memory without touching the store (its save failed). */
  discard(session: LiveSession): void {
    if (this.live.get(session.id) === session) this.live.delete(session.id);
    session.close();
  }

  /** Closes every live session (shutdown); state stays in the store for other instances. */
  closeAll(): void {
    if (this.reaper !== undefined) clearInterval(this.reaper);
    this.reaper = undefined;
    for (const session of this.live.values()) session.close();
    this.live.clear();
  }

  /** Removes sessions idle longer than the TTL; returns how many went. */
  reap(now = Date.now()): number {
    let removed = 0;
    for (const session of this.live.values()) {
      if (now - session.lastSeen < this.options.sessionTtlMs || !session.idle) continue;
      this.live.delete(session.id);
      session.close();
      this.options.sessionStore.delete(session.id).catch(this.options.onError);
      removed++;
    }
    return removed;
  }

  private async rehydrate(id: string): Promise<LiveSession | undefined> {
    const state = await this.options.sessionStore.get(id);
    if (state === undefined) return undefined;
    const existing = this.live.get(id);
    if (existing !== undefined) return existing;
    if (this.live.size >= this.options.maxSessions && !this.makeRoom()) return undefined;
    this.startReaper();
    return this.attach(id, state);
  }

  private attach(id: string, state: LiveSession["engineSession"]["state"] | undefined): LiveSession {
    const session = new LiveSession(id, this.options);
    session.engineSession = this.engine.createSession({
      id,
      state,
      send: (message, sendOptions) => session.route(message, sendOptions?.relatedRequestId),
    });
    session.engineSession.onStateChange = (next) => {
      if (!session.closed) {
        this.options.sessionStore.set(id, next, this.options.sessionTtlMs).catch(this.options.onError);
      }
    };
    const bus = this.options.eventBus;
    if (bus !== undefined) {
      session.link = new SessionBusLink(bus, id, this.origin, (message) => this.receive(session, message), this.options.onError);
    }
    this.live.set(id, session);
    return session;
  }

  private receive(session: LiveSession, message: SessionBusMessage): void {
    if (message.kind !== "terminated") {
      session.receive(message);
      return;
    }
    // Ended on another instance: drop the live copy; the store entry is already gone.
    if (this.live.get(session.id) === session) this.live.delete(session.id);
    session.close();
  }

  /** Frees one slot: expired sessions first, else the least recently seen idle one. */
  private makeRoom(): boolean {
    if (this.reap() > 0) return true;
    let oldest: LiveSession | undefined;
    for (const session of this.live.values()) {
      if (session.idle && (oldest === undefined || session.lastSeen < oldest.lastSeen)) oldest = session;
    }
    if (oldest === undefined) return false;
    this.live.delete(oldest.id);
    oldest.close();
    return true;
  }

  private startReaper(): void {
    if (this.reaper !== undefined || this.options.sessionTtlMs === 0) return;
    const interval = Math.max(1_000, Math.min(this.options.sessionTtlMs / 2, 60_000));
    this.reaper = setInterval(() => this.reap(), interval);
    (this.reaper as { unref?: () => void }).unref?.();
  }
}
