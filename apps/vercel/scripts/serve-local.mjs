#!/usr/bin/env node
// Serves dist/edge.js (run `pnpm build` first) in Vercel's Edge runtime (`edge-runtime`: the
// same VM and Web APIs Vercel's Edge Functions use) on 127.0.0.1:$PORT, MCP at /mcp.
// Why not `vercel dev`: it needs a logged-in, linked project (network) even to start.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EdgeRuntime, runServer } from "edge-runtime";

const appDirectory = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`[vercel-local] PORT must be an integer between 0 and 65535, got "${process.env.PORT}"`);
  process.exit(2);
}
let bundle;
try {
  bundle = await readFile(join(appDirectory, "dist", "edge.js"), "utf8");
} catch {
  console.error("[vercel-local] dist/edge.js is missing: run `pnpm --filter @chuk-mcp/app-vercel build` first");
  process.exit(2);
}
const initialCode = `${bundle}
const routes = { GET: __mcp.GET, POST: __mcp.POST, DELETE: __mcp.DELETE, OPTIONS: __mcp.OPTIONS };
addEventListener("fetch", (event) => {
  const route = routes[event.request.method];
  event.respondWith(route ? route(event.request) : new Response(null, { status: 405, headers: { allow: "GET, POST, DELETE, OPTIONS" } }));
});`;
const runtime = new EdgeRuntime({ initialCode, env: { VERCEL: "1", VERCEL_ENV: "development" } });
const server = await runServer({ runtime, port, host: "127.0.0.1" });
console.error(`[vercel-local] Edge runtime serving http://127.0.0.1:${new URL(server.url).port}/mcp`);
const stop = () => void server.close().finally(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
