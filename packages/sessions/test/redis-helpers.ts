import { randomUUID } from "node:crypto";
import { createRedisConnection, type RedisConnection } from "../src/index.js";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A deployment id no other test run shares, so keys never collide. */
export function uniqueDeploymentId(): string {
  return `test-${randomUUID()}`;
}

export async function connectTestRedis(): Promise<RedisConnection> {
  return createRedisConnection({ url: REDIS_URL, env: {} });
}

/** Deletes every key under `prefix` (SCAN, never KEYS). */
export async function deleteKeysUnder(connection: RedisConnection, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await connection.run("test cleanup", (client) =>
      (client as import("ioredis").Redis).scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500),
    );
    cursor = next;
    if (keys.length > 0) await connection.run("test cleanup", (client) => client.del(...keys));
  } while (cursor !== "0");
}
