/**
 * Where 2025-era session state lives between requests. The transport keeps live sessions in
 * memory and falls back to the store on a miss (another instance, a restart, an eviction),
 * rehydrating with `server.createSession({ id, state, send })`. Async and JSON-only so a
 * Redis-backed store can implement it.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { SessionStateStore } from "@chuk-mcp/core";
import type { EngineSessionState } from "./engine.js";

/** The contract is `@chuk-mcp/core`'s, which `@chuk-mcp/sessions` also implements. */
export type { SessionStateStore };

/** Options for the in-memory store. */
export interface MemorySessionStateStoreOptions {
  /** Most sessions kept; the least recently used goes first. Default 10 000. */
  maxSessions?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry {
  state: EngineSessionState;
  expiresAt: number;
}

/** A bounded in-memory `SessionStateStore` (single process). */
export class MemorySessionStateStore implements SessionStateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(options: MemorySessionStateStoreOptions = {}) {
    this.maxSessions = options.maxSessions ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Number of sessions held (expired ones included until next touched). */
  get size(): number {
    return this.entries.size;
  }

  async get(id: string): Promise<EngineSessionState | undefined> {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return structuredClone(entry.state);
  }

  async set(id: string, state: EngineSessionState, ttlMs: number): Promise<void> {
    this.entries.delete(id);
    this.entries.set(id, { state: structuredClone(state), expiresAt: this.now() + ttlMs });
    this.evict();
  }

  async touch(id: string, ttlMs: number): Promise<void> {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    entry.expiresAt = this.now() + ttlMs;
    this.entries.delete(id);
    this.entries.set(id, entry);
  }

  async delete(id: string): Promise<void> {
    this.entries.delete(id);
  }

  private evict(): void {
    while (this.entries.size > this.maxSessions) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) return;
      this.entries.delete(oldest.value);
    }
  }
}

/** @deprecated use {@link MemorySessionStateStore} (renamed; this alias goes in the next major). */
export const MemorySessionStore = MemorySessionStateStore;
/** @deprecated use {@link MemorySessionStateStore} (renamed; this alias goes in the next major). */
export type MemorySessionStore = MemorySessionStateStore;
/** @deprecated use {@link MemorySessionStateStoreOptions} (renamed; this alias goes in the next major). */
export type MemorySessionStoreOptions = MemorySessionStateStoreOptions;
/** @deprecated use `SessionStateStore` (`@chuk-mcp/core`'s, re-exported here; this alias goes in the next major). */
export type SessionStore = SessionStateStore;
