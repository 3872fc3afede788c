/**
 * Protocol constants the Streamable HTTP transport needs: versions, header names, error codes.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports
 */

/** The stateless revision: each request carries its version in `params._meta`. */
export const STATELESS_PROTOCOL_VERSION = "2026-07-28";

/** Versions accepted in the `MCP-Protocol-Version` header unless options say otherwise. */
export const DEFAULT_PROTOCOL_VERSIONS: readonly string[] = ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"];

/** The `_meta` key that marks a 2026-07-28 stateless request. */
export const PROTOCOL_VERSION_META_KEY = "io.modelcontextprotocol/protocolVersion";

/** `_meta` keys every 2026-07-28 request must carry. */
export const REQUIRED_STATELESS_META_KEYS: readonly string[] = [
  "io.modelcontextprotocol/protocolVersion",
  "io.modelcontextprotocol/clientCapabilities",
];

/** Lower-case HTTP header names. */
export const HeaderName = {
  SessionId: "mcp-session-id",
  ProtocolVersion: "mcp-protocol-version",
  Method: "mcp-method",
  Name: "mcp-name",
  LastEventId: "last-event-id",
  Accept: "accept",
  ContentType: "content-type",
  ContentLength: "content-length",
  Origin: "origin",
  Host: "host",
} as const;

/** JSON-RPC error codes used on the wire by this transport. */
export const HttpErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** Transport-level rejection with no more specific code (as the reference SDKs use). */
  BadRequest: -32000,
  /** Unknown or terminated `Mcp-Session-Id`. */
  SessionNotFound: -32001,
  /** SEP-2243: a routing header is missing or disagrees with the body. */
  HeaderMismatch: -32020,
  /** SEP-2575: the request needs a client capability the client did not declare. */
  MissingRequiredClientCapability: -32021,
  /** SEP-2575: the requested protocol version is not supported. */
  UnsupportedProtocolVersion: -32022,
} as const;

/** Methods whose `Mcp-Name` header must match a body parameter (SEP-2243, SEP-2663). */
export const NAME_PARAMETER_BY_METHOD: Readonly<Record<string, string>> = Object.freeze(
  // Null prototype: the method name is client input (`constructor`, `__proto__` find nothing).
  Object.assign(Object.create(null) as Record<string, string>, {
    "tools/call": "name",
    "prompts/get": "name",
    "resources/read": "uri",
    "tasks/get": "taskId",
    "tasks/update": "taskId",
    "tasks/cancel": "taskId",
  }),
);

/** The 2026-07-28 method that opens a long-lived notification stream. */
export const SUBSCRIPTIONS_LISTEN_METHOD = "subscriptions/listen";
