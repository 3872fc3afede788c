/**
 * Backend over any unstorage driver. A generic driver has no atomic read-and-delete, so
 * `take` and `exchange` are serialised per key inside this process only: use the built-in
 * memory or Redis backends when several instances share state.
 * @see https://unstorage.unjs.io/
 */
import { createStorage, type Driver, type Storage } from "unstorage";
import type { StoreBackend } from "./backend.js";

/** unstorage normalises keys (`/` → `:`, `?` cuts the key); encoding keeps every key distinct. */
function driverKey(key: string): string {
  return encodeURIComponent(key);
}

export function createUnstorageBackend(driver: Driver): StoreBackend {
  const storage: Storage = createStorage({ driver });
  const locks = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier locked operation on `key` has finished. */
  function locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = locks.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    locks.set(key, settled);
    void settled.then(() => {
      if (locks.get(key) === settled) locks.delete(key);
    });
    return next;
  }

  const read = async (key: string): Promise<string | undefined> => {
    const value = await storage.getItemRaw<string>(driverKey(key));
    return typeof value === "string" ? value : value == null ? undefined : String(value);
  };

  return {
    get: read,
    async set(key, value, ttlSeconds) {
      await storage.setItemRaw(driverKey(key), value, { ttl: ttlSeconds });
    },
    async delete(key) {
      await storage.removeItem(driverKey(key));
    },
    take(key) {
      return locked(key, async () => {
        const value = await read(key);
        if (value !== undefined) await storage.removeItem(driverKey(key));
        return value;
      });
    },
    exchange(key, value) {
      // The envelope carries its own expiry, so a driver without TTLs still expires the entry.
      return locked(key, async () => {
        const old = await read(key);
        if (old === undefined) return undefined;
        const expiresAt = (JSON.parse(old) as { expiresAt?: number }).expiresAt ?? Date.now() + 60_000;
        await storage.setItemRaw(driverKey(key), value, { ttl: Math.max(1, Math.ceil((expiresAt - Date.now()) / 1000)) });
        return old;
      });
    },
    async close() {
      await storage.dispose();
    },
  };
}
