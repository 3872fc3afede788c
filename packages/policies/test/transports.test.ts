/**
 * Policies over the real transports: the HTTP fetch handler (429 + Retry-After + JSON-RPC body,
 * /metrics mounted in the Hono app) and stdio (a JSON-RPC error whose data says when to retry).
 */
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createMcpApp, createMcpHandler, type McpHandler } from "@chuk-mcp/http";
import { serveStdio } from "@chuk-mcp/stdio";
import { createMetrics, MemoryRateLimitStore, metricsHandler, rateLimit } from "../src/index.js";
import { demoServer, STATELESS_META } from "./helpers.js";

const URL_ = "http://127.0.0.1/mcp";
const ACCEPT = "application/json, text/event-stream";
let handler: McpHandler | undefined;

afterEach(async () => {
  await handler?.close();
  handler = undefined;
});

function post(target: { fetch(request: Request): Promise<Response> | Response }, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    target.fetch(
      new Request(URL_, { method: "POST", headers: { "content-type": "application/json", accept: ACCEPT, host: "127.0.0.1", ...headers }, body: JSON.stringify(body) }),
    ),
  );
}

async function openSession(target: McpHandler): Promise<string> {
  const init = await post(target, { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } });
  const sessionId = init.headers.get("mcp-session-id") as string;
  await init.text();
  await (await post(target, { jsonrpc: "2.0", method: "notifications/initialized" }, { "mcp-session-id": sessionId })).text();
  return sessionId;
}

function limitedServer() {
  // A still clock: Retry-After is exactly 30 however long a loaded machine takes between the two calls.
  const store = new MemoryRateLimitStore({ now: () => 0 });
  return demoServer().use(rateLimit({ tools: { write: { requests: 1, window_seconds: 30, per: "global" } } }, { store }));
}

describe("over HTTP", () => {
  it("answers a refused 2025-era call with 429, Retry-After and the JSON-RPC error body", async () => {
    handler = createMcpHandler(limitedServer());
    const sessionId = await openSession(handler);
    const body = (id: number) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "write" } });
    const allowed = await post(handler, body(1), { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" });
    expect(allowed.status).toBe(200);
    await allowed.text();
    const refused = await post(handler, body(2), { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    const reply = (await refused.json()) as { id: number; error: { code: number; data: { retryAfterSeconds: number } } };
    expect(reply.id).toBe(2);
    expect(reply.error.code).toBe(-32005);
    expect(reply.error.data.retryAfterSeconds).toBe(30);
  });

  it("answers a refused 2026-era call with 429 and Retry-After too", async () => {
    handler = createMcpHandler(limitedServer());
    const headers = { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "write" };
    const body = (id: number) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "write", _meta: STATELESS_META } });
    const allowed = await post(handler, body(1), headers);
    expect(allowed.status).toBe(200);
    await allowed.text();
    const refused = await post(handler, body(2), headers);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(((await refused.json()) as { error: { code: number } }).error.code).toBe(-32005);
  });

  it("serves Prometheus text at /metrics mounted in the Hono app, counting requests, tools and refusals", async () => {
    const metrics = createMetrics({ enabled: true, path: "/metrics" });
    // Metrics outermost, so they also see what the limiter refuses.
    const server = metrics.install(demoServer()).use(rateLimit({ tools: { write: { requests: 1, window_seconds: 30, per: "global" } } }));
    const scrape = metricsHandler(metrics);
    const app = createMcpApp(server, { routes: (hono) => void hono.get(metrics.path, (context) => scrape(context.req.raw)) });
    handler = app.mcp;
    const headers = { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "write" };
    for (const id of [1, 2, 3]) await (await post(app, { jsonrpc: "2.0", id, method: "tools/call", params: { name: "write", _meta: STATELESS_META } }, headers)).text();
    const response = await app.fetch(new Request("http://127.0.0.1/metrics"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await response.text();
    expect(text).toContain('mcp_requests_total{method="tools/call",era="2026-07-28"} 3');
    expect(text).toContain('mcp_tool_calls_total{tool="write",outcome="ok"} 1');
    expect(text).toContain('mcp_request_errors_total{method="tools/call",code="-32005"} 2');
    expect(text).toContain('mcp_rate_limit_refusals_total{rule="tool:write"} 2');
    expect(text).toContain('mcp_tool_call_duration_seconds_count{tool="write"} 3');
    expect(text).toContain("mcp_requests_in_flight 0");
  });
});

describe("over stdio", () => {
  it("answers a refused call with -32005 whose data says when to retry, in both eras", async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const lines: Record<string, unknown>[] = [];
    let buffered = "";
    stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        lines.push(JSON.parse(buffered.slice(0, newline)) as Record<string, unknown>);
        buffered = buffered.slice(newline + 1);
      }
    });
    const stdio = serveStdio(limitedServer(), { stdin, stdout, handleSignals: false, redirectConsole: false, youngGenerationCapMb: false });
    const send = (message: unknown) => stdin.write(`${JSON.stringify(message)}\n`);
    send({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } });
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "write" } });
    send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "write" } });
    send({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "write", _meta: STATELESS_META } });
    for (let waited = 0; lines.length < 4 && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const byId = new Map(lines.map((line) => [line.id, line]));
    expect((byId.get(1) as { result?: unknown }).result).toBeDefined();
    for (const id of [2, 3]) {
      const error = (byId.get(id) as { error: { code: number; message: string; data: { retryAfterSeconds: number; rule: string } } }).error;
      expect(error.code).toBe(-32005);
      expect(error.data.rule).toBe("tool:write");
      expect(error.data.retryAfterSeconds).toBeGreaterThanOrEqual(29);
      expect(error.message).toMatch(/retry after \d+ s/);
    }
    stdin.end();
    await stdio.closed;
  });
});
