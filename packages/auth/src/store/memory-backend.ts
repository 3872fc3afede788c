/**
 * In-process backend: a `Map` whose operations run synchronously, so `take` and `exchange`
 * cannot interleave. Bounded: past `maxEntries` the oldest entry is dropped.
 */
import type { StoreBackend } from "./backend.js";

interface Entry {
  value: string;
  expiresAt: number;
}

/** Default bound of the memory store. */
export const DEFAULT_MEMORY_STORE_ENTRIES = 100_000;

export function createMemoryBackend(maxEntries = DEFAULT_MEMORY_STORE_ENTRIES): StoreBackend {
  const entries = new Map<string, Entry>();

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function evictIfFull(): void {
    if (entries.size < maxEntries) return;
    const now = Date.now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= now) entries.delete(key);
      if (entries.size < maxEntries * 0.9) return;
    }
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
  }

  return {
    async get(key) {
      return live(key)?.value;
    },
    async set(key, value, ttlSeconds) {
      entries.delete(key);
      evictIfFull();
      entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    },
    async delete(key) {
      entries.delete(key);
    },
    async take(key) {
      const entry = live(key);
      entries.delete(key);
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
    },
  };
}
