// Official SDK v2 over stdio: McpServer + StdioServerTransport from @modelcontextprotocol/server/stdio.
import { McpServer } from "@modelcontextprotocol/server";
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { z } from "zod";
import { RESOURCE_NAME, RESOURCE_TEXT, RESOURCE_URI, SERVER_NAME, SERVER_VERSION, TOOL_DESCRIPTION, TOOL_NAME, exitOnSignals } from "./shared.mjs";

const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION });
server.registerTool(
  TOOL_NAME,
  { description: TOOL_DESCRIPTION, inputSchema: z.object({ a: z.number(), b: z.number() }) },
  async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
);
server.registerResource(RESOURCE_NAME, RESOURCE_URI, { mimeType: "text/plain" }, async (uri) => ({
  contents: [{ uri: uri.href, mimeType: "text/plain", text: RESOURCE_TEXT }],
}));
exitOnSignals();
process.stdin.on("end", () => process.exit(0));
await server.connect(new StdioServerTransport());
