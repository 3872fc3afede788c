// The benchmark fixture (one `add` tool, one static resource) as a Worker built with chuk-mcp:
// core's McpServer behind @chuk-mcp/cloud's cloudflareHandler. Bundled and run in workerd by
// scripts/serverless-workers.mjs.
import { cloudflareHandler } from "@chuk-mcp/cloud";
import { McpServer, Type } from "@chuk-mcp/core";
import { LOOPBACK_HOSTS } from "@chuk-mcp/http";
import { RESOURCE_NAME, RESOURCE_TEXT, RESOURCE_URI, SERVER_NAME, SERVER_VERSION, TOOL_DESCRIPTION, TOOL_NAME } from "../servers/shared.mjs";

function buildServer() {
  const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION });
  server.tool({
    name: TOOL_NAME,
    description: TOOL_DESCRIPTION,
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    handler: async ({ a, b }) => String(a + b),
  });
  server.resource({ uri: RESOURCE_URI, name: RESOURCE_NAME, mimeType: "text/plain", read: async () => RESOURCE_TEXT });
  return server;
}

export default cloudflareHandler(() => buildServer(), { http: { allowedHosts: [...LOOPBACK_HOSTS] } });
