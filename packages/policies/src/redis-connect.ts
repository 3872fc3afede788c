/**
 * The one way the Redis-backed policy stores reach Redis when the caller hands them no client:
 * ioredis loaded with `import()` (a missing package is a `dependency_missing` error naming the
 * install), one retry per command and a 2 s connect timeout, so an outage surfaces quickly as a
 * failed step and the store's own rule (fail-open / fail-closed, cache miss) decides.
 */
import { McpError } from "@chuk-mcp/core";

/** `REDIS_URL` from the environment, where the runtime has one, else the local default. */
export function redisUrl(explicit: string | undefined): string {
  return explicit ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.REDIS_URL ?? "redis://127.0.0.1:6379";
}

export interface ConnectRedisOptions {
  url: string;
  /** What needs Redis, for the missing-package message, e.g. "the Redis rate-limit store". */
  purpose: string;
  /** Extra ioredis options (e.g. `enableAutoPipelining`). */
  extra?: Record<string, unknown>;
}

/** A new ioredis client; connection errors reach callers as failed commands, never as logs. */
export async function connectRedis<Client extends { on?(event: "error", listener: (error: unknown) => void): unknown }>(options: ConnectRedisOptions): Promise<Client> {
  const module = await import("ioredis").catch((cause: unknown) => {
    throw new McpError("dependency_missing", `[policies] [redis] ${options.purpose} needs "ioredis": pnpm add ioredis`, { cause });
  });
  const Redis = module.default as unknown as new (url: string, settings: Record<string, unknown>) => Client;
  const client = new Redis(options.url, { maxRetriesPerRequest: 1, connectTimeout: 2000, ...options.extra });
  client.on?.("error", () => undefined);
  return client;
}
