/**
 * Reload through the CLI: SIGHUP and --watch, with an SDK client on stdio whose session
 * lives across the reload.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { CLI, fixtureEnv, scratch, waitFor } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

const moduleText = (version: string): string => `import { tool } from "chuk-mcp";\ntool({ name: "greet_${version}", handler: () => "greet ${version}" });\n`;

async function started(extraArgs: string[]): Promise<{ directory: string; client: Client; transport: StdioClientTransport; changes: () => number }> {
  const directory = scratch();
  mkdirSync(join(directory, "my_tools"));
  writeFileSync(join(directory, "my_tools", "tools.ts"), moduleText("v1"));
  writeFileSync(join(directory, "config.yaml"), `mcp_servers:\n  local:\n    location: "./my_tools"\n    tools: { enabled: true, module: "my_tools.tools" }\n`);
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, "--config", join(directory, "config.yaml"), ...extraArgs], env: fixtureEnv(), stderr: "pipe" });
  const client = new Client({ name: "cli-reload-test", version: "1.0.0" });
  await client.connect(transport);
  cleanups.push(() => client.close());
  let changes = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (changes += 1));
  return { directory, client, transport, changes: () => changes };
}

const names = async (client: Client): Promise<string[]> => (await client.listTools()).tools.map((tool) => tool.name);

describe("chuk-mcp-runtime reload", () => {
  it("re-imports a changed module on SIGHUP, announces list_changed, and keeps the stdio session", async () => {
    const { directory, client, transport, changes } = await started([]);
    expect(await names(client)).toEqual(["greet_v1"]);
    writeFileSync(join(directory, "my_tools", "tools.ts"), moduleText("v2"));
    process.kill(transport.pid as number, "SIGHUP");
    await waitFor(() => changes() > 0, "tools/list_changed");
    expect(await names(client)).toEqual(["greet_v2"]);
    const result = (await client.callTool({ name: "greet_v2" })) as { content: { text: string }[] };
    expect(result.content[0]?.text).toBe("greet v2");
  }, 60_000);

  it("reloads on its own with --watch when the module file changes", async () => {
    const { directory, client } = await started(["--watch"]);
    expect(await names(client)).toEqual(["greet_v1"]);
    writeFileSync(join(directory, "my_tools", "tools.ts"), moduleText("v3"));
    await waitFor(async () => (await names(client)).includes("greet_v3"), "the watcher to reload the module");
    expect(await names(client)).toEqual(["greet_v3"]);
  }, 60_000);
});
