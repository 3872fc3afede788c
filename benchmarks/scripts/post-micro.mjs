#!/usr/bin/env node
/**
 * In-process cost of one POST through the http transport and the engine, with no sockets:
 * µs per tools/call for 2026-07-28 (stateless) and 2025-11-25 (session). For A/B work on a busy
 * machine, where load-test req/s swing too much to compare small changes.
 *
 *   node scripts/post-micro.mjs [rounds=5] [requests per round=50000]
 */
import { createMcpHandler, TRANSPORT } from "../../packages/http/dist/handler.js";
import { buildChukServer } from "../servers/chuk-fixture.mjs";
import { buildLoadRequest, ERA_2025, ERA_2026 } from "../src/mcp-requests.mjs";

/** Collects the one answer the transport writes (no streaming here). */
class CapturingWriter {
  status = 0;
  body = "";
  /** @type {string | undefined} */
  sessionId = undefined;
  /** @param {number} status @param {Record<string, string>} headers @param {string} [body] */
  reply(status, headers, body) {
    this.status = status;
    this.body = body ?? "";
    this.sessionId = headers["mcp-session-id"];
  }
  /** @returns {never} */
  openStream() {
    throw new Error("post-micro: the fixture's tools/call must answer with plain JSON");
  }
  onAbort() {}
}

const transport = createMcpHandler(buildChukServer(), { allowedHosts: ["127.0.0.1"] })[TRANSPORT];
/** @type {Record<string, string>} */
const baseHeaders = { host: "127.0.0.1", "content-type": "application/json" };

/** @param {Record<string, string>} headers @param {string} body */
async function post(headers, body) {
  const writer = new CapturingWriter();
  await transport.handlePost({ ...baseHeaders, ...headers }, body, writer);
  return writer;
}

const initialize = { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "post-micro", version: "1" } } };
const initialized = await post({ accept: "application/json, text/event-stream" }, JSON.stringify(initialize));
const rounds = Number(process.argv[2] ?? 5);
const perRound = Number(process.argv[3] ?? 50_000);
for (const era of [ERA_2026, ERA_2025]) {
  const request = buildLoadRequest({ era, method: "tools/call", id: 1 });
  /** @type {Record<string, string>} */
  const headers = { ...request.headers };
  if (era === ERA_2025 && initialized.sessionId !== undefined) headers["mcp-session-id"] = initialized.sessionId;
  const check = await post(headers, request.body);
  if (check.status !== 200 || !check.body.includes('"text":"3"')) throw new Error(`${era}: HTTP ${check.status} ${check.body}`);
  /** @type {number[]} */
  const samples = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    for (let index = 0; index < perRound; index += 1) await post(headers, request.body);
    samples.push(((performance.now() - started) * 1000) / perRound);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  process.stdout.write(`${era}: median ${median.toFixed(2)} µs/request (${samples.map((sample) => sample.toFixed(2)).join(" ")})\n`);
}
