/**
 * A {@link RedisCommandRunner} over a web-style TCP socket (`connect()` from
 * `cloudflare:sockets`, or anything with the same shape), for runtimes where ioredis cannot run.
 * Each operation opens its own connection, authenticates, runs, and closes: a Worker's socket
 * belongs to the request that opened it and cannot be reused by the next one, and the store
 * operations are short (1–4 commands). Every operation has a hard deadline.
 * @see https://developers.cloudflare.com/workers/runtime-apis/tcp-sockets/
 */
import { SessionError } from "../errors.js";
import { runtimeEnvironment, type Environment } from "../namespace.js";
import type { RedisCommandRunner, RedisCommands, RedisStreamEntry } from "../redis-commands.js";
import { describePlan, parseRedisUrl, type RedisConnectionPlan } from "../redis-url.js";
import { encodeCommand, RespErrorReply, RespReader, type RespValue } from "./resp.js";

/** The part of a `cloudflare:sockets` `Socket` this client uses. */
export interface WebSocketLike {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  close(): Promise<void> | void;
}

/** `connect()` from `cloudflare:sockets` (or a compatible function). */
export type SocketConnect = (address: { hostname: string; port: number }, options?: { secureTransport?: "off" | "on"; allowHalfOpen?: boolean }) => WebSocketLike;

export interface SocketRedisConnectionOptions {
  /** Opens a TCP (or TLS) socket: pass `connect` from `cloudflare:sockets`. */
  connect: SocketConnect;
  /** Default: env `REDIS_URL`, else `redis://127.0.0.1:6379`. Standalone servers only. */
  url?: string;
  /** Longest time one operation (connect, auth, its commands) may take, ms. Default 2 000. */
  commandTimeoutMs?: number;
  /** Largest reply accepted, bytes. Default 16 MiB. */
  maxReplyBytes?: number;
  env?: Environment;
}

type Pending = { resolve: (value: RespValue) => void; reject: (error: unknown) => void };

/** One socket's worth of request/reply exchange; replies match commands in order. */
class RespExchange {
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  private readonly pending: Pending[] = [];
  private readonly reader: RespReader;
  private failure: unknown;

  constructor(
    private readonly socket: WebSocketLike,
    maxReplyBytes: number,
  ) {
    this.writer = socket.writable.getWriter();
    this.reader = new RespReader(maxReplyBytes);
    this.pump().catch((error: unknown) => this.fail(error));
  }

  /** Sends one command; resolves with its reply, rejects with a {@link RespErrorReply} on `-ERR`. */
  async send(args: readonly (string | number)[]): Promise<RespValue> {
    if (this.failure !== undefined) throw this.failure;
    const reply = new Promise<RespValue>((resolve, reject) => this.pending.push({ resolve, reject }));
    await this.writer.write(encodeCommand(args));
    const value = await reply;
    if (value instanceof RespErrorReply) throw value;
    return value;
  }

  fail(error: unknown): void {
    this.failure ??= error;
    for (const waiter of this.pending.splice(0)) waiter.reject(this.failure);
  }

  close(): void {
    this.fail(new Error("connection closed"));
    this.writer.releaseLock();
    Promise.resolve(this.socket.close()).catch(() => undefined);
  }

  private async pump(): Promise<void> {
    const reader = this.socket.readable.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) throw new Error("Redis closed the connection");
        this.reader.push(value);
        for (let reply = this.reader.next(); reply !== undefined; reply = this.reader.next()) {
          const waiter = this.pending.shift();
          if (waiter === undefined) throw new Error("Redis sent a reply nobody asked for");
          waiter.resolve(reply.value);
        }
      }
    } finally {
      reader.releaseLock();
    }
  }
}

function asString(value: RespValue): string | null {
  return typeof value === "string" ? value : value === null ? null : String(value);
}

function asNumber(value: RespValue): number {
  return typeof value === "number" ? value : Number(value);
}

function asStrings(value: RespValue): string[] {
  return Array.isArray(value) ? value.map((item) => asString(item) ?? "") : [];
}

function asEntries(value: RespValue): RedisStreamEntry[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    const [id, fields] = Array.isArray(entry) ? entry : [];
    return [asString(id ?? null) ?? "", asStrings(fields ?? null)];
  });
}

