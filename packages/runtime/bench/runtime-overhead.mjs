// What the runtime adds over a plain chuk-mcp server for a local tool call, and per proxied call
// (a runtime proxying server-everything vs calling server-everything directly). CPU time of this
// process (process.cpuUsage), same-run A/B, so a loaded machine skews both sides alike.
// Run after `pnpm --filter @chuk-mcp/runtime build`: node bench/runtime-overhead.mjs
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { ChukMCPServer, Type } from "chuk-mcp";
import { loadConfig, startRuntime } from "../dist/index.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const require = createRequire(import.meta.url);
const ORIGINAL = fileURLToPath(new URL("../test/fixtures/original/", import.meta.url));
const CALLS = Number(process.env.CALLS ?? 20_000);

function cpuMs(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function perCall(server, text, calls) {
  for (let i = 0; i < 2_000; i++) await server.handleText(text); // warm up
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await server.handleText(text);
  return (cpuMs(start) * 1000) / calls; // µs per call
}

const call = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "calculate_sum", arguments: { a: 2, b: 3 } } });
const plain = new ChukMCPServer({ name: "plain", version: "1" });
plain.tool({ name: "calculate_sum", input: Type.Object({ a: Type.Integer(), b: Type.Integer() }), handler: ({ a, b }) => ({ operation: "addition", operands: [a, b], result: a + b }) });
const runtime = await startRuntime(await loadConfig({ file: `${ORIGINAL}hello-world.yaml` }), { serve: false });
const rounds = [];
for (let round = 0; round < 3; round++) rounds.push([await perCall(plain, call, CALLS), await perCall(runtime.server, call, CALLS)]);
await runtime.close();
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const plainUs = median(rounds.map((r) => r[0]));
const runtimeUs = median(rounds.map((r) => r[1]));
console.log(`local tool call, in-process handleText: plain chuk-mcp ${plainUs.toFixed(2)} µs CPU, runtime ${runtimeUs.toFixed(2)} µs CPU, ratio ${(runtimeUs / plainUs).toFixed(3)}`);

// Proxied: SDK client → upstream directly, vs SDK client → runtime (stdio) → upstream (stdio).
const everything = require.resolve("@modelcontextprotocol/server-everything/dist/index.js");
const PROXY_CALLS = Number(process.env.PROXY_CALLS ?? 500);
async function clientCpu(command, args, name, env) {
  const client = new Client({ name: "bench", version: "1" });
  await client.connect(new StdioClientTransport({ command, args, env: { ...process.env, ...env }, stderr: "ignore" }));
  for (let i = 0; i < 50; i++) await client.callTool({ name, arguments: { message: "x" } });
  const started = performance.now();
  for (let i = 0; i < PROXY_CALLS; i++) await client.callTool({ name, arguments: { message: "x" } });
  const wallUs = ((performance.now() - started) * 1000) / PROXY_CALLS;
  await client.close();
  return wallUs;
}
const direct = await clientCpu(process.execPath, [everything], "echo", {});
const proxied = await clientCpu(process.execPath, [fileURLToPath(new URL("../dist/cli/main.js", import.meta.url)), "--config", `${ORIGINAL}proxy-only.yaml`], "proxy.time.echo", { NODE: process.execPath, EVERYTHING: everything });
console.log(`proxied call round trip (wall, ${PROXY_CALLS} sequential calls): direct ${direct.toFixed(0)} µs, through the runtime ${proxied.toFixed(0)} µs, added ${(proxied - direct).toFixed(0)} µs per call`);
