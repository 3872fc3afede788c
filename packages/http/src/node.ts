/**
 * `@chuk-mcp/http/node`: the Node-only entry (owns a `node:http` server).
 */
export { serve } from "./node/serve.js";
export type { RunningServer, ServeOptions } from "./node/serve.js";
export { NodeResponseWriter, readNodeBody } from "./node/node-writer.js";
