#!/usr/bin/env node
/**
 * A/B helper for stdio performance work: runs stdio benchmark servers (files in servers/ or
 * absolute paths) in interleaved rounds; in each round every server gets a fresh process, the
 * 2025 handshake, `--sequential` one-at-a-time requests, then `--floods` pipelined floods of
 * `--requests` tools/call lines each. Per flood it prints the median over rounds of msg/s (as
 * the client saw it) and of the server's CPU time per message (user + system from
 * /proc/<pid>/stat), plus each server's median same-round ratio to the first server.
 * Flood 1 is the cold number (`pnpm bench`'s "first flood" columns, there after 20k lines);
 * later floods show the steady state.
 *
 *   node scripts/stdio-ab.mjs [--rounds 5] [--floods 3] [--requests 100000] [--sequential 5000]
 *                             [--node-arg <flag>]… <server.mjs> [<server.mjs> …]
 */
import { parseArgs } from "node:util";
import { pinCurrentProcess, pinningPlan, processCpuSeconds } from "../src/machine.mjs";
import { startServer } from "../src/server-process.mjs";
import { median } from "../src/stats.mjs";
import { callLine, writeFlood } from "../src/stdio-suite.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: "string", default: "5" },
    floods: { type: "string", default: "3" },
    requests: { type: "string", default: "100000" },
    sequential: { type: "string", default: "5000" },
    "node-arg": { type: "string", multiple: true, default: [] },
  },
});
if (positionals.length === 0) {
  process.stderr.write("usage: node scripts/stdio-ab.mjs [--rounds 5] [--floods 3] <server.mjs> …\n");
  process.exit(2);
}
const rounds = Number(values.rounds);
const floods = Number(values.floods);
const requests = Number(values.requests);
const sequential = Number(values.sequential);
const plan = pinningPlan();
pinCurrentProcess(plan);

/**
 * @param {string} file
 * @returns {Promise<{ rate: number, cpuMicros: number }[]>} one entry per flood
 */
async function measure(file) {
  const server = await startServer({
    file,
    stdio: true,
    nodeArgs: values["node-arg"],
    ...(plan.taskset ? { pin: { taskset: plan.taskset, serverCore: plan.serverCore } } : {}),
  });
  const stdin = /** @type {import("node:stream").Writable} */ (server.child.stdin);
  const stdout = /** @type {import("node:stream").Readable} */ (server.child.stdout);
  stdout.setEncoding("utf8");
  let newlines = 0;
  /** @type {(() => void) | undefined} */
  let onCount;
  stdout.on("data", (/** @type {string} */ chunk) => {
    let at = chunk.indexOf("\n");
    while (at !== -1) {
      newlines += 1;
      at = chunk.indexOf("\n", at + 1);
    }
    onCount?.();
  });
  /** @param {number} target */
  const until = (target) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${file}: ${newlines} of ${target} replies after 60 s`)), 60_000);
      onCount = () => {
        if (newlines < target) return;
        clearTimeout(timer);
        onCount = undefined;
        resolve(undefined);
      };
      onCount();
    });
  try {
    stdin.write(
      '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"ab","version":"1"}}}\n',
    );
    await until(1);
    stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    for (let index = 1; index <= sequential; index += 1) {
      stdin.write(callLine(-index));
      await until(1 + index);
    }
    /** @type {{ rate: number, cpuMicros: number }[]} */
    const results = [];
    let expected = 1 + sequential;
    for (let flood = 0; flood < floods; flood += 1) {
      const cpuBefore = processCpuSeconds(server.pid) ?? Number.NaN;
      const started = performance.now();
      await writeFlood(stdin, 1, requests);
      expected += requests;
      await until(expected);
      const seconds = (performance.now() - started) / 1000;
      const cpu = (processCpuSeconds(server.pid) ?? Number.NaN) - cpuBefore;
      results.push({ rate: requests / seconds, cpuMicros: (cpu * 1e6) / requests });
    }
    return results;
  } finally {
    await server.stop();
  }
}

/** @type {Map<string, { rate: number, cpuMicros: number }[][]>} server → rounds → floods */
const all = new Map(positionals.map((file) => [file, []]));
for (let round = 0; round < rounds; round += 1) {
  for (const file of positionals) all.get(file)?.push(await measure(file));
}
const base = /** @type {{ rate: number, cpuMicros: number }[][]} */ (all.get(/** @type {string} */ (positionals[0])));
for (let flood = 0; flood < floods; flood += 1) {
  process.stdout.write(`flood ${flood + 1} (${requests} pipelined, medians of ${rounds} rounds)\n`);
  for (const [file, runs] of all) {
    const rates = runs.map((floodsOfRound) => /** @type {{ rate: number }} */ (floodsOfRound[flood]).rate);
    const cpus = runs.map((floodsOfRound) => /** @type {{ cpuMicros: number }} */ (floodsOfRound[flood]).cpuMicros);
    const ratios = runs.map(
      (floodsOfRound, round) =>
        /** @type {{ rate: number }} */ (floodsOfRound[flood]).rate /
        /** @type {{ rate: number }} */ (/** @type {{ rate: number }[]} */ (base[round])[flood]).rate,
    );
    process.stdout.write(
      `  ${file.padEnd(34)} ${Math.round(median(rates)).toLocaleString("en-US").padStart(10)} msg/s` +
        `  ${median(cpus).toFixed(2).padStart(6)} µs CPU/msg  ${median(ratios).toFixed(3)}× ${positionals[0]}\n`,
    );
  }
}
