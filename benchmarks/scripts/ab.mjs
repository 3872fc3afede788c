#!/usr/bin/env node
/**
 * A/B helper for performance work: starts one or more HTTP benchmark servers (files in
 * servers/ or absolute paths), loads each at one concurrency, and prints req/s, p99 and
 * the server's CPU time per request (user + system, from /proc/<pid>/stat). CPU per
 * request is far steadier than req/s on a noisy machine, because it does not depend on
 * how fast the load generator happens to run.
 *
 *   node scripts/ab.mjs [--era 2025|2026|2025,2026] [--method tools/call] [--c 50] [--duration 4]
 *                       [--runs 3] [--mode json|sse] [--env K=V] [--gc] [--generator wrk|autocannon]
 *                       <server.mjs> [<server.mjs> …]
 *
 * `--generator wrk` (the default where wrk is installed, as in the HTTP suite) loads from wrk in
 * its own process on the generator core; `autocannon` loads from this process.
 *
 * `--era 2025,2026` loads each server process in both eras, alternating run by run, and adds
 * the same-run CPU ratio (first era's µs over the second's): the way to compare the two eras'
 * paths without the machine's drift between two server processes.
 *
 * `--gc` runs the servers with --trace-gc-nvp and adds, per request of the measured runs, the
 * bytes the scavenger promoted to the old generation and the scavenge pause time: the numbers
 * that found the per-request closure (pass 2) and the in-flight Map (pass 3) leaks into old space.
 */
import { parseArgs } from "node:util";
import { runLoad } from "../src/http-load.mjs";
import { findWrk, runWrkLoad } from "../src/wrk-load.mjs";
import { pinCurrentProcess, pinningPlan, processCpuSeconds } from "../src/machine.mjs";
import { buildLoadRequest, initializeSession, ERA_2025, ERA_2026 } from "../src/mcp-requests.mjs";
import { startServer } from "../src/server-process.mjs";
import { median } from "../src/stats.mjs";

/** @param {number} pid */
function cpuSeconds(pid) {
  const seconds = processCpuSeconds(pid);
  if (seconds === undefined) throw new Error("server CPU time needs /proc (Linux)");
  return seconds;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    era: { type: "string", default: "2025" },
    method: { type: "string", default: "tools/call" },
    c: { type: "string", default: "50" },
    duration: { type: "string", default: "4" },
    runs: { type: "string", default: "3" },
    mode: { type: "string", default: "json" },
    env: { type: "string", multiple: true, default: [] },
    "node-arg": { type: "string", multiple: true, default: [] },
    gc: { type: "boolean", default: false },
    generator: { type: "string" },
  },
});
if (positionals.length === 0) {
  process.stderr.write("usage: node scripts/ab.mjs [--era 2025|2026] [--c 50] <server.mjs> …\n");
  process.exit(2);
}
const plan = pinningPlan();
pinCurrentProcess(plan);
const wrk = findWrk();
const generator = values.generator ?? (wrk === undefined ? "autocannon" : "wrk");
if (generator !== "wrk" && generator !== "autocannon") {
  process.stderr.write(`--generator takes wrk or autocannon, not "${generator}"\n`);
  process.exit(2);
}
if (generator === "wrk" && wrk === undefined) {
  process.stderr.write("--generator wrk: wrk is not installed (apt-get install -y wrk)\n");
  process.exit(2);
}
/** @param {Parameters<typeof runLoad>[0]} options */
function generate(options) {
  if (generator === "autocannon" || wrk === undefined) return runLoad(options);
  return runWrkLoad({ ...options, wrk, pin: plan });
}
const eras = values.era.split(",");
for (const era of eras) {
  if (era !== ERA_2025 && era !== ERA_2026) {
    process.stderr.write(`--era takes 2025, 2026 or both comma-separated, not "${era}"\n`);
    process.exit(2);
  }
}
const env = Object.fromEntries(values.env.map((pair) => pair.split("=", 2)));
/** Scavenges seen while `counting`: promoted bytes and pause milliseconds (from --trace-gc-nvp). */
const gc = { counting: false, pending: "", promoted: 0, pauseMs: 0 };
/** @param {string} text */
function readGcTrace(text) {
  const lines = (gc.pending + text).split("\n");
  gc.pending = lines.pop() ?? "";
  if (!gc.counting) return;
  for (const line of lines) {
    if (!line.includes("gc=s ")) continue;
    gc.promoted += Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0);
    gc.pauseMs += Number(/ pause=([\d.]+)/.exec(line)?.[1] ?? 0);
  }
}

