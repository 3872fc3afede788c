#!/usr/bin/env node
/**
 * Same-process A/B of the engine's tools/call cost before and after a change to core's dispatch
 * (here: the middleware hook in serveRequest). Loads two builds of @chuk-mcp/core into one
 * process, builds the benchmark fixture (one async `add` tool) on each, and alternates rounds
 * of `await server.handleText(<tools/call>)`, timing each round with process.cpuUsage (user +
 * system CPU, steadier than wall clock on a shared machine). Prints CPU µs per call, median over
 * the rounds, and the same-run ratio of each variant against the first.
 *
 *   node scripts/middleware-ab.mjs --before <dist dir of core at the base commit> [--calls 20000] [--rounds 15]
 *
 * Make the "before" build with a worktree of the base commit:
 *   git worktree add /tmp/base <commit> && (cd /tmp/base && pnpm install && pnpm turbo run build --filter @chuk-mcp/core)
 *   mkdir -p benchmarks/.tmp && cp -r /tmp/base/packages/core/dist benchmarks/.tmp/core-before
 * (the copy must sit inside the repo so its `typebox` import resolves.)
 *
 * Variants: before (base build), after (this build, no middleware: must match before),
 * after+1 (this build with one pass-through middleware: what installing the onion costs).
 */
import { parseArgs } from "node:util";
import { median } from "../src/stats.mjs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const { values } = parseArgs({
  options: {
    before: { type: "string" },
    calls: { type: "string", default: "20000" },
    rounds: { type: "string", default: "15" },
  },
});
if (values.before === undefined) {
  process.stderr.write("usage: node scripts/middleware-ab.mjs --before <core dist dir> [--calls N] [--rounds N]\n");
  process.exit(2);
}
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const before = await import(pathToFileURL(resolve(values.before, "index.js")).href);
const after = await import("@chuk-mcp/core");

/** @param {typeof import("@chuk-mcp/core")} core */
function fixture(core) {
  const server = new core.McpServer({ name: "bench", version: "1.0.0" });
  server.tool({
    name: "add",
    description: "Add two numbers",
    input: core.Type.Object({ a: core.Type.Number(), b: core.Type.Number() }),
    handler: async (/** @type {{ a: number, b: number }} */ { a, b }) => String(a + b),
  });
  return server;
}

const META_2026 = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
const ERAS = {
  2025: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } } }),
  2026: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 }, _meta: META_2026 } }),
};

const passThrough = fixture(after);
passThrough.use({ onRequest: (_context, next) => next() });
const variants = [
  { name: "before", server: fixture(before) },
  { name: "after", server: fixture(after) },
  { name: "after+1 middleware", server: passThrough },
];

/**
 * CPU µs per call of `calls` sequential handleText calls.
 * @param {import("@chuk-mcp/core").McpServer} server
 * @param {string} text
 */
async function round(server, text) {
  const start = process.cpuUsage();
  for (let index = 0; index < calls; index++) await server.handleText(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}


console.log(`node ${process.version}, ${calls} calls × ${rounds} rounds per variant, interleaved`);
for (const [era, text] of Object.entries(ERAS)) {
  for (const { server } of variants) {
    const reply = await server.handleText(text);
    if (!(reply ?? "").includes('"text":"3"')) throw new Error(`tools/call add(1, 2) did not return 3: ${reply}`);
    await round(server, text); // warm up
  }
  /** @type {number[][]} */
  const samples = variants.map(() => []);
  for (let index = 0; index < rounds; index++) {
    // Rotate the order each round so no variant always runs right after the same one.
    for (let offset = 0; offset < variants.length; offset++) {
      const which = (index + offset) % variants.length;
      const variant = /** @type {typeof variants[number]} */ (variants[which]);
      /** @type {number[]} */ (samples[which]).push(await round(variant.server, text));
    }
  }
  const base = median(/** @type {number[]} */ (samples[0]));
  console.log(`\n${era} era tools/call (CPU µs per call, median of ${rounds}; min–max)`);
  variants.forEach(({ name }, which) => {
    const own = /** @type {number[]} */ (samples[which]);
    const mid = median(own);
    const low = Math.min(...own);
    const high = Math.max(...own);
    console.log(`  ${name.padEnd(20)} ${mid.toFixed(3)} µs  (${low.toFixed(3)}–${high.toFixed(3)})  ×${(mid / base).toFixed(3)} of before`);
  });
}
