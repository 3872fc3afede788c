import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { server } from "./server.js";

// `npm test` builds first, so this is the file `node dist/main.js` (and Claude Desktop) runs.
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

describe("over stdio (the built server)", () => {
  const client = new Client({ name: "test", version: "1.0.0" });

  beforeAll(async () => {
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN], stderr: "pipe" }));
  });
  afterAll(() => client.close());

  it("lists the tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["add", "calculate", "hello"]);
  });

  it("adds two numbers", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
    expect(result.structuredContent).toEqual({ sum: 5 });
  });

  it("greets World by default", async () => {
    const result = await client.callTool({ name: "hello", arguments: {} });
    expect(result.content).toEqual([{ type: "text", text: "Hello, World!" }]);
  });

  it("calculates, and reports a bad expression as a tool error", async () => {
    const good = await client.callTool({ name: "calculate", arguments: { expression: "2 * (3 + 4)" } });
    expect(good.content).toEqual([{ type: "text", text: "2 * (3 + 4) = 14" }]);
    const bad = await client.callTool({ name: "calculate", arguments: { expression: "1 / 0" } });
    expect(bad.isError).toBe(true);
    expect(bad.content).toEqual([{ type: "text", text: "Division by zero." }]);
  });

  it("rejects a call with arguments of the wrong type", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: "two", b: 3 } });
    expect(result.isError).toBe(true);
  });

  it("serves config://info and the code_review prompt", async () => {
    const { contents } = await client.readResource({ uri: "config://info" });
    expect(JSON.parse((contents[0] as { text: string }).text)).toMatchObject({ name: "{{name}}", version: "0.1.0" });
    const prompt = await client.getPrompt({ name: "code_review", arguments: { code: "let x = 1", language: "TypeScript" } });
    expect(JSON.stringify(prompt.messages)).toContain("let x = 1");
  });
});

describe("over Streamable HTTP", () => {
  const client = new Client({ name: "test", version: "1.0.0" });
  let close: () => Promise<void>;

  beforeAll(async () => {
    const running = await server.run({ transport: "http", port: 0, argv: [], env: {}, exitOnError: false });
    close = () => running.close();
    await client.connect(new StreamableHTTPClientTransport(new URL(running.url as string)));
  });
  afterAll(async () => {
    await client.close();
    await close();
  });

  it("adds two numbers", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: 40, b: 2 } });
    expect(result.structuredContent).toEqual({ sum: 42 });
  });
});
