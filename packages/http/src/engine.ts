/**
 * The slice of `@chuk-mcp/core`'s `McpServer` this transport drives (packages/core/CONTRACT.md).
 * This file is type-only; the package does import small helpers from core at runtime
 * (body reading, header decoding, scope checks).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports
 */
import type {
  HandleOptions,
  JsonRpcId,
  JsonRpcMessage,
  McpServer,
  ServerSession,
  SessionSend,
  SessionState,
} from "@chuk-mcp/core";

/** What the transport needs from an `McpServer` (`parseMessage` is used when the engine has it, else `JSON.parse`). */
export type McpEngine = Pick<McpServer, "handleText" | "createSession"> & Partial<Pick<McpServer, "parseMessage">>;

/** A 2025-era session held by the engine. */
export type EngineSession = ServerSession;

/** JSON-serialisable 2025-era session state, persisted by a `SessionStore`. */
export type EngineSessionState = SessionState;

/** Where the engine sends session messages; `relatedRequestId` ties one to a client request. */
export type EngineSessionSend = SessionSend;

/** Per-message options the transport passes to the engine. */
export type EngineHandleOptions = HandleOptions;

export type { JsonRpcId, JsonRpcMessage };
