#!/usr/bin/env node
// Workers: ours vs the official SDK v2's createMcpHandler, both bundled for Workers and run in
// the real workerd runtime through `wrangler dev --local`.
//
//   apps/cloudflare/node_modules/.bin/node benchmarks/scripts/serverless-workers.mjs [--requests 1000] [--rounds 6] [--cold-runs 5] [--out FILE]
//
// Wrangler 4 needs Node >= 22: run it with the node@22 that apps/cloudflare pins.
// bundle: esbuild with the Workers conditions (workerd, worker, browser), as wrangler does; the
//         bundles are served with `wrangler dev --no-bundle`, so bundling is outside the timings.
// cold:   per run a fresh `wrangler dev --local` (Node + wrangler + workerd, module load) until
//         it answers one tools/call: wall ms from spawn to the answer, split into spawn →
//         "Ready on" and the first request (server built on it). A/B alternated run by run.
// warm:   both Workers up at once; sequential HTTP tools/call requests, rounds alternated;
//         workerd's own CPU µs per request (/proc/<pid>/stat of the workerd under each wrangler)
//         and wall µs per request (client included, same client for both). Medians over rounds.
// Needs `pnpm turbo run build --filter @chuk-mcp/cloud...` first.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { freePort } from "./free-port.mjs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const wranglerPackageJson = createRequire(new URL("../../apps/cloudflare/package.json", import.meta.url)).resolve("wrangler/package.json");
const wranglerBin = join(dirname(wranglerPackageJson), "bin/wrangler.js");
const COMPATIBILITY_DATE = "2026-07-01";
/** @typedef {"ours" | "sdk"} Side */
/** @type {Side[]} */
const SIDES = ["ours", "sdk"];
/** @type {Record<Side, string>} */
const SOURCES = { ours: join(here, "../workers/chuk.mjs"), sdk: join(here, "../workers/sdk-v2.mjs") };
/** @type {Record<Side, string>} */
const LABELS = { ours: "chuk-mcp `createMcpHandler`", sdk: "SDK v2 `createMcpHandler` (per-request server)" };
const META = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "bench", version: "1" } };
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "add" };

/** @param {string} url @param {number} id */
async function call(url, id) {
  const response = await fetch(url, { method: "POST", headers: HEADERS, body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 }, _meta: META } }) });
  const text = await response.text();
  if (response.status !== 200 || !text.includes('"text":"5"')) throw new Error(`unexpected answer ${response.status}: ${text.slice(0, 300)}`);
}

/**
 * `wrangler dev --local --no-bundle` on a prebuilt bundle; resolves once wrangler prints
 * "Ready on".
 * @param {string} script
 */
async function startWorker(script) {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(
    process.execPath,
    [wranglerBin, "dev", script, "--no-bundle", "--local", "--name", "bench", "--compatibility-date", COMPATIBILITY_DATE, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", "0", "--show-interactive-dev-session=false"],
    { cwd: dirname(script), env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  /** @type {number} */
  const readyMs = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not get ready in 120 s: ${output}`)), 120_000);
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk;
      if (output.includes("Ready on")) {
        clearTimeout(timer);
        resolve(performance.now() - start);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`wrangler dev exited (${code}): ${output}`)));
  });
  const pid = /** @type {number} */ (child.pid);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      child.once("exit", resolve);
      process.kill(-pid, "SIGTERM");
    });
  return { url: `http://127.0.0.1:${port}/mcp`, pid, start, readyMs, stop };
}

/** @param {string} script */
async function coldRun(script) {
  const worker = await startWorker(script);
  const ready = performance.now();
  try {
    await call(worker.url, 1);
    const answered = performance.now();
    return { spawnToAnswerMs: answered - worker.start, readyMs: worker.readyMs, firstRequestMs: answered - ready };
  } finally {
    await worker.stop();
  }
}

/** The workerd processes among the descendants of `root` (wrangler runs two: its proxy and the Worker). @param {number} root @returns {number[]} */
function workerdUnder(root) {
  /** @type {Map<number, { ppid: number, comm: string }>} */
  const table = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      table.set(Number(entry), { ppid: Number(fields[1]), comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) });
    } catch {
      // the process went away
    }
  }
  const isUnder = (/** @type {number} */ pid) => {
    for (let current = pid; current > 1; current = table.get(current)?.ppid ?? 0) if (current === root) return true;
    return false;
  };
  const found = [...table].filter(([pid, info]) => info.comm === "workerd" && isUnder(pid)).map(([pid]) => pid);
  if (found.length === 0) throw new Error(`no workerd under ${root}`);
  return found;
}

/** utime + stime of processes in µs (Linux clock ticks are 100 Hz). @param {number[]} pids */
function cpuMicros(pids) {
  return pids.reduce((sum, pid) => sum + processMicros(pid), 0);
}

