/**
 * The `chuk-mcp-proxy` binary, run as a real process: stdio and HTTP downstream, a legacy
 * SSE upstream, bad input, and SIGTERM taking every child down with it.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { isProcessAlive } from "../src/index.js";
import { killStartedProcesses, runProcess, startProcess } from "../../../scripts/test-support/child-processes.mjs";
import { CLI, ensureCliBuilt, EVERYTHING, FIXTURE, firstText, freePort, waitFor } from "./helpers.js";

let sseUrl: string;

/** Pids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) found.push(Number(entry));
    } catch {
      // process ended while listing
    }
  }
  return found;
}

function runCli(args: string[]) {
  return runProcess(process.execPath, [CLI, ...args], { timeoutMs: 10_000 });
}

beforeAll(async () => {
  ensureCliBuilt();
  const port = await freePort();
  const sse = startProcess(process.execPath, [EVERYTHING, "sse"], { env: { ...process.env, PORT: String(port) } });
  await sse.waitForOutput("running on port", { what: "server-everything SSE to listen" });
  sseUrl = `http://127.0.0.1:${port}/sse`;
}, 60_000);

afterAll(() => {
  killStartedProcesses();
});

describe("chuk-mcp-proxy CLI", () => {
  it("prints complete help and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--stdio NAME --command CMD");
    expect(stdout).toContain("--openai-compatible");
  });

  it("exits 2 with a fix-it message for bad flags and bad config files", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "proxy-cli-")), "proxy.yaml");
    writeFileSync(file, "servers:\n  a:\n    type: stdio\n    args: [x]\n");
    // Three independent processes: run them side by side rather than one after another.
    const [bad, none, config] = await Promise.all([runCli(["--port", "nope"]), runCli([]), runCli(["--config", file])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port needs a non-negative whole number, got "nope"/);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no upstream servers given/);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/proxy.yaml: servers.a.command: is required/);
  });

  it("serves stdio downstream in front of a stdio and a legacy SSE upstream", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, "--openai-compatible", "--stdio", "local", "--command", process.execPath, "--", EVERYTHING, "stdio", "--sse", "old", "--url", sseUrl],
      stderr: "ignore",
    });
    const client = new Client({ name: "cli-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(["proxy.local.echo", "local_echo", "proxy.old.echo", "old_echo"]));
      expect(firstText(await client.callTool({ name: "old_echo", arguments: { message: "over sse" } }))).toBe("Echo: over sse");
      expect(firstText(await client.callTool({ name: "proxy.local.echo", arguments: { message: "over stdio" } }))).toBe("Echo: over stdio");
    } finally {
      await client.close();
    }
  });

  it("serves HTTP downstream from a config file, and SIGTERM kills every child", async () => {
    const directory = mkdtempSync(join(tmpdir(), "proxy-cli-"));
    const file = join(directory, "proxy.yaml");
    writeFileSync(
      file,
      ["namespace: tools", "servers:", "  one:", `    command: ${JSON.stringify(process.execPath)}`, `    args: [${JSON.stringify(FIXTURE)}]`, "  two:", `    command: ${JSON.stringify(process.execPath)}`, `    args: [${JSON.stringify(FIXTURE)}]`, "    env: { MODE: hang }"].join("\n"),
    );
    const port = await freePort();
    const started = startProcess(process.execPath, [CLI, "--config", file, "--port", String(port), "--log-level", "info"]);
    const proxy = started.child;
    try {
      await started.waitForOutput("listening on", { what: "the proxy to listen" });
      const client = new Client({ name: "cli-test", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
      expect(firstText(await client.callTool({ name: "tools.one.ok", arguments: { text: "hi" } }))).toMatch(/^ok:hi:/);
      await client.close();
      const children = childrenOf(proxy.pid!);
      expect(children).toHaveLength(2);
      const exited = new Promise<number | null>((resolve) => proxy.once("exit", resolve));
      proxy.kill("SIGTERM");
      expect(await exited).toBe(0);
      await waitFor(() => children.every((pid) => !isProcessAlive(pid)), 5_000, "the upstream children to exit");
    } finally {
      if (proxy.exitCode === null) proxy.kill("SIGKILL");
    }
  });
});
