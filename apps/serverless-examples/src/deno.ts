/**
 * The example server on Deno / Deno Deploy: `deno run --allow-net --allow-env --allow-read dist/deno.js`
 * (PORT, default 8000; Deno Deploy picks the port itself).
 */
import { readEnvironment, serveDeno } from "@chuk-mcp/cloud";
import { createExampleServer } from "./example-server.js";

const environment = readEnvironment();
const port = environment.PORT === undefined ? undefined : Number.parseInt(environment.PORT, 10);
serveDeno(createExampleServer(), {
  ...(port === undefined ? {} : { port }),
  hostname: environment.HOST ?? "127.0.0.1",
  onListen: ({ hostname, port: bound }) => console.error(`[deno] MCP at http://${hostname}:${bound}/mcp`),
});
