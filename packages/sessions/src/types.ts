/**
 * Runtime-neutral contracts of the session layer. Nothing here imports Node or ioredis.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */

/** One 2025-era session as persisted by a {@link SessionRecordStore}. JSON-serialisable. */
export interface SessionRecord {
  id: string;
  /** Sandbox (runtime instance group) that created the session. */
  sandboxId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the last create/get-with-touch/touch/update. */
  lastAccessedAt: number;
  /** Epoch milliseconds after which the session no longer exists. */
  expiresAt: number;
  userId?: string;
  metadata: Record<string, unknown>;
  /** The engine's `SessionState` (protocol version, client info, ...) for rehydration. */
  state?: unknown;
}

/**
 * Where sessions live. Implementations: {@link MemorySessionRecordStore} (one process) and
 * {@link RedisSessionRecordStore} (shared by every instance). A store never returns a record
 * whose `expiresAt` has passed.
 */
export interface SessionRecordStore {
  get(id: string): Promise<SessionRecord | undefined>;
  /** Insert or replace; the record expires at `record.expiresAt`. */
  set(record: SessionRecord): Promise<void>;
  /** Resolves `true` when a live record was removed. */
  delete(id: string): Promise<boolean>;
  /** Every live session the store holds (deployment-wide for Redis). */
  list(): Promise<SessionRecord[]>;
  close(): Promise<void>;
}

/** A JSON message delivered by an {@link EventBus}. */
export type EventHandler = (message: unknown, channel: string) => void;

/** Publish/subscribe of JSON messages across server instances (list_changed, resource updates). */
export interface EventBus {
  /** Resolves with the number of subscribers reached (best effort across instances). */
  publish(channel: string, message: unknown): Promise<number>;
  /** Resolves once the subscription is active; the returned function unsubscribes. */
  subscribe(channel: string, handler: EventHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** One replayed entry of a {@link MessageEventStore}. */
export interface StoredMessageEvent {
  eventId: string;
  message: unknown;
}

/** What {@link MessageEventStore.replayAfter} found. */
export interface MessageEventReplay {
  streamId: string;
  events: StoredMessageEvent[];
  /**
   * `true` when the cap may have trimmed events the client never saw (its own last event
   * was trimmed); the client should then re-fetch state instead of trusting the replay.
   */
  truncated: boolean;
}

/**
 * A bounded, expiring store of replayable JSON messages per stream, for SSE resumption
 * (`Last-Event-ID`) in code that owns its own streams. Unlike `@chuk-mcp/core`'s `EventStore`
 * (which the HTTP transport reads, and whose event ids the transport numbers), this store assigns
 * each event its id and keeps the message as JSON.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
export interface MessageEventStore {
  /** Appends and resolves with a globally unique, SSE-safe event id. */
  append(streamId: string, message: unknown): Promise<string>;
  /**
   * Messages of the same stream strictly after `eventId`, oldest first. Resolves
   * `undefined` when the id is malformed or its stream is gone (expired or never existed).
   */
  replayAfter(eventId: string): Promise<MessageEventReplay | undefined>;
  /** Drops a stream's log. */
  deleteStream(streamId: string): Promise<void>;
  close(): Promise<void>;
}
