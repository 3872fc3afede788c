/**
 * Key-value store for OAuth state on unstorage: memory by default, Redis in production
 * (`SESSION_PROVIDER=redis`, `SESSION_REDIS_URL`). Every entry has a TTL; expired entries
 * read as absent even where the driver cannot expire them.
 * @see https://unstorage.unjs.io/
 */
import { createStorage, type Driver, type Storage } from "unstorage";
import memoryDriver from "unstorage/drivers/memory";
import { AuthError } from "./errors.js";
import type { Environment } from "./env.js";

/** What the authorization server persists through. */
export interface AuthStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Reads and deletes: single-use artefacts (codes, states) go through here. */
  take<T>(key: string): Promise<T | undefined>;
  close(): Promise<void>;
}

/**
 * An unstorage driver (unstorage's `Driver`, e.g. `memoryDriver()`), described by the
 * members the store needs rather than imported: unstorage's own declarations import every
 * built-in driver's, which fail to type-check under `skipLibCheck: false` (optional peers
 * such as `@netlify/blobs` are absent), and this file's declarations reach every `chuk-mcp` user.
 */
export interface StorageDriver {
  name?: string;
  hasItem(key: string, options: Record<string, unknown>): unknown;
  getItem(key: string, options?: Record<string, unknown>): unknown;
  getKeys(base: string, options: Record<string, unknown>): unknown;
}

interface Envelope<T> {
  value: T;
  expiresAt: number;
}

export interface AuthStoreOptions {
  /** "memory" (default) or "redis". */
  provider?: "memory" | "redis";
  /** Redis URL for provider "redis", e.g. "redis://127.0.0.1:6379/0". */
  redisUrl?: string;
  /** Key prefix. Default "chuk-mcp:auth". */
  prefix?: string;
  /** A ready unstorage driver, overriding `provider`. */
  driver?: StorageDriver;
}

async function loadDriver(options: AuthStoreOptions): Promise<Driver> {
  if (options.driver) return options.driver as Driver;
  if ((options.provider ?? "memory") === "memory") return memoryDriver();
  if (options.provider !== "redis") {
    throw new AuthError("invalid_configuration", `unknown store provider "${String(options.provider)}"; use "memory" or "redis"`);
  }
  if (!options.redisUrl) throw new AuthError("invalid_configuration", "the redis store needs a URL; set SESSION_REDIS_URL (e.g. redis://127.0.0.1:6379/0)");
  try {
    // ioredis is heavy and Node-only: load it only when Redis is chosen.
    const { default: redisDriver } = await import("unstorage/drivers/redis");
    return redisDriver({ url: options.redisUrl, base: "" });
  } catch (error) {
    throw new AuthError("invalid_configuration", "the redis store could not be loaded; install ioredis", { cause: error });
  }
}

function storeError(operation: string, key: string, error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  return new AuthError("store_failure", `store ${operation} failed for "${key.split(":")[0]}" entry; check the store connection`, { cause: error });
}

/** Creates an `AuthStore`. The driver loads on first use. */
export function createAuthStore(options: AuthStoreOptions = {}): AuthStore {
  const prefix = options.prefix ?? "chuk-mcp:auth";
  let storagePromise: Promise<Storage> | undefined;
  const storage = (): Promise<Storage> => {
    storagePromise ??= loadDriver(options).then((driver) => createStorage({ driver }));
    return storagePromise;
  };
  const fullKey = (key: string): string => `${prefix}:${key}`;

  async function get<T>(key: string): Promise<T | undefined> {
    let envelope: Envelope<T> | null;
    try {
      envelope = await (await storage()).getItem<Envelope<T>>(fullKey(key));
    } catch (error) {
      throw storeError("read", key, error);
    }
    if (!envelope || typeof envelope !== "object" || !("expiresAt" in envelope)) return undefined;
    if (envelope.expiresAt <= Date.now()) {
      await remove(key);
      return undefined;
    }
    return envelope.value;
  }

  async function set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    try {
      await (await storage()).setItem(fullKey(key), { value, expiresAt: Date.now() + ttl * 1000 }, { ttl });
    } catch (error) {
      throw storeError("write", key, error);
    }
  }

  async function remove(key: string): Promise<void> {
    try {
      await (await storage()).removeItem(fullKey(key));
    } catch (error) {
      throw storeError("delete", key, error);
    }
  }

  return {
    get,
    set,
    delete: remove,
    async take<T>(key: string): Promise<T | undefined> {
      const value = await get<T>(key);
      if (value !== undefined) await remove(key);
      return value;
    },
    async close() {
      if (storagePromise) await (await storagePromise).dispose();
    },
  };
}

/** Store from `SESSION_PROVIDER` ("memory" | "redis") and `SESSION_REDIS_URL`. */
export function authStoreFromEnv(env: Environment = (globalThis as { process?: { env?: Environment } }).process?.env ?? {}): AuthStore {
  const provider = (env["SESSION_PROVIDER"] ?? "memory").toLowerCase();
  if (provider !== "memory" && provider !== "redis") {
    throw new AuthError("invalid_configuration", `SESSION_PROVIDER must be "memory" or "redis", got "${provider}"`);
  }
  const redisUrl = env["SESSION_REDIS_URL"];
  return createAuthStore({ provider, ...(redisUrl ? { redisUrl } : {}) });
}
