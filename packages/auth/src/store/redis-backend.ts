/**
 * Redis backend on ioredis (loaded lazily: heavy and Node-only). `take` is `GETDEL` and
 * `exchange` a Lua script, so single use holds across every instance sharing the Redis.
 * @see https://redis.io/docs/latest/commands/getdel/
 */
import type { Redis } from "ioredis";
import { AuthError } from "../errors.js";
import type { StoreBackend } from "./backend.js";

/** GET, then SET with the remaining TTL, in one atomic step. */
const EXCHANGE_SCRIPT = `
local old = redis.call('GET', KEYS[1])
if not old then return false end
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl) else redis.call('SET', KEYS[1], ARGV[1]) end
return old
`;

type ExchangeCapable = Redis & { chukAuthExchange(key: string, value: string): Promise<string | null> };

export function createRedisBackend(url: string): StoreBackend {
  let clientPromise: Promise<ExchangeCapable> | undefined;
  const client = (): Promise<ExchangeCapable> => {
    clientPromise ??= (async () => {
      let RedisClass: typeof import("ioredis").Redis;
      try {
        RedisClass = (await import("ioredis")).Redis;
      } catch (error) {
        throw new AuthError("invalid_configuration", "the redis store could not be loaded; install ioredis", { cause: error });
      }
      const redis = new RedisClass(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
      redis.on("error", () => undefined);
      redis.defineCommand("chukAuthExchange", { numberOfKeys: 1, lua: EXCHANGE_SCRIPT });
      return redis as ExchangeCapable;
    })();
    return clientPromise;
  };

  return {
    async get(key) {
      return (await (await client()).get(key)) ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      await (await client()).set(key, value, "EX", ttlSeconds);
    },
    async delete(key) {
      await (await client()).del(key);
    },
    async take(key) {
      return (await (await client()).getdel(key)) ?? undefined;
    },
    async exchange(key, value) {
      return (await (await client()).chukAuthExchange(key, value)) ?? undefined;
    },
    async close() {
      if (!clientPromise) return;
      const redis = await clientPromise.catch(() => undefined);
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
