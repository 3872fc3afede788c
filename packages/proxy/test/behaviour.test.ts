/**
 * Naming, collisions, filters, logging and cancellation pass-through, health checks and
 * HTTP upstream credentials, against real child processes and real sockets.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LoggingMessageNotificationSchema, ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { McpServer } from "@chuk-mcp/core";
import { serve } from "@chuk-mcp/http/node";
import { createProxy, isProcessAlive, type McpProxy, type ProxyConfig } from "../src/index.js";
import { connectV1, FIXTURE, firstText, waitFor } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

function fixture(mode = "ok", extra: Record<string, unknown> = {}) {
  return { type: "stdio" as const, command: process.execPath, args: [FIXTURE], env: { MODE: mode }, ...extra };
}

async function started(config: ProxyConfig, options: { logs?: string[]; server?: McpServer } = {}): Promise<McpProxy> {
  const proxy = createProxy({
    config: { healthCheckIntervalMs: 0, ...config },
    ...(options.server === undefined ? {} : { server: options.server }),
    logger: (level, message) => options.logs?.push(`${level}: ${message}`),
  });
  cleanups.push(() => proxy.close());
  await proxy.start();
  return proxy;
}

describe("naming and collisions", () => {
  it("reports colliding bare aliases, keeps the first server's, and never shadows silently", async () => {
    const logs: string[] = [];
    const proxy = await started({ keepRootAliases: true, servers: { first: fixture(), second: fixture() } }, { logs });
    const stats = proxy.getProxyStats();
    const okCollision = stats.collisions.find((collision) => collision.name === "ok");
    expect(okCollision).toEqual({ kind: "tool", name: "ok", servers: ["first", "second"], kept: "first" });
    expect(logs.some((line) => line.startsWith("error: name collision: tool \"ok\" is offered by first and second"))).toBe(true);
    expect(stats.toolNames).toEqual(expect.arrayContaining(["proxy.first.ok", "proxy.second.ok", "ok"]));
    const viaAlias = firstText(await proxy.callProxiedTool("ok", { text: "a" }));
    const viaFirst = firstText(await proxy.callProxiedTool("proxy.first.ok", { text: "a" }));
    expect(viaAlias.split(":")[2]).toBe(viaFirst.split(":")[2]);
  });

  it("fails start-up on a collision with strictNames", async () => {
    const proxy = createProxy({ config: { healthCheckIntervalMs: 0, strictNames: true, keepRootAliases: true, servers: { a: fixture(), b: fixture() } }, logger: () => undefined });
    cleanups.push(() => proxy.close());
    await expect(proxy.start()).rejects.toMatchObject({ code: "name_collision", message: expect.stringMatching(/tool "ok" is offered by a and b.*tools.rename/) });
  });

  it("keeps a local tool and reports the proxied one that wanted its name", async () => {
    const server = new McpServer({ name: "mixed", version: "1.0.0" });
    server.tool({ name: "proxy.up.ok", handler: () => "local wins" });
    const proxy = await started({ servers: { up: fixture() } }, { server });
    expect(proxy.getProxyStats().collisions).toContainEqual({ kind: "tool", name: "proxy.up.ok", servers: ["(local)", "up"], kept: "(local)" });
    const connection = await connectV1(proxy);
    cleanups.push(() => connection.close());
    expect(firstText(await connection.client.callTool({ name: "proxy.up.ok", arguments: {} }))).toBe("local wins");
  });

  it("applies allow/deny lists and renames, and OpenAI-only names", async () => {
    const proxy = await started({
      onlyOpenaiTools: true,
      servers: { "my-fixture": fixture("ok", { tools: { allow: ["ok", "hang", "log"], deny: ["hang"], rename: { ok: "answer.now" } } }) },
    });
    expect(proxy.getProxyStats().toolNames.sort()).toEqual(["my-fixture_answer_now", "my-fixture_log"]);
    expect(firstText(await proxy.callProxiedTool("my-fixture_answer_now", { text: "r" }))).toMatch(/^ok:r:/);
  });

  it("drops the namespace prefix when the namespace is empty", async () => {
    const proxy = await started({ namespace: "", servers: { up: fixture() } });
    expect(proxy.getProxyStats().toolNames).toContain("up.ok");
  });
});

describe("pass-through", () => {
  it("forwards upstream log messages sent during a call to the downstream client", async () => {
    const proxy = await started({ servers: { up: fixture() } });
    const connection = await connectV1(proxy);
    cleanups.push(() => connection.close());
    const messages: unknown[] = [];
    connection.client.setNotificationHandler(LoggingMessageNotificationSchema, async (notification) => void messages.push(notification.params));
    await connection.client.setLoggingLevel("debug");
    await connection.client.callTool({ name: "proxy.up.log", arguments: {} });
    await waitFor(() => messages.length > 0, 5_000, "the relayed log message");
    expect(messages[0]).toMatchObject({ level: "warning", data: "logged during the call" });
  });

  it("cancels the upstream call when the downstream client cancels", async () => {
    const logs: string[] = [];
    const proxy = createProxy({ config: { healthCheckIntervalMs: 0, servers: { up: fixture() } }, logger: (level, message) => logs.push(`${level}: ${message}`) });
    cleanups.push(() => proxy.close());
    await proxy.start();
    const connection = await connectV1(proxy);
    cleanups.push(() => connection.close());
    const controller = new AbortController();
    const call = connection.client.callTool({ name: "proxy.up.wait-for-cancel", arguments: {} }, undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort("user gave up");
    await expect(call).rejects.toThrow();
    await waitFor(() => logs.some((line) => line.includes("fixture: call was cancelled")), 5_000, "the upstream to see the cancellation");
  });

  it("sends configured headers and the bearer token to a Streamable HTTP upstream", async () => {
    const upstream = new McpServer({ name: "http-upstream", version: "1.0.0" });
    upstream.tool({ name: "whoami", handler: (_args, ctx) => `${ctx.headers.authorization} ${ctx.headers["x-team"]}` });
    const running = await serve(upstream, { port: 0, host: "127.0.0.1" });
    cleanups.push(() => running.close());
    const proxy = await started({ servers: { api: { type: "http", url: running.url, bearerToken: "s3cret", headers: { "X-Team": "core" } } } });
    expect(firstText(await proxy.callProxiedTool("proxy.api.whoami"))).toBe("Bearer s3cret core");
  });
});

describe("health and recovery", () => {
  it("fails calls fast with a clear error while an upstream is reconnecting", async () => {
    const proxy = await started({ reconnect: { initialDelayMs: 3_000, jitter: 0 }, servers: { up: fixture() } });
    const pid = proxy.getProxyStats().servers.up!.replicas[0]!.pid!;
    process.kill(pid, "SIGKILL");
    await waitFor(() => proxy.getProxyStats().servers.up!.state === "reconnecting", 5_000, "the upstream to be seen down");
    expect(proxy.getProxyStats().toolNames).toContain("proxy.up.ok");
    const before = Date.now();
    const result = await proxy.callProxiedTool("proxy.up.ok");
    expect(Date.now() - before).toBeLessThan(300);
    expect(result.isError).toBe(true);
    expect(firstText(result)).toMatch(/upstream "up" is reconnecting.*retry shortly/);
  });

  it("detects a frozen upstream by health check, kills it and starts a fresh one", async () => {
    const proxy = await started({ healthCheckIntervalMs: 200, reconnect: { initialDelayMs: 50, jitter: 0 }, servers: { up: fixture() } });
    const frozen = proxy.getProxyStats().servers.up!.replicas[0]!.pid!;
    process.kill(frozen, "SIGSTOP");
    await waitFor(() => {
      const replica = proxy.getProxyStats().servers.up!.replicas[0]!;
      return replica.state === "ready" && replica.pid !== frozen;
    }, 15_000, "a fresh upstream");
    await waitFor(() => !isProcessAlive(frozen), 5_000, "the frozen child to be killed");
    expect(firstText(await proxy.callProxiedTool("proxy.up.ok", { text: "fresh" }))).toMatch(/^ok:fresh:/);
  });

  it("withdraws an upstream's tools with list_changed once reconnecting gives up", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), "proxy-once-")), "started");
    const proxy = await started({ reconnect: { initialDelayMs: 50, jitter: 0, maxAttempts: 2 }, servers: { gone: fixture("once", { env: { MODE: "once", MARKER: marker } }), stays: fixture() } });
    const connection = await connectV1(proxy);
    cleanups.push(() => connection.close());
    let listChanged = 0;
    connection.client.setNotificationHandler(ToolListChangedNotificationSchema, async () => void listChanged++);
    process.kill(proxy.getProxyStats().servers.gone!.replicas[0]!.pid!, "SIGKILL");
    await waitFor(() => proxy.getProxyStats().servers.gone!.state === "failed", 10_000, "the upstream to be given up");
    await waitFor(() => listChanged > 0, 5_000, "tools/list_changed downstream");
    const names = (await connection.client.listTools()).tools.map((tool) => tool.name);
    expect(names.some((name) => name.startsWith("proxy.gone."))).toBe(false);
    expect(names).toContain("proxy.stays.ok");
  });

  it("reconnects to a Streamable HTTP upstream that went away and came back on the same port", async () => {
    const upstream = new McpServer({ name: "http-upstream", version: "1.0.0" });
    upstream.tool({ name: "hello", handler: () => "hi" });
    let running = await serve(upstream, { port: 0, host: "127.0.0.1" });
    const port = running.port;
    cleanups.push(() => running.close());
    const proxy = await started({ healthCheckIntervalMs: 200, reconnect: { initialDelayMs: 100, maxDelayMs: 300, jitter: 0 }, servers: { api: { type: "http", url: running.url } } });
    expect(firstText(await proxy.callProxiedTool("proxy.api.hello"))).toBe("hi");
    await running.close();
    await waitFor(() => proxy.getProxyStats().servers.api!.state !== "ready", 10_000, "the proxy to notice the upstream is gone");
    const down = await proxy.callProxiedTool("proxy.api.hello");
    expect(down.isError).toBe(true);
    running = await serve(upstream, { port, host: "127.0.0.1" });
    await waitFor(() => proxy.getProxyStats().servers.api!.state === "ready", 10_000, "the proxy to reconnect");
    expect(firstText(await proxy.callProxiedTool("proxy.api.hello"))).toBe("hi");
  });
});
