#!/usr/bin/env node
/**
 * A/B helper for performance work: starts one or more HTTP benchmark servers (files in
 * servers/ or absolute paths), loads each at one concurrency, and prints req/s, p99 and
 * the server's CPU time per request (user + system, from /proc/<pid>/stat). CPU per
 * request is far steadier than req/s on a noisy machine, because it does not depend on
 * how fast the load generator happens to run.
 *
 *   node scripts/ab.mjs [--era 2025|2026] [--method tools/call] [--c 50] [--duration 4]
 *                       [--runs 3] [--mode json|sse] [--env K=V] <server.mjs> [<server.mjs> …]
 */
import { parseArgs } from "node:util";
import { runLoad } from "../src/http-load.mjs";
import { pinCurrentProcess, pinningPlan, processCpuSeconds } from "../src/machine.mjs";
import { buildLoadRequest, initializeSession, ERA_2025 } from "../src/mcp-requests.mjs";
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
  },
});
if (positionals.length === 0) {
  process.stderr.write("usage: node scripts/ab.mjs [--era 2025|2026] [--c 50] <server.mjs> …\n");
  process.exit(2);
}
const plan = pinningPlan();
pinCurrentProcess(plan);
const env = Object.fromEntries(values.env.map((pair) => pair.split("=", 2)));
for (const file of positionals) {
  const server = await startServer({
    file,
    env: { BENCH_RESPONSE_MODE: values.mode, ...env },
    pin: plan,
    nodeArgs: values["node-arg"],
  });
  try {
    const session = values.era === ERA_2025 ? await initializeSession(server.url) : undefined;
    const load = buildLoadRequest({ era: values.era, method: values.method, ...(session ? { session } : {}) });
    const base = { url: server.url, headers: load.headers, body: load.body, connections: Number(values.c) };
    await runLoad({ ...base, durationSeconds: 1 });
    const rows = [];
    for (let run = 0; run < Number(values.runs); run += 1) {
      const before = cpuSeconds(server.pid);
      const result = await runLoad({ ...base, durationSeconds: Number(values.duration) });
      const used = cpuSeconds(server.pid) - before;
      rows.push({ rps: result.requestsPerSecond, p99: result.p99Ms, us: (used * 1e6) / result.requests, errors: result.errors });
    }
    const rss = server.memory().rssMb;
    process.stdout.write(
      `${file} era=${values.era} ${values.method} c=${values.c}: ` +
        `${Math.round(median(rows.map((r) => r.rps)))} req/s, p99 ${median(rows.map((r) => r.p99)).toFixed(2)} ms, ` +
        `CPU ${median(rows.map((r) => r.us)).toFixed(1)} µs/req [${rows.map((r) => r.us.toFixed(1)).join(" ")}], ` +
        `errors ${rows.reduce((s, r) => s + r.errors, 0)}, RSS ${Math.round(rss ?? 0)} MB\n`,
    );
  } finally {
    await server.stop();
  }
}
