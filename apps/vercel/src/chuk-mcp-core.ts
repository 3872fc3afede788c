/**
 * Bundle alias for `chuk-mcp` (see scripts/bundle.mjs): the shared examples import `Type` from the
 * umbrella, whose root also reaches Node transports through lazy imports. An Edge function needs only
 * the engine, so the bundle resolves `chuk-mcp` to these core exports.
 */
export { getUserId, McpServer, Type } from "@chuk-mcp/core";
