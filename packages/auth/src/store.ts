/**
 * Key-value store for OAuth state: memory by default, Redis in production
 * (`SESSION_PROVIDER=redis`, `SESSION_REDIS_URL`), or any unstorage driver. Every entry has a
 * TTL; expired entries read as absent even where the backend cannot expire them. Keys live
 * under `{prefix}:{ENVIRONMENT}:{DEPLOYMENT_ID}:` (each part encoded).
 * @see https://unstorage.unjs.io/
 */
import type { Driver } from "unstorage";
import { AuthError } from "./errors.js";
import type { Environment } from "./env.js";
import type { StoreBackend } from "./store/backend.js";
import { createMemoryBackend } from "./store/memory-backend.js";
import { namespacedPrefix, type AuthStoreNamespace } from "./store/namespace.js";
import { createRedisBackend } from "./store/redis-backend.js";
import { createUnstorageBackend } from "./store/unstorage-backend.js";

/** What the authorization server persists through. */
export interface AuthStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Reads and deletes in one atomic step: of several concurrent takes of one key, exactly one gets the value. */
  take<T>(key: string): Promise<T | undefined>;
  /**
   * Atomically replaces an existing entry (keeping its expiry) and returns the previous value;
   * absent → undefined and nothing is written. Of several concurrent exchanges exactly one sees
   * the original value: this is how refresh-token rotation and code reuse detection stay single use.
   */
  exchange<T>(key: string, value: T): Promise<T | undefined>;
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
  /** Base key prefix. Default "chuk-mcp:auth". */
  prefix?: string;
  /** Environment and deployment the keys belong to. Default: env `ENVIRONMENT` ("dev") and `DEPLOYMENT_ID` ("default"). */
  namespace?: AuthStoreNamespace;
  /** Where namespace defaults are read. Default `process.env` where it exists. */
  env?: Environment;
  /**
   * A ready unstorage driver, overriding `provider`. Its `take`/`exchange` are atomic only within
   * this process; use provider "redis" when several instances share the state.
   */
  driver?: StorageDriver;
  /**
   * Largest number of entries the memory store holds. Default 100 000. When full, the oldest
   * pending consent / sign-in / cached-document entry goes first, revocations and grants last.
   */
  maxMemoryEntries?: number;
}

function runtimeEnvironment(): Environment {
  return (globalThis as { process?: { env?: Environment } }).process?.env ?? {};
}

/** Entries an unauthenticated caller can create in bulk; the memory store drops these first when full. */
const VOLATILE_KEY = /^(pending|upstream|cimd):/;

function createBackend(options: AuthStoreOptions, prefix: string): StoreBackend {
  if (options.driver) return createUnstorageBackend(options.driver as Driver);
  const provider = options.provider ?? "memory";
  if (provider === "memory") return createMemoryBackend(options.maxMemoryEntries, (key) => VOLATILE_KEY.test(key.slice(prefix.length)));
  if (provider !== "redis") {
    throw new AuthError("invalid_configuration", `unknown store provider "${String(provider)}"; use "memory" or "redis"`);
  }
  if (!options.redisUrl) throw new AuthError("invalid_configuration", "the redis store needs a URL; set SESSION_REDIS_URL (e.g. redis://127.0.0.1:6379/0)");
  return createRedisBackend(options.redisUrl);
}

function storeError(operation: string, key: string, error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  return new AuthError("store_failure", `store ${operation} failed for "${key.split(":")[0]}" entry; check the store connection`, { cause: error });
}

/** Creates an `AuthStore`. Redis connects on first use; configuration mistakes surface on the first operation. */
export function createAuthStore(options: AuthStoreOptions = {}): AuthStore {
  const prefix = namespacedPrefix(options.prefix ?? "chuk-mcp:auth", options.namespace ?? {}, options.env ?? runtimeEnvironment());
  let backend: StoreBackend | undefined;
  let configurationError: AuthError | undefined;
  try {
    backend = createBackend(options, prefix);
  } catch (error) {
    configurationError = error as AuthError;
  }
  const fullKey = (key: string): string => `${prefix}${key}`;

  async function run<R>(operation: string, key: string, work: (store: StoreBackend) => Promise<R>): Promise<R> {
    if (configurationError) throw configurationError;
    try {
      return await work(backend as StoreBackend);
    } catch (error) {
      throw storeError(operation, key, error);
    }
  }

  function open<T>(text: string | undefined): T | undefined {
    if (text === undefined) return undefined;
    let envelope: Envelope<T>;
    try {
      envelope = JSON.parse(text) as Envelope<T>;
    } catch {
      return undefined;
    }
    if (!envelope || typeof envelope !== "object" || typeof envelope.expiresAt !== "number") return undefined;
    return envelope.expiresAt <= Date.now() ? undefined : envelope.value;
  }

  return {
    async get<T>(key: string) {
      return open<T>(await run("read", key, (store) => store.get(fullKey(key))));
    },
    async set<T>(key: string, value: T, ttlSeconds: number) {
      const ttl = Math.max(1, Math.ceil(ttlSeconds));
      const text = JSON.stringify({ value, expiresAt: Date.now() + ttl * 1000 } satisfies Envelope<T>);
      await run("write", key, (store) => store.set(fullKey(key), text, ttl));
    },
    async delete(key: string) {
      await run("delete", key, (store) => store.delete(fullKey(key)));
    },
    async take<T>(key: string) {
      return open<T>(await run("take", key, (store) => store.take(fullKey(key))));
    },
    async exchange<T>(key: string, value: T) {
      return run("exchange", key, async (store) => {
        const current = await store.get(fullKey(key));
        if (current === undefined) return undefined;
        const expiresAt = (JSON.parse(current) as Envelope<T>).expiresAt;
        if (!(expiresAt > Date.now())) return undefined;
        // The new envelope keeps the old expiry; the backend keeps the TTL: both agree.
        const previous = await store.exchange(fullKey(key), JSON.stringify({ value, expiresAt } satisfies Envelope<T>));
        return open<T>(previous);
      });
    },
    async close() {
      await backend?.close();
    },
  };
}

/** Store from `SESSION_PROVIDER` ("memory" | "redis"), `SESSION_REDIS_URL`, `ENVIRONMENT` and `DEPLOYMENT_ID`. */
export function authStoreFromEnv(env: Environment = runtimeEnvironment()): AuthStore {
  const provider = (env["SESSION_PROVIDER"] ?? "memory").toLowerCase();
  if (provider !== "memory" && provider !== "redis") {
    throw new AuthError("invalid_configuration", `SESSION_PROVIDER must be "memory" or "redis", got "${provider}"`);
  }
  const redisUrl = env["SESSION_REDIS_URL"];
  return createAuthStore({ provider, env, ...(redisUrl ? { redisUrl } : {}) });
}