/** @param {number} pid */
function processMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
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
  const requests = Number(option("--requests", "1000"));
  const rounds = Number(option("--rounds", "6"));
  const coldRuns = Number(option("--cold-runs", "5"));
  const out = option("--out", undefined);
  const loadBefore = loadavg();

  const directory = mkdtempSync(join(tmpdir(), "bench-workers-"));
  /** @type {Record<Side, string>} */
  const bundles = { ours: join(directory, "chuk.mjs"), sdk: join(directory, "sdk-v2.mjs") };
  for (const side of SIDES) {
    await build({ entryPoints: [SOURCES[side]], outfile: bundles[side], bundle: true, format: "esm", platform: "neutral", target: "es2022", minify: true, conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"], logLevel: "error" });
  }
  /** @type {Record<Side, number>} */
  const bundleKb = { ours: statSync(bundles.ours).size / 1024, sdk: statSync(bundles.sdk).size / 1024 };

  /** @type {Record<Side, { wallUs: number[], cpuUs: number[] }>} */
  const warm = { ours: { wallUs: [], cpuUs: [] }, sdk: { wallUs: [], cpuUs: [] } };
  /** @type {Record<Side, Awaited<ReturnType<typeof coldRun>>[]>} */
  const cold = { ours: [], sdk: [] };
  /** @type {Awaited<ReturnType<typeof startWorker>>[]} */
  const started = [];
  try {
    /** @type {Record<Side, { url: string, workerd: number[] }>} */
    const running = /** @type {any} */ ({});
    for (const side of SIDES) {
      const worker = await startWorker(bundles[side]);
      started.push(worker);
      await call(worker.url, 0);
      running[side] = { url: worker.url, workerd: workerdUnder(worker.pid) };
    }
    for (const side of SIDES) for (let index = 0; index < 300; index += 1) await call(running[side].url, index);
    for (let round = 0; round < rounds; round += 1) {
      for (const side of round % 2 === 0 ? SIDES : [...SIDES].reverse()) {
        const { url, workerd } = running[side];
        const cpuBefore = cpuMicros(workerd);
        const start = performance.now();
        for (let index = 0; index < requests; index += 1) await call(url, index);
        warm[side].wallUs.push(((performance.now() - start) * 1000) / requests);
        warm[side].cpuUs.push((cpuMicros(workerd) - cpuBefore) / requests);
      }
    }
  } finally {
    for (const worker of started) await worker.stop();
  }
  for (let run = 0; run < coldRuns; run += 1) {
    for (const side of run % 2 === 0 ? SIDES : [...SIDES].reverse()) cold[side].push(await coldRun(bundles[side]));
  }
  rmSync(directory, { recursive: true, force: true });
  const loadAfter = loadavg();

  /** @param {Side} side */
  const row = (side) => {
    const runs = cold[side];
    return `| ${LABELS[side]} | ${bundleKb[side].toFixed(0)} | ${median(warm[side].cpuUs).toFixed(0)} | ${median(warm[side].wallUs).toFixed(0)} | ${median(runs.map((r) => r.spawnToAnswerMs)).toFixed(0)} (${range(runs.map((r) => r.spawnToAnswerMs))}) | ${median(runs.map((r) => r.readyMs)).toFixed(0)} | ${median(runs.map((r) => r.firstRequestMs)).toFixed(1)} (${range(runs.map((r) => r.firstRequestMs))}) |`;
  };
  const { version } = JSON.parse(readFileSync(wranglerPackageJson, "utf8"));
  const table = [
    `Node ${process.version}, wrangler ${version} (\`dev --local\`, workerd), ${requests} sequential warm requests × ${rounds} alternating rounds, ${coldRuns} cold runs per side alternated (medians; cold range in brackets). Load average (1/5/15 min) before ${loadBefore.map((v) => v.toFixed(2)).join("/")}, after ${loadAfter.map((v) => v.toFixed(2)).join("/")}.`,
    "",
    "| Worker (behind `cloudflareHandler`) | bundle KiB (minified) | warm: workerd CPU µs / request (both workerd processes) | warm: wall µs / request (client incl.) | cold: spawn → first answer, ms | cold: spawn → \"Ready on\", ms | cold: first request, ms |",
    "|---|---|---|---|---|---|---|",
    row("ours"),
    row("sdk"),
    "",
    `warm workerd CPU ratio SDK v2 / ours: ${(median(warm.sdk.cpuUs) / median(warm.ours.cpuUs)).toFixed(2)}×; first-request ratio: ${(median(cold.sdk.map((r) => r.firstRequestMs)) / median(cold.ours.map((r) => r.firstRequestMs))).toFixed(2)}×`,
  ].join("\n");
  console.log(table);
  if (out !== undefined) writeFileSync(out, `${table}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
