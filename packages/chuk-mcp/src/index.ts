/**
 * chuk-mcp: zero-config MCP servers. Register with `tool`/`resource`/`prompt` on the
 * default server (or on a `new ChukMCPServer()`), then `run()`.
 * @see https://modelcontextprotocol.io/specification/2025-11-25
 */
export { ChukMCPServer } from "./chuk-mcp-server.js";
export type { ChukMCPServerOptions, ServerRunOptions } from "./chuk-mcp-server.js";
export { getDefaultServer, resetDefaultServer, tool, resource, resourceTemplate, prompt, run } from "./default-server.js";
export { resolveRunOptions, DEFAULT_HOST, DEFAULT_PATH, DEFAULT_PORT, SESSION_PROVIDERS } from "./run-options.js";
export type { ResolvedRunOptions, RunEnvironment, RunOptions, SessionProviderName, TransportName } from "./run-options.js";
export type {
  HttpServeOptions,
  HttpRoutes,
  HttpRouteApp,
  HttpCorsOptions,
  HttpEventBus,
  RunningServer,
  StdioStreams,
  AuthorizationServerAuth,
  RunAuth,
  RunAuthorizationServer,
  RunResourceServer,
} from "./run-types.js";
export { createLogger, isLogLevel, LOG_LEVELS } from "./logger.js";
export type { Logger, LoggerOptions, LogLevel } from "./logger.js";
export { UsageError } from "./usage-error.js";
export { getUpstreamToken, requireUpstreamToken } from "./upstream-token.js";
export type { StandardSchemaV1, StandardToolDefinition, InferStandardOutput } from "./standard-schema.js";

export {
  McpServer,
  Type,
  getContext,
  getSessionId,
  getUserId,
  requireUserId,
  runWithContext,
  ProtocolError,
  McpError,
  PermissionError,
  ErrorCode,
  LATEST_PROTOCOL_VERSION,
  STATELESS_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  requiresAuth,
} from "@chuk-mcp/core";
export type {
  McpServerOptions,
  RequestContext,
  ToolDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  PromptDefinition,
  DefinitionHandle,
  ToolResult,
  CallToolResult,
  ContentBlock,
  TextContent,
  ImageContent,
  AudioContent,
  ResourceContents,
  TextResourceContents,
  BlobResourceContents,
  PromptMessage,
  GetPromptResult,
  ElicitRequestParams,
  ElicitResult,
  CreateMessageRequestParams,
  CreateMessageResult,
  ListRootsResult,
  AuthInfo,
  ToolAuthRequirement,
  LoggingLevel,
  Static,
  TSchema,
} from "@chuk-mcp/core";

