import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
  type Progress,
} from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer } from "./http-server.js";

const appsStdio = fileURLToPath(new URL("../../stdio/dist/index.js", import.meta.url));
const appsHttp = fileURLToPath(new URL("../../http/dist/index.js", import.meta.url));
const interopStdio = fileURLToPath(new URL("../dist/stdio-server.js", import.meta.url));
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/** A v1 client that answers elicitation with `quantity: 3`, or declines when `decline` is set. */
async function connect(transport: Transport, options: { decline?: boolean } = {}): Promise<Client> {
  const client = new Client({ name: "interop-v1", version: "1.0.0" }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    expect(request.params.message).toContain("How many");
    return options.decline === true ? { action: "decline" } : { action: "accept", content: { quantity: 3 } };
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

function textOf(result: Awaited<ReturnType<Client["callTool"]>>): string {
  const content = result.content as Array<{ type: string; text?: string }>;
  return content[0]?.text ?? "";
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function stdioTransport(entry: string): StdioClientTransport {
  return new StdioClientTransport({ command: process.execPath, args: [entry], stderr: "pipe", env: { PATH: process.env.PATH ?? "" } });
}

/** The checks every transport must pass against the interop server. */
function interopChecks(connectTo: (options?: { decline?: boolean }) => Promise<Client>): void {
  it("initializes and lists the tools with their schemas", async () => {
    const client = await connectTo();
    expect(client.getServerVersion()).toMatchObject({ name: "chuk-mcp-interop" });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["add", "confirm_order", "count_with_progress", "echo"]));
    expect(tools.find((tool) => tool.name === "add")?.outputSchema).toMatchObject({ type: "object" });
  });

  it("calls a tool with structured output", async () => {
    const client = await connectTo();
    expect(await client.callTool({ name: "add", arguments: { a: 20, b: 22 } })).toMatchObject({ structuredContent: { sum: 42 } });
  });

  it("receives every progress notification of a call", async () => {
    const client = await connectTo();
    const seen: Progress[] = [];
    const result = await client.callTool({ name: "count_with_progress", arguments: { steps: 5 } }, undefined, {
      onprogress: (progress) => seen.push(progress),
    });
    expect(result).toMatchObject({ content: [{ type: "text", text: "counted to 5" }] });
    expect(seen.map((progress) => progress.progress)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[4]).toMatchObject({ total: 5, message: "step 5 of 5" });
  });

  it("completes an elicitation round trip (accept and decline)", async () => {
    const accepting = await connectTo();
    expect(await accepting.callTool({ name: "confirm_order", arguments: { item: "apples" } })).toMatchObject({
      content: [{ type: "text", text: "ordered 3 × apples" }],
    });
    const declining = await connectTo({ decline: true });
    expect(await declining.callTool({ name: "confirm_order", arguments: { item: "pears" } })).toMatchObject({
      content: [{ type: "text", text: "order of pears: decline" }],
    });
  });

  it("reads a resource and gets a prompt", async () => {
    const client = await connectTo();
    expect(await client.readResource({ uri: "interop://readme" })).toMatchObject({
      contents: [{ uri: "interop://readme", text: "chuk-mcp interop server" }],
    });
    expect(await client.getPrompt({ name: "greet", arguments: { name: "Ada" } })).toMatchObject({
      messages: [{ role: "user", content: { type: "text", text: "Please greet Ada warmly." } }],
    });
  });

  it("cancels an in-flight call: the handler's signal is aborted", async () => {
    const client = await connectTo();
    const controller = new AbortController();
    const call = client.callTool({ name: "wait_for_cancel", arguments: {} }, undefined, { signal: controller.signal });
    await waitUntil(async () => textOf(await client.callTool({ name: "last_cancellation", arguments: {} })) === "running");
    controller.abort("user gave up");
    await expect(call).rejects.toThrow();
    await waitUntil(async () => textOf(await client.callTool({ name: "last_cancellation", arguments: {} })) === "aborted");
  });

  it("is told about tools added at runtime (notifications/tools/list_changed)", async () => {
    const client = await connectTo();
    let changed = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changed += 1;
    });
    const name = textOf(await client.callTool({ name: "add_dynamic_tool", arguments: {} }));
    await waitUntil(async () => changed > 0);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain(name);
  });

  it("receives log messages at or above the level it set", async () => {
    const client = await connectTo();
    const messages: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      messages.push(notification.params);
    });
    await client.setLoggingLevel("info");
    await client.callTool({ name: "log_message", arguments: { text: "first" } });
    await waitUntil(async () => messages.length === 1);
    expect(messages[0]).toMatchObject({ level: "info", logger: "interop", data: { text: "first" } });
    await client.setLoggingLevel("error");
    await client.callTool({ name: "log_message", arguments: { text: "second" } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(messages).toHaveLength(1);
  });

  it("rejects reading an unknown resource with -32002 (2025 era) naming the URI", async () => {
    const client = await connectTo();
    await expect(client.readResource({ uri: "interop://missing" })).rejects.toMatchObject({
      code: -32002,
      message: expect.stringContaining("interop://missing"),
    });
  });

  it("surfaces invalid tool arguments as an error result", async () => {
    const client = await connectTo();
    const result = await client.callTool({ name: "add", arguments: { a: "one" } });
    expect(result.isError).toBe(true);
  });
}

