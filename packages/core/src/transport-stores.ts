/**
 * The pluggable-state contracts of a Streamable HTTP transport, defined here because two
 * packages meet on them: `@chuk-mcp/http` calls them (with bounded in-memory defaults) and
 * `@chuk-mcp/sessions` implements them on Redis, and neither depends on the other. Async and
 * JSON-only, so any shared store can back them.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import type { SessionState } from "./session.js";

/**
 * Where 2025-era session state lives between requests. The transport keeps live sessions in
 * memory and falls back to the store on a miss (another instance, a restart, an eviction),
 * rehydrating with `server.createSession({ id, state, send })`.
 */
export interface SessionStateStore {
  /** The saved state, or `undefined` when unknown or expired. */
  get(id: string): Promise<SessionState | undefined>;
  /** Saves state; it expires `ttlMs` after the last `set`/`touch`. */
  set(id: string, state: SessionState, ttlMs: number): Promise<void>;
  /** Extends the expiry of a live session without rewriting it. */
  touch(id: string, ttlMs: number): Promise<void>;
  /** Forgets the session (DELETE, expiry, shutdown). */
  delete(id: string): Promise<void>;
}

/** One stored SSE event. `message` is the JSON-RPC text ("" for a stream's priming event). */
export interface StoredEvent {
  sequence: number;
  message: string;
}

/**
 * Keeps the SSE events of resumable streams (SEP-1699). Event ids are `<streamId>_<sequence>`:
 * the transport assigns them, the store only keeps them in order.
 */
export interface EventStore {
  /** Appends an event; calls for one stream arrive in sequence order. */
  append(streamId: string, event: StoredEvent): Promise<void>;
  /**
   * Events of `streamId` with a sequence above `afterSequence`, oldest first. `undefined`
   * when the stream is unknown or events after `afterSequence` were already dropped.
   */
  readAfter(streamId: string, afterSequence: number): Promise<StoredEvent[] | undefined>;
  /** Forgets a stream (its request finished long ago, or its session ended). */
  deleteStream(streamId: string): Promise<void>;
}
