/**
 * End-to-end with the official TypeScript SDK v1 client over a real socket.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema, type LoggingMessageNotification } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { serve, type RunningServer } from "../src/node.js";
import { createFixtureServer } from "./fixtures.js";

let running: RunningServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close().catch(() => undefined);
  await running?.close();
  running = undefined;
});

async function connect(url: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name: "sdk-interop", version: "1.0.0" }, { capabilities: { elicitation: {} } });
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

describe("official SDK v1 client", () => {
  it("initializes, lists and calls tools, and gets a session id", async () => {
    const fixture = createFixtureServer();
    running = await serve(fixture.server, { port: 0 });
    const { client, transport } = await connect(running.url);
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(client.getServerVersion()?.name).toBe("http-fixture");
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["add", "progress", "ask_name"]));
    const result = await client.callTool({ name: "add", arguments: { a: 4, b: 5 } });
    expect(result.content).toEqual([{ type: "text", text: "9" }]);
  });

  it("receives progress notifications over the upgraded SSE answer", async () => {
    running = await serve(createFixtureServer().server, { port: 0 });
    const { client } = await connect(running.url);
    const progress: number[] = [];
    const result = await client.callTool({ name: "progress", arguments: {} }, undefined, {
      onprogress: (update) => progress.push(update.progress),
    });
    expect(progress).toEqual([1, 2]);
    expect(result.content).toEqual([{ type: "text", text: "finished" }]);
  });

  it("answers a server→client elicitation posted back on the same session", async () => {
    running = await serve(createFixtureServer().server, { port: 0 });
    const { client } = await connect(running.url);
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: "accept", content: { name: "Ada" } }));
    const result = await client.callTool({ name: "ask_name", arguments: {} });
    expect(result.content).toEqual([{ type: "text", text: "Hello, Ada!" }]);
  });

  it("gets list_changed on the standalone GET stream", async () => {
    const fixture = createFixtureServer();
    running = await serve(fixture.server, { port: 0 });
    const { client } = await connect(running.url);
    const changed = new Promise<void>((resolve) => {
      client.fallbackNotificationHandler = async (notification) => {
        if (notification.method === "notifications/tools/list_changed") resolve();
      };
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    fixture.server.tool({ name: "added_later", input: { type: "object" }, handler: () => "ok" });
    await expect(Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error("no list_changed within 3 s")), 3_000))])).resolves.toBeUndefined();
  });

  it("resumes after the server closes a POST stream early (SEP-1699)", async () => {
    const fixture = createFixtureServer();
    running = await serve(fixture.server, { port: 0, retryMs: 50, shutdownTimeoutMs: 500 });
    const { client, transport } = await connect(running.url);
    const call = client.callTool({ name: "wait_for_release", arguments: {} }, undefined, { onprogress: () => undefined, timeout: 8_000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(running.handler.closeRequestStream(transport.sessionId as string, 1)).toBe(true);
    setTimeout(() => fixture.controls.release(), 150);
    const result = await call;
    expect(result.content).toEqual([{ type: "text", text: "released" }]);
  });

  it("terminates its session with DELETE", async () => {
    running = await serve(createFixtureServer().server, { port: 0 });
    const { transport } = await connect(running.url);
    const sessionId = transport.sessionId as string;
    await transport.terminateSession();
    const after = await fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": sessionId },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(after.status).toBe(404);
  });
});

export type { LoggingMessageNotification };
