/**
 * Hostile upstreams as real child processes (test/fixtures/hostile-server.mjs): names that
 * break the spec, far too many tools, list_changed storms, a huge line, a garbage flood.
 * The proxy must stay up, keep serving the other upstreams, and stay bounded.
 */
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createProxy, isProcessAlive, type McpProxy, type ProxyConfig } from "../src/index.js";
import { FIXTURE, firstText, waitFor } from "./helpers.js";

const HOSTILE = fileURLToPath(new URL("./fixtures/hostile-server.mjs", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

function hostile(mode: string, env: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  return { type: "stdio" as const, command: process.execPath, args: [HOSTILE], env: { MODE: mode, ...env }, ...extra };
}

async function started(config: Omit<ProxyConfig, "healthCheckIntervalMs">, logs: string[] = []): Promise<McpProxy> {
  const proxy = createProxy({
    config: { healthCheckIntervalMs: 0, reconnect: { initialDelayMs: 50, maxDelayMs: 500 }, ...config },
    logger: (level, message) => logs.push(`${level}: ${message}`),
  });
  cleanups.push(async () => {
    const pids = Object.values(proxy.getProxyStats().servers).flatMap((server) => server.replicas.map((replica) => replica.pid));
    await proxy.close();
    for (const pid of pids) if (pid !== undefined) expect(isProcessAlive(pid)).toBe(false);
  });
  await proxy.start();
  return proxy;
}

describe("hostile upstreams", () => {
  it("skips upstream tool, prompt and resource names outside the spec's characters and lengths, with a warning each", async () => {
    const logs: string[] = [];
    const proxy = await started({ servers: { bad: hostile("bad-names") } }, logs);
    const names = proxy.getProxyStats().toolNames.sort();
    expect(names).toEqual(["proxy.bad.good.name-1", "proxy.bad.ok"]);
    for (const refused of ['"../x"', '""', '"<script>"', '"aaaaaaaa', '"has space"']) {
      expect(logs.some((line) => line.startsWith("warning: skipped tool") && line.includes(refused)), `no warning for ${refused}`).toBe(true);
    }
    expect(logs.some((line) => line.includes("skipped") && line.includes("more invalid tools"))).toBe(true);
    expect(logs.every((line) => line.length < 600), "a warning echoed a 310-character name in full").toBe(true);
    const listed = (await proxy.server.handle({ jsonrpc: "2.0", id: 1, method: "prompts/list" })) as unknown as { result: { prompts: { name: string }[] } };
    expect(listed.result.prompts.map((prompt) => prompt.name)).toEqual(["proxy.bad.good_prompt"]);
    const resources = (await proxy.server.handle({ jsonrpc: "2.0", id: 2, method: "resources/list" })) as unknown as { result: { resources: { uri: string }[] } };
    expect(resources.result.resources.map((resource) => resource.uri)).toEqual(["bad+file:///ok.txt"]);
    expect(firstText(await proxy.callProxiedTool("proxy.bad.ok"))).toMatch(/^ok:/);
  });

  it("caps the tools taken from one upstream (10,000 offered, maxTools 1,000 by default) and says so", async () => {
    const logs: string[] = [];
    const proxy = await started({ servers: { many: hostile("many"), small: hostile("many", { TOOLS: "3" }, { limits: { maxTools: 2 } }) } }, logs);
    const stats = proxy.getProxyStats();
    expect(stats.servers.many!.tools).toBe(1_000);
    expect(stats.servers.small!.tools).toBe(2);
    expect(logs.some((line) => line.includes('upstream "many" offers more tools than the limit of 1000'))).toBe(true);
    expect(firstText(await proxy.callProxiedTool("proxy.many.ok"))).toMatch(/^ok:/);
  });

  it("coalesces a storm of 2,000 tools/list_changed notifications into at most two listings", async () => {
    const proxy = await started({ servers: { storm: hostile("storm") } });
    const upstream = proxy.upstream("storm")!;
    const before = upstream.listings;
    expect(firstText(await proxy.callProxiedTool("proxy.storm.storm"))).toBe("sent 2000");
    await waitFor(() => upstream.listings > before, 5_000, "the first re-listing");
    // Let anything queued finish, then count what the upstream itself saw.
    await upstream.refresh("list");
    const seen = Number(firstText(await proxy.callProxiedTool("proxy.storm.listings")));
    expect(upstream.listings - before).toBeLessThanOrEqual(3);
    expect(seen).toBeLessThanOrEqual(before + 3);
  });

  it("survives an upstream that writes a 12 MiB line (past the 10 MiB read cap): the proxy stays up, other upstreams answer, memory stays bounded", async () => {
    const logs: string[] = [];
    const proxy = await started(
      { callTimeoutMs: 20_000, servers: { huge: hostile("huge-line", { HUGE_BYTES: String(12 * 1024 * 1024) }), good: { type: "stdio", command: process.execPath, args: [FIXTURE], env: { MODE: "ok" } } } },
      logs,
    );
    const baseline = process.memoryUsage().arrayBuffers;
    const result = await proxy.callProxiedTool("proxy.huge.huge");
    // The oversized line ends that connection (the call fails with a clear error) or is skipped; never a hang or a crash.
    expect(firstText(result)).toMatch(/after the huge line|closed the connection|unavailable/);
    expect(firstText(await proxy.callProxiedTool("proxy.good.ok", { text: "still" }))).toMatch(/^ok:still:/);
    expect(process.memoryUsage().arrayBuffers - baseline).toBeLessThan(96 * 1024 * 1024);
    await waitFor(() => logs.some((line) => line.includes("huge") && /exceeded maximum size|went down/.test(line)), 10_000, "the oversized line to be reported");
    await waitFor(async () => /^ok:/.test(firstText(await proxy.callProxiedTool("proxy.huge.ok"))), 15_000, "the huge-line upstream to serve again");
  });

  it("rate-limits the warnings of a garbage flood and keeps answering", async () => {
    const logs: string[] = [];
    const proxy = await started({ servers: { flood: hostile("flood", { FLOOD_LINES: "5000" }) } }, logs);
    expect(firstText(await proxy.callProxiedTool("proxy.flood.flood"))).toBe("after the flood");
    expect(firstText(await proxy.callProxiedTool("proxy.flood.ok"))).toMatch(/^ok:/);
    const warnings = logs.filter((line) => line.includes("[flood]"));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.length).toBeLessThan(50);
  });
});
