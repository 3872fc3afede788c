#!/usr/bin/env node
/**
 * Turns the phase totals printed by scripts/tricks-callgrind.sh into instructions per message
 * and what each trick saves, per Node version:
 *
 *   node scripts/tricks-summary.mjs totals.txt [base build = base]
 *
 * stdio first flood = phase 2 / F (the first pipelined flood after one-at-a-time traffic,
 * one-time recompilations included: what the warm-ups are for); stdio steady = phase 3 / F;
 * engine = phase 2 / F. A build named `no<trick>` is the base without that trick; "saved" is
 * how much less the base costs than it, as a share of its cost.
 */
import { readFileSync } from "node:fs";

const [file, base = "base"] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write("usage: node scripts/tricks-summary.mjs totals.txt [base]\n");
  process.exit(2);
}
/** @type {{ node: string, path: string, build: string, phase: number, messages: number, total: number }[]} */
const runs = [];
for (const line of readFileSync(file, "utf8").split("\n")) {
  const fields = Object.fromEntries([...line.matchAll(/(\w+)=(\S*)/g)].map((match) => [match[1], match[2]]));
  if (fields.total === undefined || fields.total === "") continue;
  runs.push({
    node: String(fields.node),
    path: String(fields.path),
    build: String(fields.build),
    phase: Number(fields.phase),
    messages: Number(fields.messages),
    total: Number(fields.total),
  });
}
/** @param {string} node @param {string} path @param {string} build @param {number} phase */
function per(node, path, build, phase) {
  const run = runs.find((entry) => entry.node === node && entry.path === path && entry.build === build && entry.phase === phase);
  return run === undefined ? undefined : run.total / run.messages;
}
/** @param {string} node @param {string} build */
function costs(node, build) {
  return { first: per(node, "stdio", build, 2), steady: per(node, "stdio", build, 3), engine: per(node, "engine", build, 2) };
}
/** @param {number | undefined} value */
const count = (value) => (value === undefined ? "?" : Math.round(value).toLocaleString("en-US"));
/** @param {number | undefined} without @param {number | undefined} withTrick */
const saved = (without, withTrick) =>
  without === undefined || withTrick === undefined ? "?" : `${(((without - withTrick) / without) * 100).toFixed(1)}%`;

const nodes = [...new Set(runs.map((run) => run.node))];
const builds = [...new Set(runs.map((run) => run.build))];
for (const node of nodes) {
  const baseCosts = costs(node, base);
  process.stdout.write(
    `${node}: ${base} costs ${count(baseCosts.first)} (stdio first flood) / ${count(baseCosts.steady)} (stdio steady) / ${count(baseCosts.engine)} (engine) instructions per message\n`,
  );
  for (const build of builds) {
    if (build === base) continue;
    const other = costs(node, build);
    process.stdout.write(
      `  ${build.padEnd(10)} ${count(other.first).padStart(8)} / ${count(other.steady).padStart(8)} / ${count(other.engine).padStart(8)}` +
        `   saved by the trick: ${saved(other.first, baseCosts.first)} / ${saved(other.steady, baseCosts.steady)} / ${saved(other.engine, baseCosts.engine)}\n`,
    );
  }
}
