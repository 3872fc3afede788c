// Official SDK v1 over stdio: McpServer + StdioServerTransport.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { SERVER_NAME, SERVER_VERSION, registerSdkFixtures, exitOnSignals } from "./shared.mjs";

const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION });
registerSdkFixtures(server, { a: z.number(), b: z.number() });
exitOnSignals();
process.stdin.on("end", () => process.exit(0));
await server.connect(new StdioServerTransport());
