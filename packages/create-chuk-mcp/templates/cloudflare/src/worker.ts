import { cloudflareHandler } from "@chuk-mcp/cloud";
import { createServer } from "./server.js";

/**
 * The Cloudflare Worker: MCP at `/mcp`. The server is built on the first request of each
 * isolate (a Worker may not start timers at global scope).
 * @see https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/
 */
export default cloudflareHandler(() => createServer());
