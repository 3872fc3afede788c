/**
 * The example MCP server as a Vercel Edge Function. `vercel.json` rewrites `/mcp` here; both
 * `/mcp` and `/api/mcp` reach the endpoint. For the Node.js runtime instead, delete the
 * `config` export: the same method exports work there.
 * @see https://vercel.com/docs/functions/runtimes/edge
 */
import { createExampleServer } from "@chuk-mcp/app-serverless-examples";
import { vercelHandler } from "@chuk-mcp/cloud";

export const config = { runtime: "edge" };

export const { GET, POST, DELETE, OPTIONS } = vercelHandler(createExampleServer());
