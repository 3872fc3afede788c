import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm test` builds first (the proxied notes server runs from dist/), then this starts the
// gateway exactly as `npm start` does and talks to it with the official SDK client.
const PROJECT = fileURLToPath(new URL("..", import.meta.url));
const RUNTIME = fileURLToPath(new URL("../node_modules/@chuk-mcp/runtime/dist/cli/main.js", import.meta.url));

describe("the gateway (config.yaml over stdio)", () => {
  const client = new Client({ name: "test", version: "1.0.0" });

  beforeAll(async () => {
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [RUNTIME, "--config", "config.yaml"], cwd: PROJECT, stderr: "pipe" }));
  }, 60_000);
  afterAll(() => client.close());

  it("lists the local tools and the proxied ones", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["add", "hello", "proxy.notes.add_note", "proxy.notes.list_notes"]);
  });

  it("calls a local tool", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
    expect(result.structuredContent).toEqual({ sum: 5 });
  });

  it("calls the proxied server", async () => {
    await client.callTool({ name: "proxy.notes.add_note", arguments: { text: "buy milk" } });
    const result = await client.callTool({ name: "proxy.notes.list_notes", arguments: {} });
    expect(result.content).toEqual([{ type: "text", text: "1. buy milk" }]);
  });

  it("rejects a call with arguments of the wrong type", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: "two", b: 3 } });
    expect(result.isError).toBe(true);
  });
});
