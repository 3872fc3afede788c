/**
 * The example MCP server as a Cloudflare Worker: `POST/GET/DELETE /mcp`. The server is built
 * on the first request (a Worker may not start timers at global scope).
 * @see https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/
 */
import { createExampleServer } from "@chuk-mcp/app-serverless-examples";
import { cloudflareHandler } from "@chuk-mcp/cloud";

export default cloudflareHandler(() => createExampleServer());
