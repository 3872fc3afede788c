/**
 * `@chuk-mcp/cloud/node`: Node-only helpers for functions on Node-based platforms. Today:
 * the serverless handler with optional Redis sessions (`@chuk-mcp/sessions`, loaded lazily).
 */
export { createServerlessHandler, sessionProviderFromEnvironment } from "./node/serverless-handler.js";
export type { ServerlessHandler, ServerlessHandlerOptions } from "./node/serverless-handler.js";
