/**
 * The Redis commands the session stores and event logs issue, and the runner they issue them
 * through. Two implementations: {@link RedisConnection} (ioredis, Node) and
 * `SocketRedisConnection` (a small RESP client over a web-style socket, for Cloudflare Workers).
 * Runtime-neutral: types only.
 */

/** A stream entry as `XRANGE` returns it: the entry id and its field/value list. */
export type RedisStreamEntry = [id: string, fields: string[]];

/** The command subset the Redis-backed stores use, with ioredis's method names and shapes. */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: "PX", milliseconds: number): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
  zadd(key: string, score: number, member: string): Promise<unknown>;
  zrem(key: string, ...members: string[]): Promise<number>;
  zremrangebyscore(key: string, min: number | string, max: number | string): Promise<number>;
  zrangebyscore(key: string, min: number | string, max: number | string): Promise<string[]>;
  pttl(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
  pexpireat(key: string, timestamp: number): Promise<number>;
  xadd(key: string, ...args: string[]): Promise<string | null>;
  xrange(key: string, start: string, end: string): Promise<RedisStreamEntry[]>;
  xrange(key: string, start: string, end: string, countToken: "COUNT", count: number): Promise<RedisStreamEntry[]>;
  xrevrange(key: string, end: string, start: string): Promise<RedisStreamEntry[]>;
  xrevrange(key: string, end: string, start: string, countToken: "COUNT", count: number): Promise<RedisStreamEntry[]>;
  /** Any other command, e.g. `call("PEXPIREAT", key, at, "GT")`. */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * Runs store operations against Redis with a deadline, mapping failures to `SessionError`s
 * (`store_unavailable`, `store_failed`, `store_closed`).
 */
export interface RedisCommandRunner {
  /** Where the runner points, without credentials (for error messages). */
  readonly description: string;
  run<T>(operationName: string, operation: (client: RedisCommands) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
