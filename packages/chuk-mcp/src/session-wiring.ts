/**
 * Where `run()`'s HTTP sessions live. Memory (the default) leaves the transport's own bounded
 * in-process stores in place; `SESSION_PROVIDER=redis` plugs in `@chuk-mcp/sessions`' Redis
 * session store, SSE event store and event bus, so a session outlives a restart and any
 * instance behind a load balancer serves any session.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { RedisConnection } from "@chuk-mcp/sessions";
import type { Logger } from "./logger.js";
import type { RunEnvironment, SessionProviderName } from "./run-options.js";
import { importOptionalPeer } from "./optional-peer.js";
import type { HttpServeOptions } from "./run-types.js";
import { UsageError } from "./usage-error.js";

/** The session settings `run()` adds to the HTTP transport, and how to release them. */
export interface SessionWiring {
  readonly options: Pick<HttpServeOptions, "sessionStore" | "eventStore" | "eventBus">;
  /** Closes the bus and the Redis connection (after the transport has stopped). */
  close(): Promise<void>;
}

/** Input of {@link createSessionWiring}. */
export interface SessionWiringInput {
  readonly provider: SessionProviderName;
  readonly env: RunEnvironment;
  /** What the user passed as `run({ http })`: their own `sessionStore` wins. */
  readonly http: HttpServeOptions;
  readonly logger: Logger;
}

const NOTHING: SessionWiring = { options: {}, close: async () => undefined };

/**
 * Builds the session backend for `provider`. `@chuk-mcp/sessions` (and ioredis) load only
 * when Redis is chosen. A bad `REDIS_URL` is a {@link UsageError}; Redis being down at start
 * is only a warning, because the stores reconnect by themselves and answer 503 meanwhile.
 */
export async function createSessionWiring(input: SessionWiringInput): Promise<SessionWiring> {
  if (input.provider === "memory") return NOTHING;
  if (input.http.sessionStore !== undefined) {
    input.logger.info("SESSION_PROVIDER=redis ignored: run({ http: { sessionStore } }) supplies its own session store.");
    return NOTHING;
  }
  const sessions = await importOptionalPeer("@chuk-mcp/sessions", "SESSION_PROVIDER=redis", () => import("@chuk-mcp/sessions"));
  let connection: RedisConnection;
  try {
    connection = await sessions.createRedisConnection({ env: input.env });
  } catch (error) {
    if (sessions.isSessionError(error) && error.code === "invalid_argument") {
      throw new UsageError(describeBadRedisUrl(error.message), { cause: error });
    }
    throw error;
  }
  const backend = await sessions.createHttpSessionBackend({
    provider: "redis",
    connection,
    env: input.env,
    onError: (error) => input.logger.error("Session event bus error.", error),
  });
  await checkReachable(connection, input.logger);
  input.logger.info(`HTTP sessions are stored in Redis at ${connection.description}.`);
  const writes = new PendingWrites();
  const { eventStore, eventBus } = backend;
  return {
    options: {
      sessionStore: trackSessionStore(backend.sessionStore, writes),
      ...(eventStore === undefined ? {} : { eventStore: trackEventStore(eventStore, writes) }),
      ...(eventBus === undefined ? {} : { eventBus }),
    },
    close: async () => {
      // The transport saves session state in the background; let those writes land first.
      await writes.drain(DRAIN_TIMEOUT_MS);
      await backend.close();
      await connection.close();
    },
  };
}

/** How long closing waits for background session writes before dropping the connection. */
const DRAIN_TIMEOUT_MS = 3_000;

type TransportSessionStore = NonNullable<HttpServeOptions["sessionStore"]>;
type TransportEventStore = NonNullable<HttpServeOptions["eventStore"]>;

/** Background writes still in flight, so shutdown can wait for them. */
class PendingWrites {
  readonly #pending = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    this.#pending.add(write);
    const forget = (): void => void this.#pending.delete(write);
    write.then(forget, forget);
    return write;
  }

  async drain(timeoutMs: number): Promise<void> {
    if (this.#pending.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.#pending]), deadline]);
    clearTimeout(timer);
  }
}

function trackSessionStore(store: TransportSessionStore, writes: PendingWrites): TransportSessionStore {
  return {
    get: (id) => store.get(id),
    set: (id, state, ttlMs) => writes.track(store.set(id, state, ttlMs)),
    touch: (id, ttlMs) => writes.track(store.touch(id, ttlMs)),
    delete: (id) => writes.track(store.delete(id)),
  };
}

function trackEventStore(store: TransportEventStore, writes: PendingWrites): TransportEventStore {
  return {
    append: (streamId, event) => writes.track(store.append(streamId, event)),
    readAfter: (streamId, afterSequence) => store.readAfter(streamId, afterSequence),
    deleteStream: (streamId) => writes.track(store.deleteStream(streamId)),
  };
}

async function checkReachable(connection: RedisConnection, logger: Logger): Promise<void> {
  try {
    await connection.run("ping", (client) => client.ping());
  } catch (error) {
    logger.warning(`Redis at ${connection.description} cannot be reached yet; HTTP session requests get 503 until it is back`, error);
  }
}

function describeBadRedisUrl(message: string): string {
  const reason = message.replace(/^\[@chuk-mcp\/sessions\] /, "");
  return /^Invalid Redis URL/.test(reason) ? reason.replace(/^Invalid Redis URL/, "Invalid REDIS_URL") : `Invalid REDIS_URL: ${reason}`;
}
