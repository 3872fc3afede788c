import { vercelHandler } from "@chuk-mcp/cloud";
import { createServer } from "../src/server.js";

/**
 * The Vercel function: `vercel.json` rewrites `/mcp` here, so both `/mcp` and `/api/mcp`
 * reach the endpoint. Runs on the Edge runtime; for the Node.js runtime delete `config`
 * (the same method exports work there).
 * @see https://vercel.com/docs/functions/runtimes/edge
 */
export const config = { runtime: "edge" };

export const { GET, POST, DELETE, OPTIONS } = vercelHandler(createServer());
