/**
 * The example MCP server as a Cloudflare Worker: `POST/GET/DELETE /mcp`. The server is built
 * on the first request (a Worker may not start timers at global scope). Stateless unless a
 * `REDIS_URL` (or `SESSION_PROVIDER=redis`) binding is set; then 2025 sessions live in Redis,
 * reached over `cloudflare:sockets`, so every isolate serves every session.
 * @see https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/
 */
import { connect } from "cloudflare:sockets";
import { createExampleServer } from "@chuk-mcp/app-serverless-examples";
import { cloudflareHandler } from "@chuk-mcp/cloud";
import { createWorkersHandler } from "@chuk-mcp/cloud/workers";

export default cloudflareHandler((env: Record<string, unknown>) => createWorkersHandler(createExampleServer(), { env, connect, onError: (error) => console.error("[chuk-mcp-example]", error) }));