function commandsOn(exchange: RespExchange): RedisCommands {
  const send = (...args: (string | number)[]) => exchange.send(args);
  return {
    get: async (key) => asString(await send("GET", key)),
    set: (key, value, mode, milliseconds) => send("SET", key, value, mode, milliseconds),
    del: async (...keys) => asNumber(await send("DEL", ...keys)),
    zadd: (key, score, member) => send("ZADD", key, score, member),
    zrem: async (key, ...members) => asNumber(await send("ZREM", key, ...members)),
    zremrangebyscore: async (key, min, max) => asNumber(await send("ZREMRANGEBYSCORE", key, min, max)),
    zrangebyscore: async (key, min, max) => asStrings(await send("ZRANGEBYSCORE", key, min, max)),
    pttl: async (key) => asNumber(await send("PTTL", key)),
    pexpire: async (key, milliseconds) => asNumber(await send("PEXPIRE", key, milliseconds)),
    pexpireat: async (key, timestamp) => asNumber(await send("PEXPIREAT", key, timestamp)),
    xadd: async (key, ...args) => asString(await send("XADD", key, ...args)),
    xrange: async (key: string, start: string, end: string, ...args: (string | number)[]) => asEntries(await send("XRANGE", key, start, end, ...args)),
    xrevrange: async (key: string, end: string, start: string, ...args: (string | number)[]) => asEntries(await send("XREVRANGE", key, end, start, ...args)),
    call: (command, ...args) => send(command, ...args),
  };
}

/**
 * Redis for the session stores on Cloudflare Workers (and any runtime with a `connect()`
 * socket API): `new RedisSessionRecordStore({ connection: createSocketRedisConnection({ connect }) })`.
 */
export class SocketRedisConnection implements RedisCommandRunner {
  readonly plan: RedisConnectionPlan;
  readonly commandTimeoutMs: number;
  private readonly connect: SocketConnect;
  private readonly maxReplyBytes: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(options: SocketRedisConnectionOptions) {
    const env = options.env ?? runtimeEnvironment();
    if (typeof options.connect !== "function") {
      throw new SessionError("invalid_argument", 'SocketRedisConnection needs `connect`: pass `connect` from "cloudflare:sockets".');
    }
    this.plan = parseRedisUrl(options.url ?? env.REDIS_URL ?? "redis://127.0.0.1:6379");
    if (this.plan.mode === "cluster") {
      throw new SessionError("invalid_argument", `${describePlan(this.plan)}: the socket client speaks to one standalone Redis; point REDIS_URL at a single node (or a cluster proxy).`);
    }
    this.connect = options.connect;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
    this.maxReplyBytes = options.maxReplyBytes ?? 16 * 1024 * 1024;
  }

  get description(): string {
    return describePlan(this.plan);
  }

  /**
   * Resolves once no operation is running (hand it to `ctx.waitUntil`). A store write is often
   * two operations in a row (read, then write), so an empty set is re-checked after a timer
   * turn, when the continuation that starts the next one has run.
   */
  async settled(): Promise<void> {
    for (;;) {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.inFlight.size === 0) return;
    }
  }

  run<T>(operationName: string, operation: (client: RedisCommands) => Promise<T>): Promise<T> {
    const running = this.execute(operationName, operation);
    this.inFlight.add(running);
    const forget = () => this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
  }

  private async execute<T>(operationName: string, operation: (client: RedisCommands) => Promise<T>): Promise<T> {
    if (this.closed) throw new SessionError("store_closed", `The Redis connection to ${this.description} was closed.`);
    const node = this.plan.nodes[0] as { host: string; port: number };
    let exchange: RespExchange | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.commandTimeoutMs} ms`)), this.commandTimeoutMs);
    });
    const work = (async () => {
      exchange = new RespExchange(this.connect({ hostname: node.host, port: node.port }, { secureTransport: this.plan.tls ? "on" : "off" }), this.maxReplyBytes);
      if (this.plan.password !== undefined) {
        await exchange.send(this.plan.username === undefined ? ["AUTH", this.plan.password] : ["AUTH", this.plan.username, this.plan.password]);
      }
      if (this.plan.db !== undefined && this.plan.db !== 0) await exchange.send(["SELECT", this.plan.db]);
      return operation(commandsOn(exchange));
    })();
    // The losing side of the race must not surface as an unhandled rejection.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      throw this.toSessionError(operationName, error);
    } finally {
      clearTimeout(timer);
      exchange?.close();
    }
  }

  private toSessionError(operationName: string, error: unknown): SessionError {
    if (error instanceof SessionError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    if (error instanceof RespErrorReply) {
      return new SessionError("store_failed", `Redis at ${this.description} rejected ${operationName}: ${detail}.`, { cause: error });
    }
    return new SessionError(
      "store_unavailable",
      `Redis at ${this.description} is unavailable for ${operationName}: ${detail}. Check that Redis is running, that REDIS_URL is right and reachable from this runtime; the operation may not have been applied, retry it later.`,
      { cause: error },
    );
  }
}

/** Builds a {@link SocketRedisConnection}; throws `invalid_argument` for a bad URL or a cluster list. */
export function createSocketRedisConnection(options: SocketRedisConnectionOptions): SocketRedisConnection {
  return new SocketRedisConnection(options);
}
