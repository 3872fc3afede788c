#!/usr/bin/env node
/**
 * What each policy of @chuk-mcp/policies adds to one tools/call, same process: one engine
 * fixture (the benchmark's async `add` tool) per variant, rounds interleaved and rotated, each
 * timed with process.cpuUsage (user + system CPU µs per call; the Redis variant also waits on
 * the network, so its wall time per call is printed too). Calls go through `server.handleText`,
 * the path every transport takes, in the 2025 era (session-less) unless `--era 2026`.
 *
 *   node scripts/policies-cost.mjs [--calls 10000] [--rounds 9] [--era 2025|2026] [--no-redis]
 *
 * Redis: REDIS_URL (default redis://127.0.0.1:6379), keys under a per-run prefix, deleted at the end.
 * Also prints a counter + histogram micro benchmark of the hand-written metrics registry against
 * prom-client (why the package writes its own Prometheus text).
 */
import { parseArgs } from "node:util";
import { median } from "../src/stats.mjs";
import { McpServer, Type, visibility } from "@chuk-mcp/core";
import { audit, createMetrics, Counter, Histogram, rateLimit, resultCache, tracing } from "@chuk-mcp/policies";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { Redis } from "ioredis";
import promClient from "prom-client";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "10000" },
    rounds: { type: "string", default: "9" },
    era: { type: "string", default: "2025" },
    "no-redis": { type: "boolean", default: false },
  },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `chuk-mcp-bench:policies:${process.pid}:`;

function fixture() {
  const server = new McpServer({ name: "bench", version: "1.0.0" });
  server.tool({
    name: "add",
    description: "Add two numbers",
    annotations: { readOnlyHint: true },
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    handler: async (/** @type {{ a: number, b: number }} */ { a, b }) => String(a + b),
  });
  return server;
}

/** A span exporter that drops spans: measures the SDK's span work, not an exporter's I/O. */
const discard = { export: (/** @type {unknown} */ _spans, /** @type {(result: { code: number }) => void} */ done) => done({ code: 0 }), shutdown: async () => undefined, forceFlush: async () => undefined };
const sdkTracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(discard)] }).getTracer("bench");
/** @type {import("@chuk-mcp/policies").RateLimitConfig} */
const generous = { default: { requests: 1_000_000_000, window_seconds: 1, per: "user" } };

/** @type {Redis[]} */
const redisClients = [];
/** @type {[string, () => McpServer][]} */
const variants = [
  ["no middleware", () => fixture()],
  ["1 pass-through middleware", () => fixture().use({ onRequest: (_context, next) => next() })],
  ["visibility (tools filter)", () => fixture().use(visibility({ tools: () => true }))],
  ["rate limit, memory", () => fixture().use(rateLimit(generous))],
  ["metrics", () => createMetrics({ enabled: true }).install(fixture())],
  ["tracing, no SDK (no-op)", () => fixture().use(tracing())],
  ["tracing, OTel SDK", () => fixture().use(tracing({ tracer: sdkTracer }))],
  ["audit (no-op sink)", () => fixture().use(audit({ sink: () => undefined }))],
  ["result cache (hit)", () => fixture().use(resultCache({ ttl_seconds: 3600 }))],
  ["metrics+tracing(SDK)+audit+rate limit", () => {
    const server = createMetrics({ enabled: true }).install(fixture());
    return server.use(tracing({ tracer: sdkTracer })).use(audit({ sink: () => undefined })).use(rateLimit(generous));
  }],
];
if (!values["no-redis"]) {
  variants.push([
    "rate limit, Redis",
    () => {
      const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      redisClients.push(client);
      return fixture().use(rateLimit({ ...generous, store: "redis", redis: { key_prefix: PREFIX } }, { redisClient: client }));
    },
  ]);
}

const META_2026 = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
const text = JSON.stringify({
  jsonrpc: "2.0", id: 1, method: "tools/call",
  params: { name: "add", arguments: { a: 1, b: 2 }, ...(values.era === "2026" ? { _meta: META_2026 } : {}) },
});
const options = { auth: { subject: "bench-user", scopes: [] } };

