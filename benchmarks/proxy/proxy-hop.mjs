#!/usr/bin/env node
// Proxy-hop benchmark: what one chuk-mcp-proxy hop adds on top of calling an upstream directly.
//
//   direct:  SDK v1 client ──stdio──► server-everything
//   proxied: SDK v1 client ──stdio──► chuk-mcp-proxy ──stdio──► server-everything
//
// Measures sequential latency (p50/p90/p99 of `echo` calls) and throughput (calls/s with
// CONCURRENCY calls in flight). Bounded by call counts; prints a markdown table.
// Needs a built proxy package (`pnpm turbo run build --filter @chuk-mcp/proxy...`); run with `pnpm bench:proxy`.
// Env: CALLS (default 500), THROUGHPUT_CALLS (default 2000), CONCURRENCY (default 16).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const require = createRequire(import.meta.url);
const everything = require.resolve("@modelcontextprotocol/server-everything/dist/index.js");
const cli = join(dirname(require.resolve("@chuk-mcp/proxy")), "cli/main.js");
const CALLS = Number(process.env.CALLS ?? 500);
const THROUGHPUT_CALLS = Number(process.env.THROUGHPUT_CALLS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const WARMUP = 50;

async function connect(args) {
  const client = new Client({ name: "proxy-hop-bench", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: process.execPath, args, stderr: "ignore" }));
  return client;
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function measure(label, client, tool) {
  const call = (index) => client.callTool({ name: tool, arguments: { message: `m${index}` } });
  for (let index = 0; index < WARMUP; index++) await call(index);
  const latencies = [];
  for (let index = 0; index < CALLS; index++) {
    const started = process.hrtime.bigint();
    const result = await call(index);
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.isError) throw new Error(`${label}: call failed: ${JSON.stringify(result)}`);
  }
  latencies.sort((a, b) => a - b);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < THROUGHPUT_CALLS) await call(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { label, p50: percentile(latencies, 0.5), p90: percentile(latencies, 0.9), p99: percentile(latencies, 0.99), throughput: THROUGHPUT_CALLS / seconds };
}

const direct = await connect([everything, "stdio"]);
const proxied = await connect([cli, "--stdio", "everything", "--command", process.execPath, "--", everything, "stdio"]);
try {
  const rows = [await measure("direct", direct, "echo"), await measure("via proxy", proxied, "proxy.everything.echo")];
  const [a, b] = rows;
  const fixed = (value) => value.toFixed(3);
  console.log(`# Proxy hop (stdio → chuk-mcp-proxy → stdio), Node ${process.version}\n`);
  console.log(`${CALLS} sequential calls for latency, ${THROUGHPUT_CALLS} calls at concurrency ${CONCURRENCY} for throughput.\n`);
  console.log("| path | p50 ms | p90 ms | p99 ms | calls/s |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const row of rows) console.log(`| ${row.label} | ${fixed(row.p50)} | ${fixed(row.p90)} | ${fixed(row.p99)} | ${row.throughput.toFixed(0)} |`);
  console.log(`\nAdded by the hop: p50 +${fixed(b.p50 - a.p50)} ms, p99 +${fixed(b.p99 - a.p99)} ms; throughput ${((b.throughput / a.throughput) * 100).toFixed(0)}% of direct.`);
} finally {
  await direct.close();
  await proxied.close();
}
