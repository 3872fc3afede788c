// The Workers first request, split from module evaluation, without workerd's proxy in the way:
// both Worker bundles (benchmarks/workers/*.mjs, built as serverless-workers.mjs builds them)
// are imported in fresh Node processes started with --disallow-code-generation-from-strings, so
// TypeBox takes its interpreter path as in workerd. Per run: import (module evaluation), the
// first tools/call (server built inside it), the second. Sides alternate run by run.
//   node benchmarks/scripts/workers-first-request.mjs [--runs 7]
// Needs `pnpm turbo run build --filter @chuk-mcp/cloud...` first.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const SOURCES = { ours: join(here, "..", "workers", "chuk.mjs"), sdk: join(here, "..", "workers", "sdk-v2.mjs") };
const LABELS = { ours: "chuk-mcp `createMcpHandler`", sdk: "SDK v2 `createMcpHandler`" };
const RUNNER = `
const META = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/clientInfo": { name: "bench", version: "1" } };
const HEADERS = { host: "127.0.0.1:8787", "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "add" };
const request = (id) => new Request("http://127.0.0.1:8787/mcp", { method: "POST", headers: HEADERS, body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 }, _meta: META } }) });
await new Response(request(0).body).text();
const context = { waitUntil() {} };
const t0 = performance.now();
const worker = (await import(process.argv[2])).default;
const t1 = performance.now();
const text = await (await worker.fetch(request(1), {}, context)).text();
const t2 = performance.now();
await (await worker.fetch(request(2), {}, context)).text();
const t3 = performance.now();
if (!text.includes("5")) throw new Error(text);
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, secondMs: t3 - t2 }));
`;

const runsOption = process.argv.indexOf("--runs");
const runs = runsOption === -1 ? 7 : Number(process.argv[runsOption + 1]);
const directory = mkdtempSync(join(tmpdir(), "workers-first-"));
const runner = join(directory, "runner.mjs");
writeFileSync(runner, RUNNER);
/** @type {{ ours: string, sdk: string }} */
const bundles = { ours: "", sdk: "" };
for (const side of /** @type {(keyof typeof SOURCES)[]} */ (Object.keys(SOURCES))) {
  bundles[side] = join(directory, `${side}.mjs`);
  await build({ entryPoints: [SOURCES[side]], outfile: bundles[side], bundle: true, format: "esm", platform: "neutral", target: "es2022", minify: true, conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"], logLevel: "error" });
}
const loadBefore = loadavg();
/** @type {{ ours: { importMs: number, firstMs: number, secondMs: number }[], sdk: { importMs: number, firstMs: number, secondMs: number }[] }} */
const results = { ours: [], sdk: [] };
for (let run = 0; run < runs; run += 1) {
  for (const side of /** @type {("ours" | "sdk")[]} */ (run % 2 === 0 ? ["ours", "sdk"] : ["sdk", "ours"])) {
    const output = execFileSync(process.execPath, ["--disallow-code-generation-from-strings", runner, bundles[side]], { encoding: "utf8" });
    results[side].push(JSON.parse(output));
  }
}
const loadAfter = loadavg();
const median = (/** @type {number[]} */ values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const cell = (/** @type {number[]} */ values) => `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
console.log(`Node ${process.version}, ${runs} fresh processes per side, alternated; load average before ${loadBefore.map((v) => v.toFixed(2)).join("/")}, after ${loadAfter.map((v) => v.toFixed(2)).join("/")}.\n`);
console.log("| Worker bundle | import (module evaluation), ms | first tools/call, ms | second tools/call, ms |");
console.log("|---|---|---|---|");
for (const side of /** @type {("ours" | "sdk")[]} */ (["ours", "sdk"])) {
  const rows = results[side];
  console.log(`| ${LABELS[side]} | ${cell(rows.map((r) => r.importMs))} | ${cell(rows.map((r) => r.firstMs))} | ${cell(rows.map((r) => r.secondMs))} |`);
}
