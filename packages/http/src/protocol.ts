/**
 * Protocol constants the Streamable HTTP transport needs: header names and the transport's own
 * error codes; versions, `_meta` keys and JSON-RPC codes come from `@chuk-mcp/core`.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports
 */
import { ErrorCode, MetaKey, SUPPORTED_PROTOCOL_VERSIONS } from "@chuk-mcp/core";

/** The stateless revision: each request carries its version in `params._meta` (core's constant). */
export { STATELESS_PROTOCOL_VERSION } from "@chuk-mcp/core";

/** Versions accepted in the `MCP-Protocol-Version` header unless options say otherwise: every version core speaks. */
export const DEFAULT_PROTOCOL_VERSIONS: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS;

/** The `_meta` key that marks a 2026-07-28 stateless request. */
export const PROTOCOL_VERSION_META_KEY = MetaKey.ProtocolVersion;

/** `_meta` keys every 2026-07-28 request must carry. */
export const REQUIRED_STATELESS_META_KEYS: readonly string[] = [MetaKey.ProtocolVersion, MetaKey.ClientCapabilities];

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

/** JSON-RPC error codes used on the wire by this transport: core's, plus two transport-level ones. */
export const HttpErrorCode = {
  ParseError: ErrorCode.ParseError,
  InvalidRequest: ErrorCode.InvalidRequest,
  MethodNotFound: ErrorCode.MethodNotFound,
  InvalidParams: ErrorCode.InvalidParams,
  InternalError: ErrorCode.InternalError,
  /** Transport-level rejection with no more specific code (as the reference SDKs use). */
  BadRequest: -32000,
  /** Unknown or terminated `Mcp-Session-Id`. */
  SessionNotFound: -32001,
  HeaderMismatch: ErrorCode.HeaderMismatch,
  MissingRequiredClientCapability: ErrorCode.MissingRequiredClientCapability,
  UnsupportedProtocolVersion: ErrorCode.UnsupportedProtocolVersion,
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