describe("official SDK v1 Client over stdio: apps/stdio", () => {
  it("lists, calls, reads and gets against the built example app", async () => {
    const client = await connect(stdioTransport(appsStdio));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["add", "calculate", "hello"]);
    expect(await client.callTool({ name: "calculate", arguments: { expression: "2 ^ (1 + 2) * 5 % 7" } })).toMatchObject({
      structuredContent: { result: 5 },
    });
    const bad = await client.callTool({ name: "calculate", arguments: { expression: "require('fs')" } });
    expect(bad.isError).toBe(true);
    expect(await client.readResource({ uri: "example://about" })).toMatchObject({ contents: [{ mimeType: "text/markdown" }] });
    const prompt = await client.getPrompt({ name: "explain_calculation", arguments: { expression: "3 * 3" } });
    expect(prompt.messages[0]?.content).toMatchObject({ type: "text" });
  });
});

describe("official SDK v1 Client over Streamable HTTP: apps/http", () => {
  let app: ChildProcess;
  let url: URL;
  beforeAll(async () => {
    app = spawn(process.execPath, [appsHttp], { stdio: ["ignore", "ignore", "pipe"], env: { PATH: process.env.PATH ?? "", PORT: "0" } });
    let stderr = "";
    app.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    await waitUntil(async () => /listening on \S+/.test(stderr), 10_000);
    url = new URL(/listening on (\S+)/.exec(stderr)?.[1] as string);
  });
  afterAll(async () => {
    app.kill("SIGTERM");
    await once(app, "exit");
  });

  it("lists, calls, reads and gets against the built example app", async () => {
    const client = await connect(new StreamableHTTPClientTransport(url));
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(["add", "calculate", "hello", "whoami"]);
    expect(await client.callTool({ name: "whoami", arguments: {} })).toMatchObject({ content: [{ text: "anonymous" }] });
    expect(await client.callTool({ name: "calculate", arguments: { expression: "(7 - 2) * -3" } })).toMatchObject({
      structuredContent: { result: -15 },
    });
    expect(await client.callTool({ name: "hello", arguments: { name: "Linus" } })).toMatchObject({ content: [{ text: "Hello, Linus!" }] });
    expect(await client.readResource({ uri: "example://greeting/Ada" })).toMatchObject({ contents: [{ text: "Hello, Ada! Greetings from chuk-mcp." }] });
    expect((await client.getPrompt({ name: "explain_calculation", arguments: { expression: "1" } })).messages).toHaveLength(1);
  });
});

describe("official SDK v1 Client over stdio: interop server", () => {
  interopChecks((options) => connect(stdioTransport(interopStdio), options));
});

describe("official SDK v1 Client over Streamable HTTP", () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(async () => {
    await server.close();
  });
  interopChecks((options) => connect(new StreamableHTTPClientTransport(server.url), options));
});
