/**
 * `@chuk-mcp/http`: Streamable HTTP transport for `@chuk-mcp/core`. Runtime-neutral; the
 * Node fast path lives at `@chuk-mcp/http/node`.
 */
export { createMcpHandler } from "./handler.js";
export type { McpHandler } from "./handler.js";
export type { RequestPeer } from "./forwarding.js";
export { createMcpApp } from "./app.js";
export type { McpApp } from "./app.js";
export type { McpHttpOptions } from "./options.js";
export { DEFAULT_MAX_BODY_BYTES } from "./options.js";
export { StreamableHttpTransport } from "./transport.js";
export type { ResponseWriter, SseSink } from "./sse.js";
export { MemorySessionStateStore, MemorySessionStore } from "./memory-session-state-store.js";
export type { MemorySessionStateStoreOptions, MemorySessionStoreOptions, SessionStateStore, SessionStore } from "./memory-session-state-store.js";
export { MemoryEventStore } from "./event-store.js";
export type { EventStore, MemoryEventStoreOptions, StoredEvent } from "./event-store.js";
export type { CorsOptions } from "./cors.js";
export type { AuthenticateInput, AuthenticateRequest, AuthenticateResult } from "./authenticate.js";
export { sessionChannel } from "./event-bus.js";
export type { SessionBusMessage, SessionEventBus } from "./event-bus.js";
export type { OriginProtectionOptions } from "./origin-policy.js";
export { LOOPBACK_HOSTS } from "./origin-policy.js";
export { decodeHeaderValue } from "@chuk-mcp/core";
export {
  DEFAULT_PROTOCOL_VERSIONS,
  HeaderName,
  HttpErrorCode,
  PROTOCOL_VERSION_META_KEY,
  STATELESS_PROTOCOL_VERSION,
} from "./protocol.js";
export type {
  EngineHandleOptions,
  EngineSession,
  EngineSessionSend,
  EngineSessionState,
  JsonRpcId,
  JsonRpcMessage,
  McpEngine,
} from "./engine.js";
export { createLegacySseHandler } from "./legacy-sse/legacy-sse-handler.js";
export type { LegacySseHandler } from "./legacy-sse/legacy-sse-handler.js";
export type { LegacySseOptions } from "./legacy-sse/legacy-sse-options.js";
