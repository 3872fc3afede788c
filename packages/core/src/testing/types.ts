/**
 * Types of the in-memory test client (`@chuk-mcp/core/testing`, also `chuk-mcp/testing`).
 */
import type { AuthInfo, ClientCapabilities, CreateMessageRequestParams, CreateMessageResult, ElicitRequestParams, ElicitResult, Implementation, ListRootsResult, LoggingLevel, ServerCapabilities } from "../types.js";
import type { JsonRpcNotification } from "../jsonrpc.js";

/** The protocol a test client speaks: 2025-11-25 sessions (initialize first) or 2026-07-28 stateless requests. */
export type TestClientEra = "2025-11-25" | "2026-07-28";

/** How the client answers the server's questions and what it hears while a request runs. */
export interface TestCallbacks {
  /** Answers `ctx.elicit()`: 2025 as an `elicitation/create` reply, 2026 as an `inputResponses` answer. */
  onElicit?: (params: ElicitRequestParams) => ElicitResult | Promise<ElicitResult>;
  /** Answers `ctx.sample()` (`sampling/createMessage`). */
  onSample?: (params: CreateMessageRequestParams) => CreateMessageResult | Promise<CreateMessageResult>;
  /** Answers `ctx.listRoots()` (`roots/list`). */
  onListRoots?: () => ListRootsResult | Promise<ListRootsResult>;
  /** `notifications/progress` params of this request (the client sends a progress token when given). */
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** `notifications/message` params (the handler's `ctx.log`). */
  onLog?: (log: { level: LoggingLevel; data: unknown; logger?: string }) => void;
}

/** Options of one request. */
export interface TestCallOptions extends TestCallbacks {
  /** Aborting it cancels the request (2025: `notifications/cancelled`; 2026: the transport signal); the call rejects. */
  signal?: AbortSignal;
  /** Extra `params._meta` to send. */
  meta?: Record<string, unknown>;
}

/** Options of {@link createTestClient}. */
export interface TestClientOptions extends TestCallbacks {
  /** Default "2025-11-25". */
  era?: TestClientEra;
  /** Declared client capabilities. Default: `{ elicitation: {}, sampling: {}, roots: {} }`. */
  capabilities?: ClientCapabilities;
  /** Default `{ name: "chuk-mcp-test-client", version: "1.0.0" }`. */
  clientInfo?: Implementation;
  /** The caller's identity, as an authenticating transport would pass it (`ctx.auth`, tool scopes). */
  auth?: AuthInfo;
  /** Lowest log level the server sends (2025: `logging/setLevel`; 2026: `_meta` logLevel). Default: none asked. */
  logLevel?: LoggingLevel;
}

/** A loosely typed wire result: exactly the `result` member of the server's JSON-RPC reply. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireResult = Record<string, any>;

/** A client that drives a server in memory, the way a real client would over a transport. */
export interface TestClient {
  readonly era: TestClientEra;
  /** The negotiated (2025) or requested (2026) protocol version. */
  readonly protocolVersion: string;
  /** `serverInfo` from `initialize` (2025) or `server/discover` (2026). */
  readonly serverInfo: Implementation;
  readonly serverCapabilities: ServerCapabilities;
  /** Server notifications not tied to a request (list_changed, resources/updated), in arrival order. */
  readonly notifications: JsonRpcNotification[];
  listTools(params?: { cursor?: string }, options?: TestCallOptions): Promise<WireResult>;
  callTool(name: string, args?: Record<string, unknown>, options?: TestCallOptions): Promise<WireResult>;
  listResources(params?: { cursor?: string }, options?: TestCallOptions): Promise<WireResult>;
  listResourceTemplates(params?: { cursor?: string }, options?: TestCallOptions): Promise<WireResult>;
  readResource(uri: string, options?: TestCallOptions): Promise<WireResult>;
  listPrompts(params?: { cursor?: string }, options?: TestCallOptions): Promise<WireResult>;
  getPrompt(name: string, args?: Record<string, string>, options?: TestCallOptions): Promise<WireResult>;
  /** `completion/complete`: `ref` is `{ type: "ref/prompt", name }` or `{ type: "ref/resource", uri }`. */
  complete(
    ref: { type: "ref/prompt"; name: string } | { type: "ref/resource"; uri: string },
    argument: { name: string; value: string },
    context?: { arguments?: Record<string, string> },
    options?: TestCallOptions,
  ): Promise<WireResult>;
  /** Any request, for methods without a helper. */
  request(method: string, params?: Record<string, unknown>, options?: TestCallOptions): Promise<WireResult>;
  /** Ends the session (2025); later calls reject. */
  close(): Promise<void>;
}
