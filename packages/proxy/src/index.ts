/**
 * @chuk-mcp/proxy: one MCP endpoint in front of many MCP servers.
 * @see https://modelcontextprotocol.io/specification/2025-11-25
 */
export { McpProxy, createProxy } from "./proxy.js";
export type { ProxyOptions } from "./proxy.js";
export { PROXY_DEFAULTS } from "./config.js";
export type {
  ProxyConfig,
  UpstreamConfig,
  StdioUpstreamConfig,
  HttpUpstreamConfig,
  SseUpstreamConfig,
  StdioEndpoint,
  HttpEndpoint,
  ToolFilter,
  NamingOptions,
  ReconnectOptions,
  CircuitBreakerOptions,
  ProxyLogger,
  ProxyLogLevel,
} from "./config.js";
export type { ProxyStats, UpstreamStats, ProxyStartReport, NameCollision } from "./stats.js";
export type { UpstreamState } from "./upstream-server.js";
export { ProxyError } from "./errors.js";
export { incomingTraceContext } from "./upstream-middleware.js";
export type { TraceContextSource } from "./upstream-middleware.js";
export type { ProxyErrorCode } from "./errors.js";
export { validateProxyConfig, SERVER_NAME_PATTERN } from "./validate-config.js";
export { parseProxyConfig, loadProxyConfig } from "./config-file.js";
export { openaiName, namespacedName, namespaceUri, parseNamespacedUri, OPENAI_NAME_PATTERN } from "./naming.js";
export { backoffDelay } from "./backoff.js";
export { CircuitBreaker } from "./circuit-breaker.js";
export type { CircuitState } from "./circuit-breaker.js";
export { trackedChildPids, isProcessAlive } from "./transport-factory.js";
export { DEFAULT_UPSTREAM_LIMITS, UPSTREAM_NAME_PATTERN, checkUpstreamName } from "./catalog-guard.js";
export type { UpstreamLimits } from "./catalog-guard.js";
