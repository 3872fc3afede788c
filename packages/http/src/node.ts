/**
 * `@chuk-mcp/http/node`: the Node-only entry (owns a `node:http` server).
 */
export { serve } from "./node/serve.js";
export type { RunningServer, ServeOptions } from "./node/serve.js";
export { NodeResponseWriter, readNodeBody } from "./node/node-writer.js";
export { serveLegacySse } from "./legacy-sse/serve-legacy-sse.js";
export type { RunningLegacySseServer, ServeLegacySseOptions } from "./legacy-sse/serve-legacy-sse.js";
