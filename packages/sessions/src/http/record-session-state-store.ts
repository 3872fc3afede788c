/**
 * `@chuk-mcp/core`'s `SessionStateStore` (engine state by session id, what `@chuk-mcp/http` reads) on any
 * {@link SessionRecordStore}: memory for one process, {@link RedisSessionRecordStore} so every instance
 * behind a load balancer serves every session. The contract is core's; no dependency on http.
 * Records store the engine state as written (with the transport's session binding, `owner`);
 * it is not validated on the way back. The bound subject also becomes `record.userId`, so the
 * session tools and `list({ userId })` see whose session it is.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { SessionState, SessionStateStore } from "@chuk-mcp/core";
import { isSessionError } from "../errors.js";
import { resolveSandboxId } from "../namespace.js";
import type { SessionRecord, SessionRecordStore } from "../types.js";

export interface RecordSessionStateStoreOptions {
  /** Sandbox stamped on sessions this adapter creates. Default: {@link resolveSandboxId}. */
  sandboxId?: string;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Adapts a session-layer store for the HTTP transport. The engine state goes in
 * `record.state`; the rest of the record (user, metadata set by the session tools) is kept
 * across state updates. Store failures propagate with their codes (`store_unavailable` → 503).
 */
export class RecordSessionStateStore implements SessionStateStore {
  private readonly sandboxId: string;
  private readonly now: () => number;

  constructor(
    readonly store: SessionRecordStore,
    options: RecordSessionStateStoreOptions = {},
  ) {
    this.sandboxId = resolveSandboxId(options.sandboxId);
    this.now = options.now ?? Date.now;
  }

  async get(id: string): Promise<SessionState | undefined> {
    const record = await this.find(id);
    const state = record?.state;
    return typeof state === "object" && state !== null && !Array.isArray(state) ? (state as SessionState) : undefined;
  }

  async set(id: string, state: SessionState, ttlMs: number): Promise<void> {
    const now = this.now();
    const existing = await this.find(id);
    const userId = boundSubject(state);
    const record: SessionRecord = existing
      ? { ...existing, state, lastAccessedAt: now, expiresAt: now + ttlMs }
      : { id, sandboxId: this.sandboxId, createdAt: now, lastAccessedAt: now, expiresAt: now + ttlMs, metadata: {}, state, ...(userId === undefined ? {} : { userId }) };
    await this.store.set(record);
  }

  async touch(id: string, ttlMs: number): Promise<void> {
    const existing = await this.find(id);
    if (existing === undefined) return;
    const now = this.now();
    await this.store.set({ ...existing, lastAccessedAt: now, expiresAt: Math.max(existing.expiresAt, now + ttlMs) });
  }

  async delete(id: string): Promise<void> {
    try {
      await this.store.delete(id);
    } catch (error) {
      if (!isSessionError(error, "invalid_argument")) throw error;
    }
  }

  /** An id the store rejects (not visible ASCII, too long) is simply unknown. */
  private async find(id: string): Promise<SessionRecord | undefined> {
    try {
      return await this.store.get(id);
    } catch (error) {
      if (isSessionError(error, "invalid_argument")) return undefined;
      throw error;
    }
  }
}

/** The subject the transport bound the session to (`state.owner.subject`, see `@chuk-mcp/http`). */
function boundSubject(state: SessionState): string | undefined {
  const owner = (state as { owner?: { subject?: unknown } }).owner;
  return typeof owner?.subject === "string" && owner.subject !== "" ? owner.subject : undefined;
}
