import type { Cluster, ClusterOptions, Redis, RedisOptions } from "ioredis";
import { SessionError } from "./errors.js";
import { type Environment, runtimeEnvironment } from "./namespace.js";
import { describePlan, parseRedisUrl, type RedisConnectionPlan } from "./redis-url.js";

/** An ioredis standalone client or cluster client. */
export type RedisClient = Redis | Cluster;

export interface RedisConnectionOptions {
  /** Default: env `REDIS_URL`, else `redis://127.0.0.1:6379`. */
  url?: string;
  /** Skip TLS certificate checks. Default: env `REDIS_TLS_INSECURE` is `1` or `true`. */
  tlsInsecure?: boolean;
  /** Longest wait for one command, ms. Default 2 000. */
  commandTimeoutMs?: number;
  /** Longest wait for a TCP/TLS connect, ms. Default 2 000. */
  connectTimeoutMs?: number;
  /** Longest pause between reconnect attempts, ms. Default 2 000. Reconnecting never stops. */
  maxReconnectDelayMs?: number;
  /** Extra ioredis options, applied last (standalone, or each cluster node). */
  redisOptions?: RedisOptions;
  /** Extra cluster options. */
  clusterOptions?: ClusterOptions;
  /** Environment to read defaults from. */
  env?: Environment;
}

/**
 * A Redis client with bounded commands. Every call through {@link RedisConnection.run}
 * either settles within `commandTimeoutMs` or fails with `store_unavailable`; the client
 * keeps reconnecting in the background, so operations recover by themselves.
 */
export class RedisConnection {
  readonly client: RedisClient;
  readonly plan: RedisConnectionPlan;
  readonly commandTimeoutMs: number;
  /** The last connection-level error seen, for health checks. */
  lastError: Error | undefined;
  private closed = false;

  constructor(client: RedisClient, plan: RedisConnectionPlan, commandTimeoutMs: number) {
    this.client = client;
    this.plan = plan;
    this.commandTimeoutMs = commandTimeoutMs;
    // Without a listener ioredis reports every reconnect failure as an unhandled error event.
    client.on("error", (error: Error) => {
      this.lastError = error;
    });
    client.on("ready", () => {
      this.lastError = undefined;
    });
  }

  /** Where this connection points, without credentials. */
  get description(): string {
    return describePlan(this.plan);
  }

  /** `true` while the client has a ready connection. */
  get isReady(): boolean {
    return this.client.status === "ready";
  }

  /**
   * Runs `operation` with a hard deadline and maps failures to {@link SessionError}s:
   * `store_unavailable` when Redis cannot be reached, `store_failed` when it answered with an error.
   */
  async run<T>(operationName: string, operation: (client: RedisClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new SessionError("store_closed", `The Redis connection to ${this.description} was closed.`);
    const started = Date.now();
    if (this.client.status !== "ready") await this.waitUntilReady(operationName);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const remaining = Math.max(this.commandTimeoutMs - (Date.now() - started), 0);
    const pending = operation(this.client);
    // The losing side of the race must not surface as an unhandled rejection.
    pending.catch(() => undefined);
    // A small margin lets ioredis's own commandTimeout error (with its detail) win the race.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.commandTimeoutMs} ms`)), remaining + 100);
    });
    try {
      return await Promise.race([pending, deadline]);
    } catch (error) {
      throw this.toSessionError(operationName, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Waits for the connection to be ready, at most `commandTimeoutMs`. Commands are only
   * issued on a ready connection: with no offline queue, a command that failed here can
   * never be applied later behind the caller's back.
   */
  private async waitUntilReady(operationName: string): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onReady: (() => void) | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        onReady = resolve;
        this.client.once("ready", onReady);
        timer = setTimeout(() => reject(new Error(`not connected within ${this.commandTimeoutMs} ms`)), this.commandTimeoutMs);
      });
    } catch (error) {
      throw this.toSessionError(operationName, error);
    } finally {
      clearTimeout(timer);
      if (onReady) this.client.off("ready", onReady);
    }
  }

  /** A second connection with the same settings (pub/sub needs its own). */
  duplicate(): RedisConnection {
    const copy = new RedisConnection(this.client.duplicate() as RedisClient, this.plan, this.commandTimeoutMs);
    return copy;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        this.client.quit().catch(() => undefined),
        new Promise((resolve) => {
          timer = setTimeout(resolve, this.commandTimeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.client.disconnect();
    }
  }

  private toSessionError(operationName: string, error: unknown): SessionError {
    if (error instanceof SessionError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === "ReplyError") {
      return new SessionError("store_failed", `Redis at ${this.description} rejected ${operationName}: ${detail}.`, { cause: error });
    }
    const last = this.lastError && this.lastError.message !== detail ? ` (last connection error: ${this.lastError.message})` : "";
    return new SessionError(
      "store_unavailable",
      `Redis at ${this.description} is unavailable for ${operationName}: ${detail}${last}. Check that Redis is running and REDIS_URL is right; the operation may not have been applied, retry it later (the client reconnects by itself).`,
      { cause: error },
    );
  }
}

function truthy(value: string | undefined): boolean {
  return value === "1" || value?.toLowerCase() === "true";
}

/**
 * Connects to Redis (standalone, cluster or TLS, from the URL) with bounded timeouts.
 * ioredis is loaded lazily, so packages that never use Redis never load it.
 */
export async function createRedisConnection(options: RedisConnectionOptions = {}): Promise<RedisConnection> {
  const env = options.env ?? runtimeEnvironment();
  const url = options.url ?? env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const plan = parseRedisUrl(url, { tlsInsecure: options.tlsInsecure ?? truthy(env.REDIS_TLS_INSECURE) });
  const commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;

  const ioredis = await import("ioredis").catch((cause: unknown) => {
    throw new SessionError("invalid_argument", "The Redis stores need the `ioredis` package: install it with `pnpm add ioredis`.", { cause });
  });
  const RedisClass = ioredis.Redis;
  const ClusterClass = ioredis.Cluster;

  const nodeOptions: RedisOptions = {
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: commandTimeoutMs,
    // No offline queue and no resend after a reconnect: a command the caller was told had
    // failed must never be applied later. `run` waits (bounded) for a ready connection instead.
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), maxDelay),
    ...(plan.username ? { username: plan.username } : {}),
    ...(plan.password ? { password: plan.password } : {}),
    ...(plan.tls ? { tls: plan.tlsInsecure ? { rejectUnauthorized: false } : {} } : {}),
    ...options.redisOptions,
  };

  if (plan.mode === "cluster") {
    const client = new ClusterClass(plan.nodes, {
      redisOptions: nodeOptions,
      enableOfflineQueue: false,
      maxRedirections: 8,
      clusterRetryStrategy: (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 10), maxDelay),
      slotsRefreshTimeout: commandTimeoutMs,
      ...options.clusterOptions,
    });
    return new RedisConnection(client, plan, commandTimeoutMs);
  }
  const node = plan.nodes[0] ?? { host: "127.0.0.1", port: 6379 };
  const client = new RedisClass({ host: node.host, port: node.port, ...(plan.db ? { db: plan.db } : {}), ...nodeOptions });
  return new RedisConnection(client, plan, commandTimeoutMs);
}
