#!/usr/bin/env node
/**
 * Runs `calls` tools/call through `server.handleText` on one build of @chuk-mcp/core, after a
 * fixed warm-up: the body that scripts/middleware-callgrind.sh runs under callgrind twice (N and
 * 2N calls) so the difference of the two instruction totals, over N, is the cost of one call with
 * start-up and warm-up cancelled out.
 *
 *   node scripts/middleware-calls.mjs <core dist dir | after> <2025|2026> <calls>
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [which = "after", era = "2025", callsText = "20000"] = process.argv.slice(2);
const core = which === "after" ? await import("@chuk-mcp/core") : await import(pathToFileURL(resolve(which, "index.js")).href);
const server = new core.McpServer({ name: "bench", version: "1.0.0" });
server.tool({
  name: "add",
  input: core.Type.Object({ a: core.Type.Number(), b: core.Type.Number() }),
  handler: async (/** @type {{ a: number, b: number }} */ { a, b }) => String(a + b),
});
const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
const text = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 }, ...(era === "2026" ? { _meta: meta } : {}) } });
for (let index = 0; index < 20_000; index++) await server.handleText(text);
const calls = Number(callsText);
for (let index = 0; index < calls; index++) await server.handleText(text);
const reply = await server.handleText(text);
if (!reply?.includes('"text":"3"')) throw new Error(`unexpected reply ${reply}`);
