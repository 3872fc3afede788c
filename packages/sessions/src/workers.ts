/**
 * `@chuk-mcp/sessions/workers`: the runtime-neutral part of the session layer for Cloudflare
 * Workers (no ioredis, no `node:` imports). Redis is reached through a small RESP client over
 * `connect()` from `cloudflare:sockets`, which the caller passes in.
 */
export { SessionError, isSessionError, type SessionErrorCode } from "./errors.js";
export type { SessionRecord, SessionRecordStore } from "./types.js";
export type { RedisCommandRunner, RedisCommands, RedisStreamEntry } from "./redis-commands.js";
export { parseRedisUrl, type RedisConnectionPlan, type RedisNodeAddress } from "./redis-url.js";
export { RedisSessionRecordStore, type RedisSessionRecordStoreOptions } from "./redis-session-record-store.js";
export { RecordSessionStateStore, type RecordSessionStateStoreOptions } from "./http/record-session-state-store.js";
export { RedisEventStore, type RedisEventStoreOptions } from "./http/redis-event-store.js";
export {
  SocketRedisConnection,
  createSocketRedisConnection,
  type SocketConnect,
  type SocketRedisConnectionOptions,
  type WebSocketLike,
} from "./socket/socket-redis-connection.js";
export { createSocketSessionBackend, type SocketSessionBackend, type SocketSessionBackendOptions } from "./socket/socket-session-backend.js";
export { RespErrorReply, RespProtocolError, RespReader, encodeCommand, type RespValue } from "./socket/resp.js";
