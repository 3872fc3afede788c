#!/usr/bin/env node
// Lambda adapter cost, ours vs the official SDK v2's createMcpHandler, in the same runtime
// (Node, in-process: the event → Request → handler → Response → result path Lambda runs).
//
//   node scripts/serverless-lambda.mjs [--out RESULTS-serverless.md] [--requests 3000] [--cold-runs 5]
//
// warm: CPU µs per invocation (process.cpuUsage) of a Function URL event carrying a 2026-07-28
//       tools/call, after warm-up; A/B alternated in rounds, median reported.
// cold: a fresh `node` per run: import the modules, build the handler, answer the first event;
//       wall ms to first answer and the child's own CPU ms. Both sides go through the same
//       `lambdaHandler` from @chuk-mcp/cloud (SDK v2 ships no Lambda adapter).
// Needs `pnpm turbo run build --filter @chuk-mcp/cloud...` first.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cloudEntry = new URL("../../packages/cloud/dist/index.js", import.meta.url).href;
const self = fileURLToPath(import.meta.url);
const META = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "bench", version: "1" } };

/** @param {number} id */
function event(id) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/mcp",
    rawQueryString: "",
    headers: {
      host: "abc.lambda-url.us-east-1.on.aws",
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": "tools/call",
      "mcp-name": "add",
    },
    requestContext: { domainName: "abc.lambda-url.us-east-1.on.aws", http: { method: "POST", path: "/mcp" } },
    body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 }, _meta: META } }),
    isBase64Encoded: false,
  };
}

/** @typedef {"ours" | "sdk"} Side */
/** @typedef {(event: unknown) => Promise<any>} Invoke */
/** @typedef {{ firstAnswerMs: number, cpuMs: number }} ColdRun */

/** @param {Side} side @returns {Promise<Invoke>} */
async function buildHandler(side) {
  const { lambdaHandler } = await import(cloudEntry);
  if (side === "ours") {
    const { buildChukServer } = await import("../servers/chuk-fixture.mjs");
    return lambdaHandler(buildChukServer());
  }
  const [{ McpServer, createMcpHandler }, { z }, { registerSdkFixtures, SERVER_NAME, SERVER_VERSION }] = await Promise.all([
    import("@modelcontextprotocol/server"),
    import("zod"),
    import("../servers/shared.mjs"),
  ]);
  const handler = createMcpHandler(() => registerSdkFixtures(new McpServer({ name: SERVER_NAME, version: SERVER_VERSION }), z.object({ a: z.number(), b: z.number() })));
  const fetch = typeof handler === "function" ? handler : handler.fetch.bind(handler);
  return lambdaHandler({ fetch });
}

/** @param {any} result */
function check(result) {
  if (result.statusCode !== 200 || !String(result.body).includes('"text":"5"')) throw new Error(`unexpected answer: ${JSON.stringify(result).slice(0, 300)}`);
}

/** @param {Side} side */
async function child(side) {
  const start = performance.now();
  const handler = await buildHandler(side);
  check(await handler(event(1)));
  const firstAnswerMs = performance.now() - start;
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ firstAnswerMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
}

/** @param {number} requests */
async function warm(requests) {
  /** @type {Record<Side, Invoke>} */
  const handlers = { ours: await buildHandler("ours"), sdk: await buildHandler("sdk") };
  for (const handler of Object.values(handlers)) for (let index = 0; index < 500; index += 1) check(await handler(event(index)));
  /** @type {Record<Side, number[]>} */
  const samples = { ours: [], sdk: [] };
  for (let round = 0; round < 5; round += 1) {
    for (const side of /** @type {Side[]} */ (round % 2 === 0 ? ["ours", "sdk"] : ["sdk", "ours"])) {
      const before = process.cpuUsage();
      for (let index = 0; index < requests; index += 1) await handlers[side](event(index));
      const used = process.cpuUsage(before);
      samples[side].push((used.user + used.system) / requests);
    }
  }
  return samples;
}

/** @param {number[]} values @returns {number} */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main() {
  const args = process.argv.slice(2);
  /** @param {string} name @param {string | undefined} fallback */
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index === -1 ? fallback : args[index + 1];
  };
  if (args[0] === "--child") return child(/** @type {Side} */ (args[1]));
  const requests = Number(option("--requests", "3000"));
  const coldRuns = Number(option("--cold-runs", "5"));
  const out = option("--out", undefined);
  const samples = await warm(requests);
  /** @type {Record<Side, ColdRun[]>} */
  const cold = { ours: [], sdk: [] };
  for (let run = 0; run < coldRuns; run += 1) {
    for (const side of /** @type {Side[]} */ (run % 2 === 0 ? ["ours", "sdk"] : ["sdk", "ours"])) {
      const result = spawnSync(process.execPath, [self, "--child", side], { encoding: "utf8" });
      if (result.status !== 0) throw new Error(`cold run (${side}) failed: ${result.stderr}`);
      cold[side].push(JSON.parse(result.stdout));
    }
  }
  /** @param {Side} side @param {string} label */
  const row = (side, label) =>
    `| ${label} | ${median(samples[side]).toFixed(1)} | ${median(cold[side].map((run) => run.firstAnswerMs)).toFixed(0)} | ${median(cold[side].map((run) => run.cpuMs)).toFixed(0)} |`;
  const table = [
    `Node ${process.version}, ${requests} warm invocations × 5 alternating rounds, ${coldRuns} cold runs per side (medians).`,
    "",
    "| handler behind `lambdaHandler` | warm CPU µs / invocation | cold: import + build + first answer in a fresh node, wall ms | cold: child process CPU ms (incl. Node start) |",
    "|---|---|---|---|",
    row("ours", "chuk-mcp `createMcpHandler`"),
    row("sdk", "SDK v2 `createMcpHandler` (per-request server)"),
    "",
    `warm ratio SDK v2 / ours: ${(median(samples.sdk) / median(samples.ours)).toFixed(2)}×`,
  ].join("\n");
  console.log(table);
  if (out !== undefined) writeFileSync(out, `# Serverless: Lambda adapter, ours vs SDK v2\n\n\`node scripts/serverless-lambda.mjs --out RESULTS-serverless.md\`\n\n${table}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
