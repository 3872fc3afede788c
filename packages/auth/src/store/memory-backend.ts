/**
 * In-process backend: a `Map` whose operations run synchronously, so `take` and `exchange`
 * cannot interleave. Bounded: past `maxEntries` the oldest *volatile* entry is dropped first
 * (what an unauthenticated caller can create in bulk: pending consent requests, sign-in
 * attempts, cached documents), so a flood of `/authorize` requests cannot push out a
 * revocation marker. Only when nothing volatile is left does the oldest entry go.
 */
import type { StoreBackend } from "./backend.js";

interface Entry {
  value: string;
  expiresAt: number;
}

/** Default bound of the memory store. */
export const DEFAULT_MEMORY_STORE_ENTRIES = 100_000;

export function createMemoryBackend(maxEntries = DEFAULT_MEMORY_STORE_ENTRIES, isVolatile: (key: string) => boolean = () => true): StoreBackend {
  const entries = new Map<string, Entry>();
  const volatile = new Map<string, true>();

  function remove(key: string): void {
    entries.delete(key);
    volatile.delete(key);
  }

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      remove(key);
      return undefined;
    }
    return entry;
  }

  function evictIfFull(): void {
    if (entries.size < maxEntries) return;
    const now = Date.now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= now) remove(key);
      if (entries.size < maxEntries * 0.9) return;
    }
    // Down to 90 %: the sweep above then runs once per tenth of the bound, not on every write.
    while (entries.size >= Math.max(1, Math.floor(maxEntries * 0.9))) {
      const oldest = (volatile.size > 0 ? volatile.keys() : entries.keys()).next().value as string;
      remove(oldest);
    }
  }

  return {
    async get(key) {
      return live(key)?.value;
    },
    async set(key, value, ttlSeconds) {
      remove(key);
      evictIfFull();
      entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
      if (isVolatile(key)) volatile.set(key, true);
    },
    async delete(key) {
      remove(key);
    },
    async take(key) {
      const entry = live(key);
      remove(key);
      return entry?.value;
    },
    async exchange(key, value) {
      const entry = live(key);
      if (entry === undefined) return undefined;
      entries.set(key, { value, expiresAt: entry.expiresAt });
      return entry.value;
    },
    async close() {
      entries.clear();
      volatile.clear();
    },
  };
}
