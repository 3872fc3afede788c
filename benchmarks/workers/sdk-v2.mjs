// The same fixture as a Worker built with the official SDK v2: @modelcontextprotocol/server's
// web-standard createMcpHandler (per-request server factory; the bundle takes the package's
// `workerd` shims), behind the same cloudflareHandler as ours so only the MCP handler differs.
import { cloudflareHandler } from "@chuk-mcp/cloud";
import { McpServer, createMcpHandler } from "@modelcontextprotocol/server";
import { z } from "zod";
import { SERVER_NAME, SERVER_VERSION, registerSdkFixtures } from "../servers/shared.mjs";

export default cloudflareHandler(() => {
  const handler = createMcpHandler(() => registerSdkFixtures(new McpServer({ name: SERVER_NAME, version: SERVER_VERSION }), z.object({ a: z.number(), b: z.number() })));
  return { fetch: typeof handler === "function" ? handler : handler.fetch.bind(handler) };
});
