/**
 * @chuk-mcp/core: the runtime-neutral MCP protocol engine.
 * @see https://modelcontextprotocol.io/specification/2025-11-25
 */
export { McpServer } from "./server.js";
export type { McpServerOptions, HandleOptions, OutboundChannel, CacheHints } from "./server-options.js";
export type {
  ToolDefinition,
  ToolHandlerReturn,
  ResourceDefinition,
  ResourceReadReturn,
  ResourceTemplateDefinition,
  PromptDefinition,
  PromptGetReturn,
  DefinitionHandle,
} from "./registry/definitions.js";
export type { ServerSession, SessionState, SessionSend, CreateSessionOptions } from "./session.js";
export {
  getContext,
  getSessionId,
  getUserId,
  requireUserId,
  runWithContext,
  setContextStorage,
  hasAmbientContext,
} from "./context.js";
export type { RequestContext, AskOptions, ContextStorage } from "./context.js";
export { ProtocolError, McpError, PermissionError, ClientRequestError, ErrorCode, describeError } from "./errors.js";
export type { ErrorCodeValue, McpErrorCode } from "./errors.js";
export {
  LATEST_PROTOCOL_VERSION,
  STATELESS_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  SESSION_PROTOCOL_VERSIONS,
  ProtocolEras,
  MetaKey,
  negotiateSessionVersion,
} from "./versions.js";
export type { ProtocolEra } from "./versions.js";
export {
  isJsonRpcRequest,
  isJsonRpcNotification,
  isJsonRpcResponse,
  isJsonRpcSuccess,
  isJsonRpcError,
  successResponse,
  errorResponse,
} from "./jsonrpc.js";
export type {
  JsonRpcId,
  JsonRpcMessage,
  JsonRpcRequest,
  JsonRpcNotification,
  JsonRpcSuccess,
  JsonRpcError,
  JsonRpcErrorObject,
  JsonRpcResponse,
} from "./jsonrpc.js";
export { requiresAuth, hasScopes, missingScopes, canUseTool, toolAuthRequirement, isScopeToken } from "./tool-auth.js";
export { visibility, visibleWithScopes, visibleToUsers } from "./middleware/visibility.js";
export type { VisibilityOptions, VisibilityPredicate } from "./middleware/visibility.js";
export type {
  Middleware,
  MiddlewareContext,
  CallToolContext,
  ReadResourceContext,
  GetPromptContext,
  Hook,
  Next,
  McpResult,
  ListToolsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListPromptsResult,
} from "./middleware/types.js";
export { TASKS_EXTENSION } from "./tasks/task-store.js";
export type { TaskOptions, TaskStatus } from "./tasks/task-store.js";
export { decodeHeaderValue } from "./header-value.js";
export { routeMessage } from "./route.js";
export type { Route, RoutedMessage, RoutingError, RouteOptions, RoutingHeaders, MessageKind, StatelessEnvelope } from "./route.js";
export type { TextAnswer } from "./dispatch/engine.js";
export { isPlainObject } from "./is-plain-object.js";
export type { ToolAuthRequirement } from "./tool-auth.js";
export { compileSchema, loadSchemaCompiler } from "./schema.js";
export type { CompiledSchema, JsonSchemaObject, SchemaInput, InferSchema } from "./schema.js";
export { parseUriTemplate } from "./uri-template.js";
export type { UriTemplate } from "./uri-template.js";
export { createRequestStateSigner } from "./request-state.js";
export type { RequestStateSigner } from "./request-state.js";
export { createHmacSigner } from "./hmac.js";
export type { HmacSigner } from "./hmac.js";
export { encodeBase64Url, decodeBase64Url } from "./base64url.js";
export { readBodyWithLimit } from "./read-body.js";
export type { AuthenticateInput, AuthenticateResult, AuthenticateRequest } from "./authenticate.js";
export type { SessionStateStore, EventStore, StoredEvent } from "./transport-stores.js";
export { LOGGING_LEVELS } from "./types.js";
export type {
  Meta,
  LoggingLevel,
  Icon,
  Annotations,
  ToolAnnotations,
  TextContent,
  ImageContent,
  AudioContent,
  TextResourceContents,
  BlobResourceContents,
  ResourceContents,
  EmbeddedResource,
  ResourceLink,
  ContentBlock,
  ToolResult,
  CallToolResult,
  Tool,
  Resource,
  ResourceTemplate,
  ReadResourceResult,
  PromptArgument,
  Prompt,
  PromptMessage,
  GetPromptResult,
  Implementation,
  ServerCapabilities,
  ClientCapabilities,
  ElicitRequestParams,
  ElicitResult,
  SamplingMessage,
  CreateMessageRequestParams,
  CreateMessageResult,
  Root,
  ListRootsResult,
  AuthInfo,
  CompleteCallback,
} from "./types.js";
export { Type } from "typebox";
export type { Static, TSchema } from "typebox";
