/**
 * The `chuk-mcp-proxy` binary, run as a real process: stdio and HTTP downstream, a legacy
 * SSE upstream, bad input, and SIGTERM taking every child down with it.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { EVERYTHING, FIXTURE, firstText, freePort, waitFor } from "./helpers.js";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(packageRoot, "dist/cli/main.js");
const require = createRequire(import.meta.url);

let sse: ChildProcess;
let sseUrl: string;

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  // The binary runs from dist: rebuild it when any source is newer, so this file never tests stale output.
  if (!existsSync(CLI) || newestSource(join(packageRoot, "src")) > statSync(CLI).mtimeMs) {
    const tsc = require.resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", join(packageRoot, "tsconfig.build.json")], { stdio: "inherit" });
  }
  expect(existsSync(CLI)).toBe(true);
  const port = await freePort();
  sse = spawn(process.execPath, [EVERYTHING, "sse"], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  sse.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  await waitFor(() => output.includes("running on port"), 15_000, "server-everything SSE to listen");
  sseUrl = `http://127.0.0.1:${port}/sse`;
}, 60_000);

afterAll(() => {
  sse?.kill("SIGKILL");
});

describe("chuk-mcp-proxy CLI", () => {
  it("prints complete help and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--stdio NAME --command CMD");
    expect(stdout).toContain("--openai-compatible");
  });

  it("exits 2 with a fix-it message for bad flags and bad config files", async () => {
    const bad = await runCli(["--port", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port needs a non-negative whole number, got "nope"/);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no upstream servers given/);
    const file = join(mkdtempSync(join(tmpdir(), "proxy-cli-")), "proxy.yaml");
    writeFileSync(file, "servers:\n  a:\n    type: stdio\n    args: [x]\n");
    const config = await runCli(["--config", file]);
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
    const proxy = spawn(process.execPath, [CLI, "--config", file, "--port", String(port), "--log-level", "info"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    proxy.stderr?.on("data", (chunk: Buffer) => (stderr += chunk));
    try {
      await waitFor(() => stderr.includes("listening on"), 15_000, "the proxy to listen");
      const client = new Client({ name: "cli-test", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
      expect(firstText(await client.callTool({ name: "tools.one.ok", arguments: { text: "hi" } }))).toMatch(/^ok:hi:/);
      await client.close();
      const children = childrenOf(proxy.pid!);
      expect(children).toHaveLength(2);
      const exited = new Promise<number | null>((resolve) => proxy.once("exit", resolve));
      proxy.kill("SIGTERM");
      expect(await exited).toBe(0);
      await waitFor(() => children.every((pid) => !alive(pid)), 5_000, "the upstream children to exit");
    } finally {
      if (proxy.exitCode === null) proxy.kill("SIGKILL");
    }
  });
});
