import { SessionError } from "./errors.js";
import { MemorySessionStore, type MemorySessionStoreOptions } from "./memory-session-store.js";
import { runtimeEnvironment, type Environment, type NamespaceOptions } from "./namespace.js";
import { createRedisConnection, type RedisConnectionOptions } from "./redis-connection.js";
import { RedisSessionStore } from "./redis-session-store.js";
import type { SessionStore } from "./types.js";

export interface CreateSessionStoreOptions extends NamespaceOptions {
  /** Default: env `SESSION_PROVIDER`, else `redis` when `REDIS_URL` is set, else `memory`. */
  provider?: "memory" | "redis";
  memory?: MemorySessionStoreOptions;
  redis?: RedisConnectionOptions;
  env?: Environment;
}

/**
 * Builds the configured {@link SessionStore}. With Redis the store owns its connection and
 * closes it on `close()`.
 */
export async function createSessionStore(options: CreateSessionStoreOptions = {}): Promise<SessionStore> {
  const env = options.env ?? runtimeEnvironment();
  const provider = options.provider ?? env.SESSION_PROVIDER?.trim().toLowerCase() ?? (env.REDIS_URL ? "redis" : "memory");
  if (provider === "memory") return new MemorySessionStore(options.memory);
  if (provider === "redis") {
    const connection = await createRedisConnection({ env, ...options.redis });
    return new RedisSessionStore({ ...options, env, connection, ownsConnection: true });
  }
  throw new SessionError("invalid_argument", `Unknown session provider ${JSON.stringify(provider)}: set SESSION_PROVIDER to "memory" or "redis".`);
}