/**
 * @param {McpServer} server
 * @param {number} count
 */
async function round(server, count) {
  const wallStart = performance.now();
  const start = process.cpuUsage();
  for (let index = 0; index < count; index++) await server.handleText(text, options);
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / count, wall: ((performance.now() - wallStart) * 1000) / count };
}


/** @type {{ name: string, server: McpServer, cpu: number[], wall: number[] }[]} */
const servers = variants.map(([name, make]) => ({ name, server: make(), cpu: [], wall: [] }));
for (const entry of servers) {
  const reply = await entry.server.handleText(text, options);
  if (!(reply ?? "").includes('"text":"3"')) throw new Error(`${entry.name}: tools/call add(1, 2) did not return 3: ${reply}`);
  await round(entry.server, Math.min(calls, 2000));
}
for (let index = 0; index < rounds; index++) {
  for (let offset = 0; offset < servers.length; offset++) {
    const entry = /** @type {typeof servers[number]} */ (servers[(index + offset) % servers.length]);
    // Redis waits on a round trip per call: fewer calls keep its rounds as short as the others'.
    const count = entry.name.includes("Redis") ? Math.max(200, calls / 10) : calls;
    const { cpu, wall } = await round(entry.server, count);
    entry.cpu.push(cpu);
    entry.wall.push(wall);
  }
}

const base = median(/** @type {typeof servers[number]} */ (servers[0]).cpu);
console.log(`node ${process.version}, ${values.era} era tools/call, ${calls} calls × ${rounds} interleaved rounds (Redis: ${Math.max(200, calls / 10)} calls)`);
console.log("| variant | CPU µs/call (median) | vs none | + µs | wall µs/call |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const entry of servers) {
  const cpu = median(entry.cpu);
  console.log(`| ${entry.name} | ${cpu.toFixed(2)} | ×${(cpu / base).toFixed(2)} | ${(cpu - base).toFixed(2)} | ${median(entry.wall).toFixed(2)} |`);
}

// Metrics registry: ours against prom-client, one counter inc + one histogram observe with labels.
const ours = { counter: new Counter("c_total", "c", ["method", "era"]), histogram: new Histogram("h_seconds", "h", ["method"]) };
const registry = new promClient.Registry();
const theirs = {
  counter: new promClient.Counter({ name: "c_total", help: "c", labelNames: ["method", "era"], registers: [registry] }),
  histogram: new promClient.Histogram({ name: "h_seconds", help: "h", labelNames: ["method"], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
};
const microCalls = 200_000;
/** @param {(call: number) => void} run */
function micro(run) {
  const samples = [];
  for (let index = 0; index < rounds; index++) {
    const start = process.cpuUsage();
    for (let call = 0; call < microCalls; call++) run(call);
    const used = process.cpuUsage(start);
    samples.push(((used.user + used.system) * 1000) / microCalls);
  }
  return median(samples);
}
const labels = { method: "tools/call", era: "2025-11-25-family" };
const histogramLabels = { method: "tools/call" };
const oursNs = micro((/** @type {number} */ call) => {
  ours.counter.inc(labels);
  ours.histogram.observe((call % 100) / 10_000, histogramLabels);
});
const theirsNs = micro((/** @type {number} */ call) => {
  theirs.counter.inc(labels);
  theirs.histogram.observe(histogramLabels, (call % 100) / 10_000);
});
console.log(`\nmetrics registry, counter inc + histogram observe: ours ${oursNs.toFixed(0)} ns, prom-client ${theirsNs.toFixed(0)} ns (CPU, median of ${rounds} × ${microCalls})`);

if (redisClients.length > 0) {
  const cleaner = /** @type {Redis} */ (redisClients[0]);
  const keys = await cleaner.keys(`${PREFIX}*`);
  if (keys.length > 0) await cleaner.del(...keys);
  await Promise.all(redisClients.map((client) => client.quit()));
}