for (const file of positionals) {
  const server = await startServer({
    file,
    env: { BENCH_RESPONSE_MODE: values.mode, ...env },
    pin: plan,
    nodeArgs: values.gc ? [...values["node-arg"], "--trace-gc-nvp"] : values["node-arg"],
    ...(values.gc ? { onOutput: readGcTrace } : {}),
  });
  try {
    /** @typedef {{ rps: number, p99: number, us: number, errors: number }} Row */
    /** @type {{ era: string, base: Omit<Parameters<typeof runLoad>[0], "durationSeconds">, rows: Row[], measured: number, promoted: number, pauseMs: number }[]} */
    const cells = [];
    for (const era of eras) {
      const session = era === ERA_2025 ? await initializeSession(server.url) : undefined;
      const load = buildLoadRequest({ era, method: values.method, ...(session ? { session } : {}) });
      const base = { url: server.url, headers: load.headers, body: load.body, connections: Number(values.c) };
      await generate({ ...base, durationSeconds: 1 });
      cells.push({ era, base, rows: [], measured: 0, promoted: 0, pauseMs: 0 });
    }
    for (let run = 0; run < Number(values.runs); run += 1) {
      for (const cell of cells) {
        const before = cpuSeconds(server.pid);
        gc.promoted = 0;
        gc.pauseMs = 0;
        gc.counting = true;
        const result = await generate({ ...cell.base, durationSeconds: Number(values.duration) });
        gc.counting = false;
        cell.measured += result.requests;
        cell.promoted += gc.promoted;
        cell.pauseMs += gc.pauseMs;
        const used = cpuSeconds(server.pid) - before;
        cell.rows.push({ rps: result.requestsPerSecond, p99: result.p99Ms, us: (used * 1e6) / result.requests, errors: result.errors });
      }
    }
    const rss = server.memory().rssMb;
    for (const cell of cells) {
      const { rows, measured } = cell;
      process.stdout.write(
        `${file} era=${cell.era} ${values.method} c=${values.c}: ` +
          `${Math.round(median(rows.map((r) => r.rps)))} req/s, p99 ${median(rows.map((r) => r.p99)).toFixed(2)} ms, ` +
          `CPU ${median(rows.map((r) => r.us)).toFixed(1)} µs/req [${rows.map((r) => r.us.toFixed(1)).join(" ")}], ` +
          `errors ${rows.reduce((s, r) => s + r.errors, 0)}, RSS ${Math.round(rss ?? 0)} MB` +
          (values.gc ? `, promoted ${(cell.promoted / measured).toFixed(0)} B/req, scavenge ${((cell.pauseMs * 1000) / measured).toFixed(2)} µs/req` : "") +
          "\n",
      );
    }
    const [first, second] = cells;
    if (first !== undefined && second !== undefined) {
      const ratios = first.rows.map((row, run) => row.us / (second.rows[run]?.us ?? Number.NaN));
      process.stdout.write(
        `${file} CPU per request, era ${first.era} / era ${second.era} in the same run: ` +
          `median ${median(ratios).toFixed(3)} [${ratios.map((r) => r.toFixed(3)).join(" ")}]\n`,
      );
    }
  } finally {
    await server.stop();
  }
}
