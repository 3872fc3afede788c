/**
 * The proxy in front of real published servers at once: server-everything over stdio and
 * over Streamable HTTP, server-filesystem over stdio, reached from the official SDK v1 client.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { createProxy, isProcessAlive, type McpProxy } from "../src/index.js";
import { connectV1, EVERYTHING, FILESYSTEM, firstText, startEverythingHttp } from "./helpers.js";

let proxy: McpProxy;
let directory: string;
let everythingHttp: Awaited<ReturnType<typeof startEverythingHttp>>;
let connection: Awaited<ReturnType<typeof connectV1>>;
let client: Client;
const elicitations: unknown[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "proxy-fs-"));
  writeFileSync(join(directory, "hello.txt"), "hello from the filesystem server\n");
  everythingHttp = await startEverythingHttp();
  proxy = createProxy({
    config: {
      healthCheckIntervalMs: 0,
      servers: {
        everything: { type: "stdio", command: process.execPath, args: [EVERYTHING, "stdio"] },
        remote: { type: "http", url: everythingHttp.url },
        fs: { type: "stdio", command: process.execPath, args: [FILESYSTEM, directory] },
      },
    },
    logger: () => undefined,
  });
  proxy.server.tool({ name: "local.ping", description: "A local tool next to proxied ones", handler: () => "pong" });
  const report = await proxy.start();
  expect(report.failed).toEqual([]);
  client = new Client({ name: "proxy-test", version: "1.0.0" }, { capabilities: { elicitation: {}, sampling: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    elicitations.push(request.params);
    return { action: "accept", content: { name: "Ada", check: true, firstLine: "Once", integer: 7, email: "ada@example.com" } } as never;
  });
  client.setRequestHandler(CreateMessageRequestSchema, async () => ({
    role: "assistant",
    content: { type: "text", text: "sampled by the downstream client" },
    model: "test-model",
  }));
  connection = await connectV1(proxy, client);
}, 60_000);

afterAll(async () => {
  await connection?.close();
  const pids = Object.values(proxy?.getProxyStats().servers ?? {}).flatMap((server) => server.replicas.map((replica) => replica.pid));
  await proxy?.close();
  await everythingHttp?.close();
  rmSync(directory, { recursive: true, force: true });
  for (const pid of pids) if (pid !== undefined) expect(isProcessAlive(pid)).toBe(false);
});

describe("one proxy in front of three real servers", () => {
  it("lists namespaced tools from every upstream next to local tools", async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain("local.ping");
    expect(names).toContain("proxy.everything.echo");
    expect(names).toContain("proxy.remote.echo");
    expect(names).toContain("proxy.fs.read_text_file");
    const stats = proxy.getProxyStats();
    expect(Object.fromEntries(Object.entries(stats.servers).map(([name, server]) => [name, server.state]))).toEqual({
      everything: "ready",
      remote: "ready",
      fs: "ready",
    });
    expect(stats.tools).toBe(names.length - 1);
  });

  it("keeps upstream schemas and annotations on proxied tools", async () => {
    const { tools } = await client.listTools();
    const echo = tools.find((tool) => tool.name === "proxy.everything.echo");
    expect(echo?.inputSchema.properties).toHaveProperty("message");
    const structured = tools.find((tool) => tool.name === "proxy.everything.get-structured-content");
    expect(structured?.outputSchema).toBeDefined();
    const longRunning = tools.find((tool) => tool.name === "proxy.everything.trigger-long-running-operation");
    expect(longRunning?.annotations?.readOnlyHint).toBe(true);
  });

  it("calls tools on each upstream and relays their results unchanged", async () => {
    expect(firstText(await client.callTool({ name: "proxy.everything.echo", arguments: { message: "via stdio" } }))).toBe("Echo: via stdio");
    expect(firstText(await client.callTool({ name: "proxy.remote.echo", arguments: { message: "via http" } }))).toBe("Echo: via http");
    const file = await client.callTool({ name: "proxy.fs.read_text_file", arguments: { path: join(directory, "hello.txt") } });
    expect(firstText(file)).toContain("hello from the filesystem server");
    const sum = await client.callTool({ name: "proxy.remote.get-sum", arguments: { a: 2, b: 40 } });
    expect(firstText(sum)).toContain("42");
    const structured = await client.callTool({ name: "proxy.everything.get-structured-content", arguments: { location: "New York" } });
    expect(structured.structuredContent).toMatchObject({ temperature: expect.any(Number) });
  });

  it("returns the upstream's tool error for bad arguments instead of failing the request", async () => {
    const result = await client.callTool({ name: "proxy.fs.read_text_file", arguments: { path: "/etc/passwd" } });
    expect(result.isError).toBe(true);
    expect(firstText(result).toLowerCase()).toMatch(/denied|outside|not allowed/);
  });

  it("rejects arguments that break the upstream's input schema with a tool error naming the field", async () => {
    const result = await client.callTool({ name: "proxy.remote.get-sum", arguments: { a: "two", b: 1 } });
    expect(result.isError).toBe(true);
    expect(firstText(result)).toMatch(/\ba\b/);
  });

  it("lists and reads namespaced resources and templates", async () => {
    const { resources } = await client.listResources();
    const document = resources.find((resource) => resource.uri.startsWith("everything+demo://resource/static/document/"));
    expect(document).toBeDefined();
    const read = await client.readResource({ uri: document!.uri });
    expect(read.contents[0]?.uri).toBe(document!.uri);
    expect(String((read.contents[0] as { text?: string }).text).length).toBeGreaterThan(10);
    const { resourceTemplates } = await client.listResourceTemplates();
    const dynamic = resourceTemplates.find((template) => template.uriTemplate.startsWith("remote+demo://resource/dynamic/text/"));
    expect(dynamic).toBeDefined();
    const viaTemplate = await client.readResource({ uri: dynamic!.uriTemplate.replace(/\{[^}]+\}/, "3") });
    expect(viaTemplate.contents[0]?.uri).toMatch(/^remote\+demo:\/\/resource\/dynamic\/text\/3/);
  });

  it("answers a read of an unknown namespaced resource with a JSON-RPC error, not a crash", async () => {
    await expect(client.readResource({ uri: "everything+demo://resource/static/document/nope.md" })).rejects.toThrow();
    expect(firstText(await client.callTool({ name: "proxy.everything.echo", arguments: { message: "still fine" } }))).toBe("Echo: still fine");
  });

  it("lists and gets prompts with arguments, and relays completions", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toContain("proxy.remote.args-prompt");
    const prompt = await client.getPrompt({ name: "proxy.remote.args-prompt", arguments: { city: "Paris", state: "TX" } });
    expect(JSON.stringify(prompt.messages)).toContain("Paris");
    const completion = await client.complete({
      ref: { type: "ref/prompt", name: "proxy.everything.completable-prompt" },
      argument: { name: "department", value: "Eng" },
    });
    expect(completion.completion.values).toContain("Engineering");
  });

  it("relays progress notifications from the upstream to the downstream caller", async () => {
    const progress: number[] = [];
    const result = await client.callTool(
      { name: "proxy.everything.trigger-long-running-operation", arguments: { duration: 0.3, steps: 4 } },
      undefined,
      { onprogress: (update) => progress.push(update.progress), timeout: 15_000 },
    );
    expect(result.isError).toBeFalsy();
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("relays an upstream elicitation request to the downstream client and its answer back", async () => {
    elicitations.length = 0;
    const result = await client.callTool({ name: "proxy.everything.trigger-elicitation-request", arguments: {} }, undefined, { timeout: 15_000 });
    expect(elicitations).toHaveLength(1);
    expect(JSON.stringify(elicitations[0])).toContain("requestedSchema");
    expect(JSON.stringify(result.content)).toContain("Ada");
  });

  it("relays an upstream elicitation over Streamable HTTP too", async () => {
    elicitations.length = 0;
    const result = await client.callTool({ name: "proxy.remote.trigger-elicitation-request", arguments: {} }, undefined, { timeout: 15_000 });
    expect(elicitations).toHaveLength(1);
    expect(JSON.stringify(result.content)).toContain("Ada");
  });

  it("relays an upstream sampling request to the downstream client", async () => {
    const result = await client.callTool({ name: "proxy.everything.trigger-sampling-request", arguments: { prompt: "hi", maxTokens: 10 } }, undefined, { timeout: 15_000 });
    expect(JSON.stringify(result.content)).toContain("sampled by the downstream client");
  });

  it("calls a proxied tool from code with callProxiedTool", async () => {
    const result = await proxy.callProxiedTool("proxy.fs.list_directory", { path: directory });
    expect(firstText(result)).toContain("hello.txt");
    await expect(proxy.callProxiedTool("proxy.nope.tool", {})).rejects.toMatchObject({ code: "unknown_tool" });
  });
});
