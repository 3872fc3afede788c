export { SessionError, isSessionError, type SessionErrorCode } from "./errors.js";
export type { EventBus, EventHandler, EventLog, EventReplay, LoggedEvent, SessionRecord, SessionStore } from "./types.js";
export {
  encodeKeyPart,
  resolveNamespace,
  resolveSandboxId,
  resolveSandboxRegistryTtl,
  type Environment,
  type Namespace,
  type NamespaceOptions,
} from "./namespace.js";
export { assertSessionId, generateSessionId } from "./session-id.js";
export { MemorySessionStore, type MemorySessionStoreOptions } from "./memory-session-store.js";
export { RedisSessionStore, type RedisSessionStoreOptions } from "./redis-session-store.js";
export { createSessionStore, type CreateSessionStoreOptions } from "./create-session-store.js";
export {
  SessionManager,
  type CreateSessionOptions,
  type SessionManagerOptions,
  type UpdateSessionOptions,
} from "./session-manager.js";
export { parseRedisUrl, type RedisConnectionPlan, type RedisNodeAddress } from "./redis-url.js";
export type { RedisCommandRunner, RedisCommands, RedisStreamEntry } from "./redis-commands.js";
export { RedisConnection, createRedisConnection, type RedisClient, type RedisConnectionOptions } from "./redis-connection.js";
export { MemoryEventBus } from "./memory-event-bus.js";
export { RedisEventBus, type RedisEventBusOptions } from "./redis-event-bus.js";
export { MemoryEventLog, type EventLogOptions, type MemoryEventLogOptions } from "./memory-event-log.js";
export { RedisEventLog, type RedisEventLogOptions } from "./redis-event-log.js";
export { SandboxRegistry, type SandboxRegistration, type SandboxRegistryOptions } from "./sandbox-registry.js";
export { HttpSessionStore, type HttpSessionStateStore, type HttpSessionStoreOptions } from "./http/http-session-store.js";
export { RedisHttpEventStore, type HttpEventStore, type HttpStoredEvent, type RedisHttpEventStoreOptions } from "./http/redis-http-event-store.js";
export { createHttpSessionBackend, type HttpSessionBackend, type HttpSessionBackendOptions } from "./http/http-session-backend.js";
export { registerSessionTools, SESSION_TOOL_NAMES, type SessionToolName, type SessionToolsOptions, type SessionView } from "./tools/session-tools.js";
