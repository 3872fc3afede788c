/**
 * Shared helpers for the proxy's integration tests: real published servers, real sockets
 * on 127.0.0.1, the official SDK client.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { serve } from "@chuk-mcp/http/node";
import { freePort as sharedFreePort, startProcess, waitFor as sharedWaitFor } from "../../../scripts/test-support/child-processes.mjs";
import type { McpProxy } from "../src/index.js";

const require = createRequire(import.meta.url);

/** Entry script of @modelcontextprotocol/server-everything. */
export const EVERYTHING = require.resolve("@modelcontextprotocol/server-everything/dist/index.js");
/** Entry script of @modelcontextprotocol/server-filesystem. */
export const FILESYSTEM = require.resolve("@modelcontextprotocol/server-filesystem/dist/index.js");
/** The misbehaving fixture server. */
export const FIXTURE = fileURLToPath(new URL("./fixtures/misbehaving-server.mjs", import.meta.url));

/** A free TCP port on 127.0.0.1. */
export const freePort = sharedFreePort;

/** Polls `check` until it returns a truthy value or `timeoutMs` runs out. */
export function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = "condition"): Promise<NonNullable<T>> {
  return sharedWaitFor(check, { timeoutMs, what });
}

/** The `chuk-mcp-proxy` binary; the CLI tests run it from dist. */
export const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Rebuilds dist when any source is newer than the binary, so the CLI tests never run stale output. */
export function ensureCliBuilt(): void {
  const packageRoot = fileURLToPath(new URL("..", import.meta.url));
  if (!existsSync(CLI) || newestSource(join(packageRoot, "src")) > statSync(CLI).mtimeMs) {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(packageRoot, "tsconfig.build.json")], { stdio: "inherit" });
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing after the build`);
}

/** server-everything over Streamable HTTP as a real child process on a free port. */
export async function startEverythingHttp(): Promise<{ url: string; child: ChildProcess; close(): Promise<void> }> {
  const port = await freePort();
  const server = startProcess(process.execPath, [EVERYTHING, "streamableHttp"], { env: { ...process.env, PORT: String(port) } });
  await server.waitForOutput("listening", { what: "server-everything HTTP to listen" });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    child: server.child,
    close: async () => {
      await server.stop({ signal: "SIGKILL" });
    },
  };
}

/** Serves the proxy over Streamable HTTP and connects an official SDK v1 client to it. */
export async function connectV1(proxy: McpProxy, client = new Client({ name: "proxy-test", version: "1.0.0" })): Promise<{ client: Client; url: string; close(): Promise<void> }> {
  const running = await serve(proxy.server, { port: 0, host: "127.0.0.1" });
  await client.connect(new StreamableHTTPClientTransport(new URL(running.url)));
  return {
    client,
    url: running.url,
    close: async () => {
      await client.close().catch(() => undefined);
      await running.close();
    },
  };
}

/** Text of the first content block of a tool result. */
export function firstText(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content[0]?.text ?? "";
}
