/**
 * One call that wires `@chuk-mcp/http` to the configured session provider:
 * `SESSION_PROVIDER=redis` (with `REDIS_URL`) gives Redis-backed sessions, SSE resumption
 * and cross-instance notifications; memory (the default) keeps everything in-process.
 * Spread the result into `serve()` / `createMcpHandler()` options.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { SessionError } from "../errors.js";
import { MemorySessionRecordStore } from "../memory-session-record-store.js";
import { runtimeEnvironment, type Environment, type NamespaceOptions } from "../namespace.js";
import { createRedisConnection, type RedisConnection, type RedisConnectionOptions } from "../redis-connection.js";
import { RedisEventBus } from "../redis-event-bus.js";
import { RedisSessionRecordStore } from "../redis-session-record-store.js";
import { SessionManager } from "../session-manager.js";
import type { EventBus } from "../types.js";
import { RecordSessionStateStore } from "./record-session-state-store.js";
import type { EventStore } from "@chuk-mcp/core";
import { RedisEventStore } from "./redis-event-store.js";

export interface HttpSessionBackendOptions extends NamespaceOptions {
  /** Default: env `SESSION_PROVIDER`, else `redis` when `REDIS_URL` is set, else `memory`. */
  provider?: "memory" | "redis";
  /** An existing connection (not closed by `close()`); otherwise one is opened from `redis`. */
  connection?: RedisConnection;
  redis?: RedisConnectionOptions;
  /** Session idle lifetime for the {@link SessionManager}, seconds. Default 3 600. */
  ttlSeconds?: number;
  /** SSE events kept per stream. Default 1 000. */
  maxEventsPerStream?: number;
  /** Bus errors (a handler threw, a malformed message). Default: ignored. */
  onError?: (error: unknown) => void;
  env?: Environment;
}

/** What to hand to the HTTP transport, plus the manager the session tools use. */
export interface HttpSessionBackend {
  provider: "memory" | "redis";
  /** For `options.sessionStore`. */
  sessionStore: RecordSessionStateStore;
  /** For `options.eventStore`; `undefined` with memory (the transport's own bounded store). */
  eventStore: EventStore | undefined;
  /** For `options.eventBus`; `undefined` with memory (one instance needs none). */
  eventBus: EventBus | undefined;
  /** The same sessions, for `registerSessionTools` and application code. */
  manager: SessionManager;
  /** Closes the bus and any connection this call opened. */
  close(): Promise<void>;
}

/** Builds the session backend for the HTTP transport from options and the environment. */
export async function createHttpSessionBackend(options: HttpSessionBackendOptions = {}): Promise<HttpSessionBackend> {
  const env = options.env ?? runtimeEnvironment();
  const provider = options.provider ?? (env.SESSION_PROVIDER?.trim().toLowerCase() || (env.REDIS_URL ? "redis" : "memory"));
  if (provider === "memory") {
    const store = new MemorySessionRecordStore();
    const manager = new SessionManager({ store, ttlSeconds: options.ttlSeconds, sandboxId: options.sandboxId, env });
    return {
      provider,
      sessionStore: new RecordSessionStateStore(store, { sandboxId: manager.sandboxId }),
      eventStore: undefined,
      eventBus: undefined,
      manager,
      close: () => manager.close(),
    };
  }
  if (provider !== "redis") {
    throw new SessionError("invalid_argument", `Unknown session provider ${JSON.stringify(provider)}: set SESSION_PROVIDER to "memory" or "redis".`);
  }
  const connection = options.connection ?? (await createRedisConnection({ env, ...options.redis }));
  const namespace = { environment: options.environment, deploymentId: options.deploymentId, sandboxId: options.sandboxId, env };
  const store = new RedisSessionRecordStore({ ...namespace, connection });
  const manager = new SessionManager({ store, ttlSeconds: options.ttlSeconds, sandboxId: options.sandboxId, env });
  const eventBus = new RedisEventBus({ ...namespace, connection, onError: options.onError });
  const eventStore = new RedisEventStore({ ...namespace, connection, maxEventsPerStream: options.maxEventsPerStream, ttlSeconds: options.ttlSeconds });
  return {
    provider,
    sessionStore: new RecordSessionStateStore(store, { sandboxId: manager.sandboxId }),
    eventStore,
    eventBus,
    manager,
    close: async () => {
      await eventBus.close();
      if (options.connection === undefined) await connection.close();
    },
  };
}
