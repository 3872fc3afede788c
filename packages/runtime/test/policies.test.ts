/**
 * `rate_limits:` and `metrics:` from the YAML: 429 + Retry-After over Streamable HTTP, the
 * JSON-RPC -32005 error with the retry time on stdio, and /metrics on the HTTP listener.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig, startRuntime } from "../src/index.js";
import { fixtureEnv, runCli, scratch } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

function project(transport: string, extra: string): string {
  const directory = scratch();
  mkdirSync(join(directory, "my_tools"));
  writeFileSync(join(directory, "my_tools", "tools.ts"), `import { tool } from "chuk-mcp";\ntool({ name: "ping", handler: () => "pong" });\ntool({ name: "free", handler: () => "free" });\n`);
  const file = join(directory, "config.yaml");
  writeFileSync(
    file,
    `server:\n  type: ${transport}\nstreamable-http:\n  port: 0\n  stateless: true\nrate_limits:\n  tools:\n    ping: { requests: 1, window_seconds: 60, per: global }\n${extra}mcp_servers:\n  local:\n    location: "./my_tools"\n    tools: { enabled: true, module: "my_tools.tools" }\n`,
  );
  return file;
}

const silent = Object.fromEntries(["debug", "info", "warning", "error", "critical"].map((level) => [level, () => undefined])) as never;

function call(url: string, name: string, id: number, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: {} } }),
  });
}

describe("rate_limits and metrics from the config", () => {
  it("answers 429 with Retry-After over HTTP once a tool's budget is spent, and serves /metrics", async () => {
    const file = project("streamable-http", "metrics:\n  enabled: true\n  bearer_token: scrape-me\n");
    const runtime = await startRuntime(await loadConfig({ file, env: fixtureEnv() }), { logger: silent });
    cleanups.push(() => runtime.close());
    const url = runtime.url as string;
    const first = await call(url, "ping", 1);
    expect(first.status).toBe(200);
    expect(JSON.stringify(await first.json())).toContain("pong");
    const second = await call(url, "ping", 2);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const refusal = (await second.json()) as { error: { code: number; message: string } };
    expect(refusal.error.code).toBe(-32005);
    expect((await call(url, "free", 3)).status).toBe(200);
    const base = new URL(url);
    const unauthorized = await fetch(new URL("/metrics", base));
    expect(unauthorized.status).toBe(401);
    const scraped = await fetch(new URL("/metrics", base), { headers: { authorization: "Bearer scrape-me" } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^mcp_\w+/m);
  }, 60_000);

  it("limits every tool of one upstream under rate_limits.servers", async () => {
    const { fileURLToPath } = await import("node:url");
    const tiny = fileURLToPath(new URL("./fixtures/tiny-server.mjs", import.meta.url));
    const directory = scratch();
    const file = join(directory, "config.yaml");
    writeFileSync(
      file,
      `server:\n  type: streamable-http\nstreamable-http:\n  port: 0\n  stateless: true\nproxy:\n  enabled: true\nrate_limits:\n  servers:\n    up: { requests: 1, window_seconds: 60, per: global }\nmcp_servers:\n  up:\n    command: "${process.execPath}"\n    args: ["${tiny}"]\n  other:\n    command: "${process.execPath}"\n    args: ["${tiny}"]\n`,
    );
    const runtime = await startRuntime(await loadConfig({ file, env: fixtureEnv() }), { logger: silent });
    cleanups.push(() => runtime.close());
    const url = runtime.url as string;
    expect((await call(url, "proxy.up.hello", 1)).status).toBe(200);
    expect((await call(url, "proxy.up.hello", 2)).status).toBe(429);
    expect((await call(url, "proxy.other.hello", 3)).status).toBe(200);
  }, 60_000);

  it("leaves /metrics off by default", async () => {
    const runtime = await startRuntime(await loadConfig({ file: project("streamable-http", ""), env: fixtureEnv() }), { logger: silent });
    cleanups.push(() => runtime.close());
    expect((await fetch(new URL("/metrics", runtime.url as string))).status).toBe(404);
  }, 60_000);

  it("refuses an over-budget call on stdio with JSON-RPC -32005 and the retry time", async () => {
    const file = project("stdio", "");
    const lines = [
      { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "ping", arguments: {} } },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "ping", arguments: {} } },
    ];
    const result = await runCli(["--config", file], fixtureEnv(), lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
    const replies = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: number; result?: unknown; error?: { code: number; data?: { retryAfterSeconds?: number } } });
    expect(replies.find((reply) => reply.id === 1)?.result).toBeDefined();
    const refused = replies.find((reply) => reply.id === 2);
    expect(refused?.error?.code).toBe(-32005);
    expect(refused?.error?.data?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("rejects a bad rule with the file, line and key", async () => {
    const file = project("stdio", "");
    writeFileSync(file, "rate_limits:\n  default: { requests: 0, window_seconds: 60 }\n");
    await expect(loadConfig({ file, env: fixtureEnv() })).rejects.toThrow(/config\.yaml:2:\d+: rate_limits\.default\.requests/);
  });
});
