/**
 * The slice of `@chuk-mcp/core`'s `McpServer` this transport drives (packages/core/CONTRACT.md).
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

/**
 * What the transport needs from an `McpServer`: `dispatchAnswer` (the reply text with its error
 * code, so no reply is parsed back), `createSession`, and `parseMessage` when the engine has it
 * (else `JSON.parse`).
 */
export type McpEngine = Pick<McpServer, "handleText" | "dispatchAnswer" | "createSession"> & Partial<Pick<McpServer, "parseMessage">>;

/** A 2025-era session held by the engine. */
export type EngineSession = ServerSession;

/** JSON-serialisable 2025-era session state, persisted by a `SessionStateStore`. */
export type EngineSessionState = SessionState;

/** Where the engine sends session messages; `relatedRequestId` ties one to a client request. */
export type EngineSessionSend = SessionSend;

/** Per-message options the transport passes to the engine. */
export type EngineHandleOptions = HandleOptions;

export type { JsonRpcId, JsonRpcMessage };
