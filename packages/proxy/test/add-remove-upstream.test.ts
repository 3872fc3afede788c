/**
 * addUpstream / removeUpstream on a running proxy: real child processes, a live SDK client
 * session that sees list_changed and keeps working across the change.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { createProxy, isProcessAlive, type McpProxy } from "../src/index.js";
import { connectV1, FIXTURE, firstText, waitFor } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

function fixture(mode = "ok") {
  return { type: "stdio" as const, command: process.execPath, args: [FIXTURE], env: { MODE: mode } };
}

async function started(servers: Record<string, ReturnType<typeof fixture>>): Promise<McpProxy> {
  const proxy = createProxy({ config: { healthCheckIntervalMs: 0, startTimeoutMs: 20_000, servers }, logger: () => undefined });
  cleanups.push(() => proxy.close());
  await proxy.start();
  return proxy;
}

describe("adding and removing upstreams at run time", () => {
  it("adds an upstream to a live proxy: the session is told and can call its tools", async () => {
    const proxy = await started({ first: fixture() });
    const connection = await connectV1(proxy);
    cleanups.push(() => connection.close());
    let changes = 0;
    connection.client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (changes += 1));
    await proxy.addUpstream("second", fixture());
    await waitFor(() => changes > 0, 20_000, "tools/list_changed");
    const names = (await connection.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(["proxy.first.ok", "proxy.second.ok"]));
    expect(firstText(await connection.client.callTool({ name: "proxy.second.ok", arguments: { text: "b" } }))).toMatch(/^ok:b:\d+$/);
    expect(proxy.upstreamNames()).toEqual(["first", "second"]);
  }, 60_000);

  it("removes an upstream: its tools go, its child is killed, the others keep serving the same session", async () => {
    const proxy = await started({ first: fixture(), second: fixture() });
    const connection = await connectV1(proxy);
    cleanups.push(() => connection.close());
    const pid = proxy.upstream("second")?.replicas[0]?.pid;
    expect(pid).toBeTypeOf("number");
    let changes = 0;
    connection.client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (changes += 1));
    // The notification stream opens after connect(): wait until one list_changed arrives on it.
    await connection.client.callTool({ name: "proxy.first.add-tool", arguments: {} });
    await waitFor(() => changes > 0, 20_000, "the notification stream");
    changes = 0;
    expect(await proxy.removeUpstream("second")).toBe(true);
    await waitFor(() => changes > 0, 20_000, "tools/list_changed");
    const names = (await connection.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain("proxy.first.ok");
    expect(names.some((name) => name.startsWith("proxy.second."))).toBe(false);
    await waitFor(() => !isProcessAlive(pid as number), 10_000, "the removed upstream's child to exit");
    expect(firstText(await connection.client.callTool({ name: "proxy.first.ok", arguments: { text: "a" } }))).toMatch(/^ok:a:/);
    expect(await proxy.removeUpstream("second")).toBe(false);
    expect(proxy.getProxyStats().servers).not.toHaveProperty("second");
  }, 60_000);

  it("replaces an upstream of the same name with a new process", async () => {
    const proxy = await started({ first: fixture() });
    const before = proxy.upstream("first")?.replicas[0]?.pid as number;
    await proxy.addUpstream("first", { ...fixture(), env: { MODE: "ok", CHANGED: "1" } });
    const after = proxy.upstream("first")?.replicas[0]?.pid as number;
    expect(after).not.toBe(before);
    await waitFor(() => !isProcessAlive(before), 10_000, "the replaced child to exit");
    expect(firstText(await proxy.callProxiedTool("proxy.first.ok", { text: "c" }))).toBe(`ok:c:${after}`);
  }, 60_000);

  it("refuses an invalid upstream with the setting to fix, and changes nothing", async () => {
    const proxy = await started({ first: fixture() });
    await expect(proxy.addUpstream("second", { type: "stdio", command: "" } as never)).rejects.toMatchObject({
      code: "invalid_config",
      message: expect.stringContaining("servers.second.command"),
    });
    expect(proxy.upstreamNames()).toEqual(["first"]);
  }, 60_000);
});
