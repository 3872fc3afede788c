import { SessionError } from "./errors.js";
import { MemorySessionRecordStore } from "./memory-session-record-store.js";
import { resolveSandboxId, type Environment } from "./namespace.js";
import { assertSessionId, generateSessionId } from "./session-id.js";
import type { SessionRecord, SessionRecordStore } from "./types.js";

export interface SessionManagerOptions {
  /** Default: a new {@link MemorySessionRecordStore}. */
  store?: SessionRecordStore;
  /** Idle lifetime of a session, seconds. Default 3 600. Every touch restarts it. */
  ttlSeconds?: number;
  /** Sandbox stamped on new sessions. Default: {@link resolveSandboxId}. */
  sandboxId?: string;
  /** Where the sandbox id default is read from. Default: `process.env`. */
  env?: Environment;
  /** Clock, for tests. */
  now?: () => number;
}

export interface CreateSessionOptions {
  /** Default: a random UUID. */
  id?: string;
  userId?: string;
  metadata?: Record<string, unknown>;
  state?: unknown;
  ttlSeconds?: number;
}

export interface UpdateSessionOptions {
  /** Shallow-merged into the metadata; a key set to `undefined` is removed. */
  metadata?: Record<string, unknown>;
  /** Replaces the stored engine state. */
  state?: unknown;
}

function assertTtl(ttlSeconds: number, name: string): void {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new SessionError("invalid_argument", `${name} must be a positive number of seconds, got ${String(ttlSeconds)}.`);
  }
}

function toJsonValue<T>(value: T, what: string): T {
  try {
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
  } catch (cause) {
    throw new SessionError("invalid_argument", `Session ${what} must be JSON-serialisable (no cycles, no BigInt).`, { cause });
  }
}

function assertPlainObject(value: unknown, what: string): asserts value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SessionError("invalid_argument", `Session ${what} must be a plain object, got ${Array.isArray(value) ? "an array" : typeof value}.`);
  }
}

/**
 * Creates, finds, refreshes and ends sessions over any {@link SessionRecordStore}. Sessions
 * expire after `ttlSeconds` without a touch.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
export class SessionManager {
  readonly store: SessionRecordStore;
  readonly ttlSeconds: number;
  readonly sandboxId: string;
  private readonly now: () => number;

  constructor(options: SessionManagerOptions = {}) {
    this.ttlSeconds = options.ttlSeconds ?? 3_600;
    assertTtl(this.ttlSeconds, "ttlSeconds");
    this.store = options.store ?? new MemorySessionRecordStore(options.now ? { now: options.now } : {});
    this.sandboxId = resolveSandboxId(options.sandboxId, options.env);
    this.now = options.now ?? Date.now;
  }

  async create(options: CreateSessionOptions = {}): Promise<SessionRecord> {
    const id = options.id ?? generateSessionId();
    assertSessionId(id);
    const ttlSeconds = options.ttlSeconds ?? this.ttlSeconds;
    assertTtl(ttlSeconds, "ttlSeconds");
    if (options.metadata !== undefined) assertPlainObject(options.metadata, "metadata");
    const now = this.now();
    const record: SessionRecord = {
      id,
      sandboxId: this.sandboxId,
      createdAt: now,
      lastAccessedAt: now,
      expiresAt: now + ttlSeconds * 1_000,
      metadata: toJsonValue(options.metadata ?? {}, "metadata"),
      ...(options.userId !== undefined ? { userId: options.userId } : {}),
      ...(options.state !== undefined ? { state: toJsonValue(options.state, "state") } : {}),
    };
    await this.store.set(record);
    return record;
  }

  /** The live session, or `undefined` when it never existed, expired or was deleted. */
  async get(id: string): Promise<SessionRecord | undefined> {
    return this.store.get(id);
  }

  /** Like {@link get} but throws `session_not_found` (HTTP maps it to 404). */
  async require(id: string): Promise<SessionRecord> {
    const record = await this.store.get(id);
    if (!record) {
      throw new SessionError("session_not_found", `Session ${JSON.stringify(id)} does not exist or has expired; start a new session with initialize.`);
    }
    return record;
  }

  /** Restarts the idle timer; resolves `undefined` when the session is gone. */
  async touch(id: string, ttlSeconds: number = this.ttlSeconds): Promise<SessionRecord | undefined> {
    assertTtl(ttlSeconds, "ttlSeconds");
    const record = await this.store.get(id);
    if (!record) return undefined;
    const now = this.now();
    const touched = { ...record, lastAccessedAt: now, expiresAt: now + ttlSeconds * 1_000 };
    await this.store.set(touched);
    return touched;
  }

  /** Merges metadata and/or replaces state; also touches. Throws `session_not_found`. */
  async update(id: string, changes: UpdateSessionOptions): Promise<SessionRecord> {
    const record = await this.require(id);
    // A Map, not an object: keys are client input (`__proto__`, `constructor` are plain keys here).
    const merged = new Map(Object.entries(record.metadata));
    if (changes.metadata !== undefined) {
      assertPlainObject(changes.metadata, "metadata");
      for (const [key, value] of Object.entries(changes.metadata)) {
        if (value === undefined) merged.delete(key);
        else merged.set(key, value);
      }
    }
    const metadata = Object.fromEntries(merged);
    const now = this.now();
    const updated: SessionRecord = {
      ...record,
      metadata: toJsonValue(metadata, "metadata"),
      lastAccessedAt: now,
      expiresAt: now + this.ttlSeconds * 1_000,
      ...("state" in changes ? { state: toJsonValue(changes.state, "state") } : {}),
    };
    await this.store.set(updated);
    return updated;
  }

  /** Live sessions, optionally only those of one user. */
  async list(filter: { userId?: string } = {}): Promise<SessionRecord[]> {
    const records = await this.store.list();
    return filter.userId === undefined ? records : records.filter((record) => record.userId === filter.userId);
  }

  /** Ends a session; resolves `true` when it existed. */
  async delete(id: string): Promise<boolean> {
    return this.store.delete(id);
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
