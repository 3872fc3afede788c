/**
 * Middleware on the proxy (global and per upstream), the caller's W3C trace context passed on
 * to upstreams (stdio `_meta`, HTTP `_meta` + `traceparent` header), and the per-upstream
 * circuit breaker against a real upstream that is killed and comes back. Upstreams are real
 * child processes (test/fixtures/trace-echo-server.mjs); requests go through the proxy's engine
 * in both protocol eras.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorCode, ProtocolError, type HandleOptions, type Middleware } from "@chuk-mcp/core";
import { createProxy, type McpProxy, type ProxyOptions } from "../src/index.js";
import { firstText, freePort, waitFor } from "./helpers.js";

const ECHO = fileURLToPath(new URL("./fixtures/trace-echo-server.mjs", import.meta.url));
const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const STATELESS_META = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
const ERAS = ["2025", "2026"] as const;
type Era = (typeof ERAS)[number];
type Reply = { result?: any; error?: { code: number; message: string; data?: any } };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

const stdioEcho = { type: "stdio" as const, command: process.execPath, args: [ECHO] };

async function started(options: Omit<ProxyOptions, "config"> & { config: ProxyOptions["config"] }): Promise<McpProxy> {
  const proxy = createProxy({ logger: () => undefined, ...options, config: { healthCheckIntervalMs: 0, ...options.config } });
  cleanups.push(() => proxy.close());
  const report = await proxy.start();
  expect(report.failed).toEqual([]);
  return proxy;
}

let nextId = 1;
async function request({ proxy, era }: { proxy: McpProxy; era: Era }, method: string, params: Record<string, unknown> = {}, options: HandleOptions = {}): Promise<Reply> {
  const withMeta = era === "2026" ? { ...params, _meta: { ...STATELESS_META, ...(params._meta as object | undefined) } } : params;
  const headers = era === "2026" ? { "mcp-protocol-version": "2026-07-28", ...options.headers } : options.headers;
  return (await proxy.server.handle({ jsonrpc: "2.0", id: nextId++, method, params: withMeta }, { ...options, ...(headers ? { headers } : {}) })) as Reply;
}

function seen(reply: Reply): { meta: Record<string, unknown> | null; traceparent: string | null; tracestate: string | null } {
  expect(reply.error).toBeUndefined();
  return JSON.parse(firstText(reply.result));
}

async function echoOverHttp(port?: number): Promise<{ url: string; port: number; child: ChildProcess; kill(): Promise<void> }> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, [ECHO], { env: { ...process.env, PORT: String(chosen) }, stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(() => output.includes("listening") || child.exitCode !== null, 15_000, "the HTTP echo upstream to listen");
  if (child.exitCode !== null) throw new Error(`echo upstream exited: ${output}`);
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  cleanups.push(kill);
  return { url: `http://127.0.0.1:${chosen}/mcp`, port: chosen, child, kill };
}

describe.each(ERAS)("proxy middleware in the %s era", (era) => {
  it("runs global middleware on every request and an upstream's own only on requests routed to it", async () => {
    const global: string[] = [];
    const onA: string[] = [];
    let helloCalls = 0;
    const counting: Middleware = {
      onRequest(context, next) {
        global.push(context.method);
        return next();
      },
    };
    const limitA: Middleware = {
      onRequest(context, next) {
        onA.push(context.method);
        return next();
      },
      onCallTool(context, next) {
        if (context.name === "proxy.a.hello" && ++helloCalls > 1) throw new ProtocolError(ErrorCode.RateLimited, "upstream a allows one hello", { retryAfterSeconds: 9 });
        return next();
      },
    };
    const proxy = await started({ config: { servers: { a: stdioEcho, b: stdioEcho } }, middleware: [counting], upstreamMiddleware: { a: [limitA] } });
    expect(firstText((await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.a.hello", arguments: {} })).result)).toMatch(/^hello:\d+$/);
    const refused = await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.a.hello", arguments: {} });
    expect(refused.error).toMatchObject({ code: -32005, message: "upstream a allows one hello", data: { retryAfterSeconds: 9 } });
    expect(firstText((await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.b.hello", arguments: {} })).result)).toMatch(/^hello:\d+$/);
    expect((await request({ proxy: proxy, era: era }, "prompts/get", { name: "proxy.a.greet" })).result.messages).toHaveLength(1);
    expect((await request({ proxy: proxy, era: era }, "resources/read", { uri: "a+demo://a" })).result.contents[0].uri).toBe("a+demo://a");
    await request({ proxy: proxy, era: era }, "resources/read", { uri: "b+demo://a" });
    await request({ proxy: proxy, era: era }, "tools/list");
    expect(onA).toEqual(["tools/call", "tools/call", "prompts/get", "resources/read"]);
    expect(global).toEqual(["tools/call", "tools/call", "tools/call", "prompts/get", "resources/read", "resources/read", "tools/list"]);
  }, 30_000);

  it("passes the caller's traceparent on to a stdio upstream in _meta, from _meta or from the HTTP header", async () => {
    const proxy = await started({ config: { servers: { echo: stdioEcho } } });
    const fromMeta = seen(await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.echo.echo-meta", arguments: {}, _meta: { traceparent: TRACEPARENT, tracestate: "vendor=1" } }));
    expect(fromMeta.meta).toMatchObject({ traceparent: TRACEPARENT, tracestate: "vendor=1" });
    // The caller's other _meta keys (its protocol version, progress token) are not forwarded.
    expect(fromMeta.meta).not.toHaveProperty(["io.modelcontextprotocol/protocolVersion"]);
    const fromHeader = seen(await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.echo.echo-meta", arguments: {} }, { headers: { traceparent: TRACEPARENT } }));
    expect(fromHeader.meta).toEqual({ traceparent: TRACEPARENT });
    const prompt = await request({ proxy: proxy, era: era }, "prompts/get", { name: "proxy.echo.greet", _meta: { traceparent: TRACEPARENT } });
    expect(prompt.result.messages[0].content.text).toContain(TRACEPARENT);
    const read = await request({ proxy: proxy, era: era }, "resources/read", { uri: "echo+demo://a", _meta: { traceparent: TRACEPARENT } });
    expect(read.result.contents[0].text).toContain(TRACEPARENT);
    expect(seen(await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.echo.echo-meta", arguments: {}, _meta: { traceparent: "not-a-traceparent" } })).meta).toBeNull();
    expect(seen(await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.echo.echo-meta", arguments: {} })).meta).toBeNull();
  }, 30_000);

  it("sends the trace context to an HTTP upstream as the traceparent header and in _meta", async () => {
    const upstream = await echoOverHttp();
    const proxy = await started({ config: { servers: { web: { type: "http", url: upstream.url } } } });
    const got = seen(await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.web.echo-meta", arguments: {}, _meta: { traceparent: TRACEPARENT, tracestate: "a=b" } }));
    expect(got).toMatchObject({ traceparent: TRACEPARENT, tracestate: "a=b", meta: { traceparent: TRACEPARENT, tracestate: "a=b" } });
    // Outside a routed call (the proxy's own listing and pings) nothing is added.
    expect(seen(await request({ proxy: proxy, era: era }, "tools/call", { name: "proxy.web.echo-meta", arguments: {} }))).toEqual({ meta: null, traceparent: null, tracestate: null });
  }, 30_000);

  it("sends no trace context when traceContext is false, and takes a custom source", async () => {
    const off = await started({ config: { servers: { echo: stdioEcho } }, traceContext: false });
    expect(seen(await request({ proxy: off, era: era }, "tools/call", { name: "proxy.echo.echo-meta", arguments: {}, _meta: { traceparent: TRACEPARENT } })).meta).toBeNull();
    const own = "00-11111111111111111111111111111111-2222222222222222-01";
    const custom = await started({ config: { servers: { echo: stdioEcho } }, traceContext: () => ({ traceparent: own }) });
    expect(seen(await request({ proxy: custom, era: era }, "tools/call", { name: "proxy.echo.echo-meta", arguments: {} })).meta).toEqual({ traceparent: own });
  }, 30_000);
});

describe("per-upstream middleware configuration", () => {
  it("asks a function for each upstream as it is created, addUpstream included", async () => {
    const asked: string[] = [];
    const proxy = await started({
      config: { servers: { a: stdioEcho } },
      upstreamMiddleware: (server) => {
        asked.push(server);
        return [{ onCallTool: () => ({ content: [{ type: "text", text: `short-circuited by ${server}` }] }) }];
      },
    });
    await proxy.addUpstream("late", stdioEcho);
    expect(asked).toEqual(["a", "late"]);
    expect(firstText((await request({ proxy: proxy, era: "2025" }, "tools/call", { name: "proxy.late.hello", arguments: {} })).result)).toBe("short-circuited by late");
  }, 30_000);

  it("rejects a misspelt hook with an error naming the upstream", () => {
    expect(() => createProxy({ config: { servers: { a: stdioEcho } }, upstreamMiddleware: { a: [{ onCalltool: () => undefined } as never] } })).toThrow(
      /middleware\[0\] of upstream "a" has an unknown hook "onCalltool"/,
    );
  });
});

describe("circuit breaker per upstream", () => {
  it("opens after the configured failures of a killed upstream, answers fast with when it retries, and closes once it is back", async () => {
    const upstream = await echoOverHttp();
    const proxy = await started({
      config: { callTimeoutMs: 5_000, servers: { web: { type: "http", url: upstream.url, circuitBreaker: { failureThreshold: 2, resetTimeoutMs: 1_500 } } } },
    });
    expect(firstText((await request({ proxy: proxy, era: "2025" }, "tools/call", { name: "proxy.web.hello", arguments: {} })).result)).toMatch(/^hello:/);
    await upstream.kill();
    for (let failure = 0; failure < 2; failure++) {
      const failed = await request({ proxy: proxy, era: "2025" }, "tools/call", { name: "proxy.web.hello", arguments: {} });
      expect(failed.result.isError).toBe(true);
      expect(firstText(failed.result)).not.toMatch(/circuit open/);
    }
    expect(proxy.getProxyStats().servers.web!.replicas[0]!.circuit).toBe("open");
    const started_ = Date.now();
    const fast = await request({ proxy: proxy, era: "2025" }, "tools/call", { name: "proxy.web.hello", arguments: {} });
    expect(Date.now() - started_).toBeLessThan(100);
    expect(firstText(fast.result)).toMatch(/upstream "web" is failing \(circuit open\); retry in [12] s/);
    for (const era of ERAS) {
      const read = await request({ proxy: proxy, era: era }, "resources/read", { uri: "web+demo://a" });
      expect(read.error?.code).toBe(ErrorCode.InternalError);
      expect(read.error?.message).toMatch(/circuit open\); retry in [12] s/);
      expect(read.error?.data).toMatchObject({ server: "web", reason: "circuit_open", retryAfterSeconds: expect.any(Number) });
    }
    await echoOverHttp(upstream.port);
    await waitFor(() => proxy.getProxyStats().servers.web!.replicas[0]!.circuit === "half-open", 5_000, "the circuit to turn half-open");
    expect(firstText((await request({ proxy: proxy, era: "2026" }, "tools/call", { name: "proxy.web.hello", arguments: {} })).result)).toMatch(/^hello:/);
    expect(proxy.getProxyStats().servers.web!.replicas[0]!.circuit).toBe("closed");
  }, 40_000);

  it("rejects a bad per-upstream circuitBreaker setting naming the key", () => {
    expect(() => createProxy({ config: { servers: { a: { ...stdioEcho, circuitBreaker: { failureThreshold: 0.5 } } } } })).toThrow(/servers\.a\.circuitBreaker\.failureThreshold/);
  });
});
