import { SessionError } from "./errors.js";
import { MemorySessionRecordStore, type MemorySessionRecordStoreOptions } from "./memory-session-record-store.js";
import { runtimeEnvironment, type Environment, type NamespaceOptions } from "./namespace.js";
import { createRedisConnection, type RedisConnectionOptions } from "./redis-connection.js";
import { RedisSessionRecordStore } from "./redis-session-record-store.js";
import type { SessionRecordStore } from "./types.js";

export interface CreateSessionRecordStoreOptions extends NamespaceOptions {
  /** Default: env `SESSION_PROVIDER`, else `redis` when `REDIS_URL` is set, else `memory`. */
  provider?: "memory" | "redis";
  memory?: MemorySessionRecordStoreOptions;
  redis?: RedisConnectionOptions;
  env?: Environment;
}

/**
 * Builds the configured {@link SessionRecordStore}. With Redis the store owns its connection and
 * closes it on `close()`.
 */
export async function createSessionRecordStore(options: CreateSessionRecordStoreOptions = {}): Promise<SessionRecordStore> {
  const env = options.env ?? runtimeEnvironment();
  const provider = options.provider ?? env.SESSION_PROVIDER?.trim().toLowerCase() ?? (env.REDIS_URL ? "redis" : "memory");
  if (provider === "memory") return new MemorySessionRecordStore(options.memory);
  if (provider === "redis") {
    const connection = await createRedisConnection({ env, ...options.redis });
    return new RedisSessionRecordStore({ ...options, env, connection, ownsConnection: true });
  }
  throw new SessionError("invalid_argument", `Unknown session provider ${JSON.stringify(provider)}: set SESSION_PROVIDER to "memory" or "redis".`);
}
