/**
 * Per-server policies of proxied `mcp_servers` entries from the YAML (`rate_limits`,
 * `circuit_breaker`), `tracing:` with the real OpenTelemetry SDK (in-memory exporter): the
 * upstream receives the proxy's own tool span as its parent, and `/metrics` reports upstream
 * health and circuit state while real upstreams are killed and come back.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig, startRuntime } from "../src/index.js";
import { fixtureEnv, scratch, waitFor } from "./helpers.js";

// The proxy package's trace-echo upstream (an official-SDK server; runtime depends on the proxy).
const ECHO = fileURLToPath(new URL("../../proxy/test/fixtures/trace-echo-server.mjs", import.meta.url));
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const silent = Object.fromEntries(["debug", "info", "warning", "error", "critical"].map((level) => [level, () => undefined])) as never;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await Promise.resolve(cleanups.pop()!()).catch(() => undefined);
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function echoOverHttp(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [ECHO], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(() => void child.kill("SIGKILL"));
  await waitFor(() => output.includes("listening") || child.exitCode !== null, "the HTTP upstream to listen");
  return child;
}

function call(url: string, name: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: {} } }),
  });
}

async function toolText(response: Response): Promise<string> {
  const body = (await response.json()) as { result?: { content: { text: string }[] }; error?: unknown };
  return body.result?.content[0]?.text ?? JSON.stringify(body.error);
}

describe("per-server policies, tracing and upstream metrics from the config", () => {
  it("limits one proxied server, sends the proxy's span upstream, and reports upstream health and circuit state", async () => {
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    cleanups.push(() => trace.disable());
    const webPort = await freePort();
    const web = await echoOverHttp(webPort);
    const file = join(scratch(), "config.yaml");
    writeFileSync(
      file,
      [
        "server: { type: streamable-http }",
        "streamable-http: { port: 0, stateless: true }",
        "proxy: { enabled: true }",
        "tracing: { enabled: true }",
        "metrics: { enabled: true }",
        "mcp_servers:",
        "  echo:",
        `    command: "${process.execPath}"`,
        `    args: ["${ECHO}"]`,
        "    rate_limits: { requests: 3, window_seconds: 60, per: global, algorithm: sliding_window }",
        "  web:",
        "    type: streamable-http",
        `    url: "http://127.0.0.1:${webPort}/mcp"`,
        "    circuit_breaker: { failure_threshold: 1, reset_timeout: 30 }",
        "",
      ].join("\n"),
    );
    const runtime = await startRuntime(await loadConfig({ file, env: fixtureEnv() }), { logger: silent });
    cleanups.push(() => runtime.close());
    const url = runtime.url as string;
    const scrape = async (): Promise<string> => (await fetch(new URL("/metrics", url))).text();

    // Tracing: the upstream's parent is the proxy's execute_tool span, in the caller's trace.
    const seen = JSON.parse(await toolText(await call(url, "proxy.echo.echo-meta", { traceparent: TRACEPARENT }))) as { meta: { traceparent: string } };
    const toolSpan = exporter.getFinishedSpans().find((span) => span.name === "execute_tool proxy.echo.echo-meta");
    expect(toolSpan?.spanContext().traceId).toBe(TRACE_ID);
    expect(seen.meta.traceparent).toBe(`00-${TRACE_ID}-${toolSpan?.spanContext().spanId}-01`);

    // mcp_servers.echo.rate_limits: three requests to that server, then 429; the other server is not counted.
    expect((await call(url, "proxy.echo.hello")).status).toBe(200);
    expect((await call(url, "proxy.echo.hello")).status).toBe(200);
    const refused = await call(url, "proxy.echo.hello");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await toolText(await call(url, "proxy.web.hello"))).toMatch(/^hello:/);

    let metrics = await scrape();
    expect(metrics).toContain('mcp_upstream_up{server="echo"} 1');
    expect(metrics).toContain('mcp_upstream_up{server="web"} 1');
    expect(metrics).toContain('mcp_upstream_circuit_state{server="web",replica="0"} 0');

    // Kill the HTTP upstream: one failure opens its circuit (failure_threshold: 1).
    web.kill("SIGKILL");
    await waitFor(() => web.exitCode !== null || web.signalCode !== null, "the HTTP upstream to die");
    expect(await toolText(await call(url, "proxy.web.hello"))).not.toMatch(/^hello:/);
    expect(await toolText(await call(url, "proxy.web.hello"))).toMatch(/circuit open\); retry in \d+ s/);
    metrics = await scrape();
    expect(metrics).toContain('mcp_upstream_circuit_state{server="web",replica="0"} 2');

    // Kill the stdio upstream's child: it reads as down, then up again once reconnected.
    const pid = runtime.proxy?.getProxyStats().servers.echo?.replicas[0]?.pid as number;
    process.kill(pid, "SIGKILL");
    await waitFor(async () => (await scrape()).includes('mcp_upstream_up{server="echo"} 0'), "echo to read as down", 5_000);
    await waitFor(async () => (await scrape()).includes('mcp_upstream_up{server="echo"} 1'), "echo to be back");
    expect(runtime.proxy?.getProxyStats().servers.echo?.replicas[0]?.pid).not.toBe(pid);
  }, 60_000);

  it("rejects a bad per-server policy naming the key", async () => {
    const file = join(scratch(), "config.yaml");
    writeFileSync(file, `proxy: { enabled: true }\nmcp_servers:\n  echo:\n    command: node\n    rate_limits: { requests: 3, window_seconds: 60, algorithm: leaky }\n`);
    await expect(loadConfig({ file, env: fixtureEnv() })).rejects.toThrow(/mcp_servers\.echo\.rate_limits\.algorithm/);
  });
});
