#!/usr/bin/env node
// Lambda cold start under serverless-offline (real API Gateway HTTP API events), ours vs SDK v2
// behind the same lambdaHandler (lambda-offline/serverless.yml: one function per side, at /ours/mcp and /sdk/mcp).
//
//   node benchmarks/scripts/serverless-lambda-offline.mjs [--cold-runs 5] [--out FILE]
//
// Per run a fresh `serverless offline start`; only one side is called in it: wall ms from spawn
// to the first answer, split into spawn → "Server ready" (the emulator) and the first request
// (serverless-offline imports the handler module on it: import + build + answer). A/B
// alternated run by run. Needs `pnpm turbo run build --filter @chuk-mcp/cloud... --filter chuk-mcp...`.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { freePort } from "./free-port.mjs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const serviceDirectory = fileURLToPath(new URL("../lambda-offline/", import.meta.url));
const serverlessBin = fileURLToPath(new URL("../../apps/lambda/node_modules/serverless/bin/serverless.js", import.meta.url));
/** @typedef {"ours" | "sdk"} Side */
/** @type {Side[]} */
const SIDES = ["ours", "sdk"];
/** @type {Record<Side, string>} */
const LABELS = { ours: "chuk-mcp `createMcpHandler`", sdk: "SDK v2 `createMcpHandler` (per-request server)" };
const META = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "bench", version: "1" } };
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "add" };

/** @param {Side} side */
async function coldRun(side) {
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const start = performance.now();
  const child = spawn(process.execPath, [serverlessBin, "offline", "start", "--httpPort", String(httpPort), "--lambdaPort", String(lambdaPort)], {
    cwd: serviceDirectory,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: "1", SLS_NOTIFICATIONS_MODE: "off", SLS_DEPRECATION_DISABLE: "*", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  try {
    /** @type {number} */
    const readyMs = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serverless offline did not get ready in 120 s: ${output}`)), 120_000);
      /** @param {Buffer} chunk */
      const onData = (chunk) => {
        output += chunk;
        if (/Server ready/.test(output)) {
          clearTimeout(timer);
          resolve(performance.now() - start);
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => reject(new Error(`serverless offline exited (${code}): ${output}`)));
    });
    const ready = performance.now();
    const response = await fetch(`http://127.0.0.1:${httpPort}/${side}/mcp`, { method: "POST", headers: HEADERS, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 }, _meta: META } }) });
    const text = await response.text();
    if (response.status !== 200 || !text.includes('"text":"5"')) throw new Error(`unexpected answer (${side}) ${response.status}: ${text.slice(0, 300)}\n${output}`);
    const answered = performance.now();
    return { spawnToAnswerMs: answered - start, readyMs, firstRequestMs: answered - ready };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-(/** @type {number} */ (child.pid)), "SIGTERM");
      await exited;
    }
  }
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
/** @param {number[]} values */
const range = (values) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

async function main() {
  const args = process.argv.slice(2);
  /** @param {string} name @param {string | undefined} fallback */
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index === -1 ? fallback : args[index + 1];
  };
  const coldRuns = Number(option("--cold-runs", "5"));
  const out = option("--out", undefined);
  const loadBefore = loadavg();
  /** @type {Record<Side, Awaited<ReturnType<typeof coldRun>>[]>} */
  const cold = { ours: [], sdk: [] };
  for (let run = 0; run < coldRuns; run += 1) for (const side of run % 2 === 0 ? SIDES : [...SIDES].reverse()) cold[side].push(await coldRun(side));
  const loadAfter = loadavg();
  /** @param {Side} side */
  const row = (side) => {
    const runs = cold[side];
    return `| ${LABELS[side]} | ${median(runs.map((r) => r.spawnToAnswerMs)).toFixed(0)} (${range(runs.map((r) => r.spawnToAnswerMs))}) | ${median(runs.map((r) => r.readyMs)).toFixed(0)} | ${median(runs.map((r) => r.firstRequestMs)).toFixed(0)} (${range(runs.map((r) => r.firstRequestMs))}) |`;
  };
  const table = [
    `Node ${process.version}, serverless 3.40.0 + serverless-offline 13.9.0 (HTTP API v2 events), ${coldRuns} cold runs per side alternated (medians; range in brackets). Load average (1/5/15 min) before ${loadBefore.map((v) => v.toFixed(2)).join("/")}, after ${loadAfter.map((v) => v.toFixed(2)).join("/")}.`,
    "",
    "| handler behind `lambdaHandler` | cold: spawn → first answer, ms | cold: spawn → \"Server ready\", ms | cold: first request (handler import + build + answer), ms |",
    "|---|---|---|---|",
    row("ours"),
    row("sdk"),
    "",
    `first-request ratio SDK v2 / ours: ${(median(cold.sdk.map((r) => r.firstRequestMs)) / median(cold.ours.map((r) => r.firstRequestMs))).toFixed(2)}×`,
  ].join("\n");
  console.log(table);
  if (out !== undefined) writeFileSync(out, `${table}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
