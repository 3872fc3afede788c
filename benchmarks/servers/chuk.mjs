// OURS: chuk-mcp served by `serve` from @chuk-mcp/http/node (the node:http fast path).
import { serve } from "@chuk-mcp/http/node";
import { buildChukServer } from "./chuk-fixture.mjs";
import { announceReady, exitOnSignals, hostFromEnvironment, portFromEnvironment, responseModeFromEnvironment } from "./shared.mjs";

const server = buildChukServer();
const mode = responseModeFromEnvironment();
exitOnSignals();
const listening = await serve(server, {
  port: portFromEnvironment(),
  host: hostFromEnvironment(),
  path: "/mcp",
  responseMode: mode,
});
announceReady(listening.port);
