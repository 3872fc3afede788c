/** The example server on Bun: `bun dist/bun.js` (PORT, default 3000). */
import { readEnvironment, serveBun } from "@chuk-mcp/cloud";
import { createExampleServer } from "./example-server.js";

const environment = readEnvironment();
const server = serveBun(createExampleServer(), {
  port: Number.parseInt(environment.PORT ?? "3000", 10),
  hostname: environment.HOST ?? "127.0.0.1",
});
console.error(`[bun] MCP at http://${server.hostname}:${server.port}/mcp`);
