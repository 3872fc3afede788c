export { SessionError, isSessionError, type SessionErrorCode } from "./errors.js";
export type { EventBus, EventHandler, MessageEventStore, MessageEventReplay, StoredMessageEvent, SessionRecord, SessionRecordStore } from "./types.js";
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
export { MemorySessionRecordStore, type MemorySessionRecordStoreOptions } from "./memory-session-record-store.js";
export { RedisSessionRecordStore, type RedisSessionRecordStoreOptions } from "./redis-session-record-store.js";
export { createSessionRecordStore, type CreateSessionRecordStoreOptions } from "./create-session-record-store.js";
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
export { MemoryMessageEventStore, type EventRetentionOptions, type MemoryMessageEventStoreOptions } from "./memory-message-event-store.js";
export { RedisMessageEventStore, type RedisMessageEventStoreOptions } from "./redis-message-event-store.js";
export { SandboxRegistry, type SandboxRegistration, type SandboxRegistryOptions } from "./sandbox-registry.js";
export type { EventStore, SessionStateStore, StoredEvent } from "@chuk-mcp/core";
export { RecordSessionStateStore, type RecordSessionStateStoreOptions } from "./http/record-session-state-store.js";
export { RedisEventStore, type RedisEventStoreOptions } from "./http/redis-event-store.js";
export { createHttpSessionBackend, type HttpSessionBackend, type HttpSessionBackendOptions } from "./http/http-session-backend.js";
export { registerSessionTools, SESSION_TOOL_NAMES, type SessionToolName, type SessionToolsOptions, type SessionView } from "./tools/session-tools.js";
export {
  MemoryEventLog,
  MemorySessionStore,
  RedisEventLog,
  RedisHttpEventStore,
  RedisSessionStore,
  HttpSessionStore,
  createSessionStore,
  type CreateSessionStoreOptions,
  type EventLog,
  type EventLogOptions,
  type EventReplay,
  type HttpEventStore,
  type HttpSessionStateStore,
  type HttpSessionStoreOptions,
  type HttpStoredEvent,
  type LoggedEvent,
  type MemoryEventLogOptions,
  type MemorySessionStoreOptions,
  type RedisEventLogOptions,
  type RedisHttpEventStoreOptions,
  type RedisSessionStoreOptions,
  type SessionStore,
} from "./deprecated-names.js";
