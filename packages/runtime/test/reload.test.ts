/**
 * Reload without a restart: real stdio upstreams, a real local module, an SDK client whose
 * session lives across the reload.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { isProcessAlive } from "@chuk-mcp/proxy";
import { loadConfig, startRuntime, type Runtime } from "../src/index.js";
import { fixtureEnv, scratch, waitFor } from "./helpers.js";

const TINY = fileURLToPath(new URL("./fixtures/tiny-server.mjs", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

function upstream(tool: string): string {
  return `    command: "${process.execPath}"\n    args: ["${TINY}"]\n    env: { TOOL_NAME: "${tool}" }\n`;
}

function configText(servers: Record<string, string>, extra = ""): string {
  const entries = Object.entries(servers).map(([name, tool]) => `  ${name}:\n${upstream(tool)}`).join("");
  return `server:\n  type: streamable-http\nstreamable-http:\n  port: 0\nproxy:\n  enabled: true\n${extra}mcp_servers:\n  local:\n    location: "./my_tools"\n    tools: { enabled: true, module: "my_tools.tools" }\n${entries}`;
}

function moduleText(version: string): string {
  return `import { tool } from "chuk-mcp";\ntool({ name: "greet", description: "greets", handler: () => "greet ${version}" });\n`;
}

const text = (result: unknown): string => ((result as { content: { text: string }[] }).content[0] as { text: string }).text;

async function setup(): Promise<{ directory: string; file: string; runtime: Runtime; client: Client; changes: () => number }> {
  const directory = scratch();
  const file = join(directory, "config.yaml");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(directory, "my_tools"));
  writeFileSync(join(directory, "my_tools", "tools.ts"), moduleText("v1"));
  writeFileSync(file, configText({ alpha: "a", beta: "b" }));
  const runtime = await startRuntime(await loadConfig({ file, env: fixtureEnv() }), { logger: silentLogger });
  cleanups.push(() => runtime.close());
  const client = new Client({ name: "reload-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(runtime.url as string)));
  cleanups.push(() => client.close());
  let changes = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (changes += 1));
  // The notification stream opens after connect(): wait until a list_changed gets through it.
  // Until then a list_changed is lost, so a probe tool is toggled until one arrives.
  let probe: { remove(): void } | undefined;
  await waitFor(async () => {
    if (probe === undefined) probe = runtime.server.tool({ name: "probe", handler: () => "probe" });
    else {
      probe.remove();
      probe = undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    return changes > 0;
  }, "the notification stream");
  if (probe !== undefined) {
    const seen = changes;
    probe.remove();
    await waitFor(() => changes > seen, "the probe's removal");
  }
  changes = 0;
  return { directory, file, runtime, client, changes: () => changes };
}

const logs: string[] = [];
const silentLogger = Object.fromEntries(["debug", "info", "warning", "error", "critical"].map((level) => [level, (message: string) => void logs.push(`${level}: ${message}`)])) as never;

describe("reload without a restart", () => {
  it("starts only the added upstream, stops only the removed one, re-imports the changed module, and keeps the session", async () => {
    const { directory, file, runtime, client, changes } = await setup();
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId;
    const alphaPid = runtime.proxy?.upstream("alpha")?.replicas[0]?.pid as number;
    const betaPid = runtime.proxy?.upstream("beta")?.replicas[0]?.pid as number;
    expect(text(await client.callTool({ name: "greet" }))).toBe("greet v1");

    writeFileSync(join(directory, "my_tools", "tools.ts"), moduleText("v2"));
    writeFileSync(file, configText({ alpha: "a", gamma: "c" }));
    const report = await runtime.reload();

    expect(report).toMatchObject({ applied: true, upstreams: { added: ["gamma"], removed: ["beta"], changed: [], failed: [] } });
    expect(report.modules.reloaded).toEqual([join(directory, "my_tools", "tools.ts")]);
    await waitFor(() => changes() > 0, "tools/list_changed");
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(["greet", "proxy.alpha.a", "proxy.gamma.c"]));
    expect(names.some((name) => name.startsWith("proxy.beta."))).toBe(false);
    expect(text(await client.callTool({ name: "greet" }))).toBe("greet v2");
    expect(text(await client.callTool({ name: "proxy.alpha.a" }))).toBe(`a:${alphaPid}`);
    expect(text(await client.callTool({ name: "proxy.gamma.c" }))).toMatch(/^c:\d+$/);
    await waitFor(() => !isProcessAlive(betaPid), "the removed upstream's child to exit", 10_000);
    expect(isProcessAlive(alphaPid)).toBe(true);
    expect((client.transport as StreamableHTTPClientTransport).sessionId).toBe(sessionId);
    expect(Object.keys(runtime.health().upstreams)).toEqual(["alpha", "gamma"]);
  }, 90_000);

  it("refuses a bad configuration with the line and key, and the old one keeps serving", async () => {
    const { file, runtime, client } = await setup();
    writeFileSync(file, configText({ alpha: "a" }, "proxyy: {}\n"));
    const report = await runtime.reload();
    expect(report.applied).toBe(false);
    expect(report.error).toMatch(/config\.yaml:\d+:\d+: .*proxyy.*unknown key/);
    expect(logs.some((line) => line.startsWith("error: Reload refused; the previous configuration keeps serving"))).toBe(true);
    expect(Object.keys(runtime.health().upstreams)).toEqual(["alpha", "beta"]);
    expect(text(await client.callTool({ name: "proxy.beta.b" }))).toMatch(/^b:\d+$/);
  }, 90_000);

  it("refuses a module that now throws, and keeps its previous tools", async () => {
    const { directory, runtime, client } = await setup();
    writeFileSync(join(directory, "my_tools", "tools.ts"), `import { tool } from "chuk-mcp";\ntool({ name: "greet", handler: () => "half" });\nthrow new Error("broken on purpose");\n`);
    const report = await runtime.reload();
    expect(report.applied).toBe(false);
    expect(report.error).toMatch(/mcp_servers\.local\.tools\.module: module "my_tools\.tools" .*failed to load: broken on purpose/);
    expect(text(await client.callTool({ name: "greet" }))).toBe("greet v1");
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain("proxy.alpha.a");
  }, 90_000);

  it("says which changed settings need a restart instead of ignoring them", async () => {
    const { file, runtime } = await setup();
    writeFileSync(file, configText({ alpha: "a", beta: "b" }).replace("  port: 0\n", "  port: 0\n  mcp_path: /other\n"));
    const report = await runtime.reload();
    expect(report).toMatchObject({ applied: true, restartRequired: ["streamable-http"], upstreams: { added: [], removed: [], changed: [] } });
    expect(runtime.url).toMatch(/\/mcp$/);
  }, 90_000);
});
