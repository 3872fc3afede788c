// Summarises V8 .cpuprofile files (from `pnpm bench --cpu-prof`): the functions
// with the most self time, with their file, so hot spots can be named in reports.
// Usage: node scripts/profile-summary.mjs [profile-or-directory ...] [--top 25]
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const topIndex = args.indexOf("--top");
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
const targets = args.filter((argument, index) => !argument.startsWith("--") && index !== topIndex + 1);
const inputs = targets.length > 0 ? targets : [path.join(root, "profiles")];
const files = inputs.flatMap((input) =>
  statSync(input).isDirectory()
    ? readdirSync(input).filter((name) => name.endsWith(".cpuprofile")).map((name) => path.join(input, name))
    : [input],
);
if (files.length === 0) {
  process.stderr.write(`No .cpuprofile files in ${inputs.join(", ")}: run pnpm bench --cpu-prof first.\n`);
  process.exit(1);
}

for (const file of files) {
  /** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[], samples: number[], timeDeltas: number[] }} */
  const profile = JSON.parse(readFileSync(file, "utf8"));
  /** @type {Map<number, number>} node id → self microseconds */
  const selfTime = new Map();
  profile.samples.forEach((nodeId, index) => {
    selfTime.set(nodeId, (selfTime.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const micros = selfTime.get(node.id) ?? 0;
    total += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "")}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  process.stdout.write(`\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled\n`);
  const rows = [...byFunction.entries()].sort((left, right) => right[1] - left[1]).slice(0, top);
  for (const [name, micros] of rows) {
    process.stdout.write(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
  }
}
