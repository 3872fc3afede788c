// Framework ceiling: Hono on @hono/node-server answering every POST /mcp with a
// fixed tools/call result (request id echoed). No MCP logic.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { announceReady, exitOnSignals, hostFromEnvironment, portFromEnvironment } from "./shared.mjs";

const app = new Hono();
app.post("/mcp", async (context) => {
  /** @type {{ id?: string | number | null }} */
  let message;
  try {
    message = await context.req.json();
  } catch {
    return context.json({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } }, 400);
  }
  return context.json({ jsonrpc: "2.0", id: message.id ?? null, result: { content: [{ type: "text", text: "3" }] } });
});

exitOnSignals();
serve({ fetch: app.fetch, port: portFromEnvironment(), hostname: hostFromEnvironment() }, (info) => announceReady(info.port));
