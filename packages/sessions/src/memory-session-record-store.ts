import { SessionError } from "./errors.js";
import { assertSessionId } from "./session-id.js";
import type { SessionRecord, SessionRecordStore } from "./types.js";

export interface MemorySessionRecordStoreOptions {
  /** Most sessions held at once; the least recently written one is evicted beyond it. Default 10 000. */
  maxSessions?: number;
  /** How often expired sessions are swept, in ms. Default 60 000; 0 disables the reaper. */
  reapIntervalMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Sessions in this process's memory: bounded (LRU by last write) with an idle reaper.
 * Good for stdio and single-instance HTTP; use {@link RedisSessionRecordStore} behind a load balancer.
 */
export class MemorySessionRecordStore implements SessionRecordStore {
  readonly maxSessions: number;
  private readonly records = new Map<string, SessionRecord>();
  private readonly now: () => number;
  private readonly reaper: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(options: MemorySessionRecordStoreOptions = {}) {
    const maxSessions = options.maxSessions ?? 10_000;
    if (!Number.isInteger(maxSessions) || maxSessions < 1) {
      throw new SessionError("invalid_argument", `maxSessions must be a positive integer, got ${String(maxSessions)}.`);
    }
    this.maxSessions = maxSessions;
    this.now = options.now ?? Date.now;
    const interval = options.reapIntervalMs ?? 60_000;
    if (interval > 0) {
      this.reaper = setInterval(() => this.reapExpired(), interval);
      // The reaper must never keep a process alive on its own.
      (this.reaper as { unref?: () => void }).unref?.();
    }
  }

  /** Number of records held, expired ones not yet reaped included. */
  get size(): number {
    return this.records.size;
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    this.assertOpen();
    assertSessionId(id);
    const record = this.records.get(id);
    if (!record) return undefined;
    if (record.expiresAt <= this.now()) {
      this.records.delete(id);
      return undefined;
    }
    return structuredClone(record);
  }

  async set(record: SessionRecord): Promise<void> {
    this.assertOpen();
    assertSessionId(record.id);
    // Re-inserting moves the id to the end of the Map's order: the LRU position.
    this.records.delete(record.id);
    if (this.records.size >= this.maxSessions) this.reapExpired();
    while (this.records.size >= this.maxSessions) {
      const oldest = this.records.keys().next();
      if (oldest.done) break;
      this.records.delete(oldest.value);
    }
    this.records.set(record.id, structuredClone(record));
  }

  async delete(id: string): Promise<boolean> {
    this.assertOpen();
    assertSessionId(id);
    const record = this.records.get(id);
    this.records.delete(id);
    return record !== undefined && record.expiresAt > this.now();
  }

  async list(): Promise<SessionRecord[]> {
    this.assertOpen();
    this.reapExpired();
    return [...this.records.values()].map((record) => structuredClone(record));
  }

  /** Drops every expired record now; returns how many were dropped. */
  reapExpired(): number {
    const now = this.now();
    let dropped = 0;
    for (const [id, record] of this.records) {
      if (record.expiresAt <= now) {
        this.records.delete(id);
        dropped += 1;
      }
    }
    return dropped;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reaper) clearInterval(this.reaper);
    this.records.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new SessionError("store_closed", "This MemorySessionRecordStore was closed; create a new one.");
  }
}
