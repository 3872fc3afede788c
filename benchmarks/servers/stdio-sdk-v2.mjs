// Official SDK v2 over stdio: McpServer + StdioServerTransport from @modelcontextprotocol/server/stdio.
import { McpServer } from "@modelcontextprotocol/server";
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { z } from "zod";
import { SERVER_NAME, SERVER_VERSION, registerSdkFixtures, exitOnSignals } from "./shared.mjs";

const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION });
registerSdkFixtures(server, z.object({ a: z.number(), b: z.number() }));
exitOnSignals();
process.stdin.on("end", () => process.exit(0));
await server.connect(new StdioServerTransport());
