/**
 * `@chuk-mcp/cloud/workers`: the Cloudflare Workers handler with optional Redis sessions over
 * `cloudflare:sockets` (`@chuk-mcp/sessions/workers`, loaded only when sessions are on).
 * Runtime-neutral: the socket's `connect` is passed in by the Worker.
 */
export { createWorkersHandler } from "./workers/workers-handler.js";
export type { WorkersHandler, WorkersHandlerOptions } from "./workers/workers-handler.js";
export { sessionProviderFromEnvironment } from "./session-provider.js";
