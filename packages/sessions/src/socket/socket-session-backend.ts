/**
 * 2025-era sessions for `@chuk-mcp/http` on Cloudflare Workers: the Redis session store and
 * SSE event store over {@link SocketRedisConnection}. No event bus: `SUBSCRIBE` needs a
 * connection that outlives the request, which a Worker only has inside a Durable Object.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { type Environment, type NamespaceOptions, runtimeEnvironment } from "../namespace.js";
import { RedisSessionRecordStore } from "../redis-session-record-store.js";
import { RecordSessionStateStore } from "../http/record-session-state-store.js";
import type { EventStore } from "@chuk-mcp/core";
import { RedisEventStore } from "../http/redis-event-store.js";
import { SocketRedisConnection, type SocketConnect, type SocketRedisConnectionOptions } from "./socket-redis-connection.js";

export interface SocketSessionBackendOptions extends NamespaceOptions {
  /** `connect` from `cloudflare:sockets`. */
  connect: SocketConnect;
  /** Connection settings; the URL defaults to env `REDIS_URL`. */
  redis?: Omit<SocketRedisConnectionOptions, "connect" | "env">;
  /** SSE events kept per stream (and their lifetime, seconds). Defaults 1 000 and 3 600. */
  maxEventsPerStream?: number;
  ttlSeconds?: number;
  env?: Environment;
}

/** What to spread into `createMcpHandler` options, plus the connection (for `ctx.waitUntil`). */
export interface SocketSessionBackend {
  sessionStore: RecordSessionStateStore;
  eventStore: EventStore;
  connection: SocketRedisConnection;
  /** Resolves once every store write started so far has landed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the Workers session backend; nothing connects until the first store operation. */
export function createSocketSessionBackend(options: SocketSessionBackendOptions): SocketSessionBackend {
  const env = options.env ?? runtimeEnvironment();
  const connection = new SocketRedisConnection({ ...options.redis, connect: options.connect, env });
  const namespace = { environment: options.environment, deploymentId: options.deploymentId, sandboxId: options.sandboxId, env };
  const store = new RedisSessionRecordStore({ ...namespace, connection });
  return {
    sessionStore: new RecordSessionStateStore(store, { sandboxId: store.namespace.sandboxId }),
    eventStore: new RedisEventStore({ ...namespace, connection, maxEventsPerStream: options.maxEventsPerStream, ttlSeconds: options.ttlSeconds }),
    connection,
    settled: () => connection.settled(),
    close: () => connection.close(),
  };
}
