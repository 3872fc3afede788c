// fastmcp (TypeScript) with its httpStream transport in stateless mode.
// fastmcp has no port-0 option, so the harness always passes a free PORT.
import { FastMCP } from "fastmcp";
import { z } from "zod";
import {
  RESOURCE_NAME, RESOURCE_TEXT, RESOURCE_URI, SERVER_NAME, SERVER_VERSION, TOOL_DESCRIPTION, TOOL_NAME,
  announceReady, exitOnSignals, hostFromEnvironment, portFromEnvironment, responseModeFromEnvironment,
} from "./shared.mjs";

const port = portFromEnvironment();
if (port === 0) {
  process.stderr.write("fastmcp.mjs needs an explicit PORT (fastmcp cannot report a port chosen by the OS)\n");
  process.exit(2);
}

const server = new FastMCP({ name: SERVER_NAME, version: SERVER_VERSION });
server.addTool({
  name: TOOL_NAME,
  description: TOOL_DESCRIPTION,
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: async ({ a, b }) => String(a + b),
});
server.addResource({
  uri: RESOURCE_URI,
  name: RESOURCE_NAME,
  mimeType: "text/plain",
  load: async () => ({ text: RESOURCE_TEXT }),
});

exitOnSignals();
await server.start({
  transportType: "httpStream",
  httpStream: {
    port,
    host: hostFromEnvironment(),
    endpoint: "/mcp",
    stateless: true,
    enableJsonResponse: responseModeFromEnvironment() === "json",
  },
});
announceReady(port);
