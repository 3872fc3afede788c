/**
 * Shared helpers for the proxy's integration tests: real published servers, real sockets
 * on 127.0.0.1, the official SDK client.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { serve } from "@chuk-mcp/http/node";
import type { McpProxy } from "../src/index.js";

const require = createRequire(import.meta.url);

/** Entry script of @modelcontextprotocol/server-everything. */
export const EVERYTHING = require.resolve("@modelcontextprotocol/server-everything/dist/index.js");
/** Entry script of @modelcontextprotocol/server-filesystem. */
export const FILESYSTEM = require.resolve("@modelcontextprotocol/server-filesystem/dist/index.js");
/** The misbehaving fixture server. */
export const FIXTURE = fileURLToPath(new URL("./fixtures/misbehaving-server.mjs", import.meta.url));

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

/** Polls `check` until it returns a truthy value or `timeoutMs` runs out. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** server-everything over Streamable HTTP as a real child process on a free port. */
export async function startEverythingHttp(): Promise<{ url: string; child: ChildProcess; close(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING, "streamableHttp"], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(() => output.includes("listening") || child.exitCode !== null, 15_000, "server-everything HTTP to listen");
  if (child.exitCode !== null) throw new Error(`server-everything exited: ${output}`);
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    child,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
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
