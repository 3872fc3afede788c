/**
 * @chuk-mcp/runtime: one YAML file turns local tool modules and any number of MCP servers
 * into one MCP server (stdio, legacy SSE, Streamable HTTP), compatible with the Python
 * chuk-mcp-runtime's configuration.
 */
export { RuntimeConfigSchema } from "./config/schema.js";
export type { RuntimeConfig, McpServerEntry } from "./config/schema.js";
export { configJsonSchema, configJsonSchemaText } from "./config/json-schema.js";
export { ConfigError, formatIssue } from "./config/config-error.js";
export type { ConfigErrorCode, ConfigIssue } from "./config/config-error.js";
export { loadConfig, parseConfig } from "./config/load-config.js";
export type { LoadConfigOptions } from "./config/load-config.js";
export { resolveConfig } from "./config/resolve-config.js";
export type { ConfigOverrides, Environment, ModuleReference, ResolvedConfig, ServerType } from "./config/resolve-config.js";
export { STORAGE_PROVIDER_NAMES } from "./config/validate-config.js";
export { startRuntime } from "./runtime.js";
export type { Runtime, StartRuntimeOptions } from "./runtime.js";
export type { ReloadReport } from "./reload.js";
export type { ModuleChanges } from "./module-set.js";
export type { HealthReport, UpstreamHealth } from "./health.js";
export { moduleCandidates, resolveModule, MODULE_EXTENSIONS } from "./module-loader.js";
export { toOpenAITools, openaiToolsFromConfig, openaiSafeName, listAllTools } from "./openai-tools.js";
export type { OpenAIFunctionTool } from "./openai-tools.js";
export { parseArguments, UsageError } from "./cli/args.js";
export type { CliArguments } from "./cli/args.js";
