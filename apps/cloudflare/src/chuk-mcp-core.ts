/**
 * Bundle alias for `chuk-mcp` (see wrangler.toml): the shared examples import `Type` from the
 * umbrella, whose root also reaches Node transports through lazy imports. A Worker needs only
 * the engine, so the bundle resolves `chuk-mcp` to these core exports.
 */
export { getUserId, McpServer, Type } from "@chuk-mcp/core";
