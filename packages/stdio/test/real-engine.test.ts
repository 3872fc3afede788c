import { PassThrough } from "node:stream";
import { McpServer, Type } from "@chuk-mcp/core";
import { afterEach, describe, expect, it } from "vitest";
import { serveStdio } from "../src/serve-stdio.js";
import type { StdioServer } from "../src/types.js";
import { collectLines, request, waitFor } from "./streams.js";

const running: StdioServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

function start(options: { shutdownTimeoutMs?: number } = {}) {
  const engine = new McpServer({ name: "stdio-test", version: "1.0.0" });
  engine.tool({
    name: "ask",
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit({ mode: "form", message: "Name?", requestedSchema: { type: "object", properties: { name: { type: "string" } } } });
      return `answer: ${answer.action}`;
    },
  });
  engine.tool({
    name: "add",
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    handler: ({ a, b }) => String(a + b),
  });
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const server = serveStdio(engine, { stdin, stdout, stderr: new PassThrough(), ...options });
  running.push(server);
  return { stdin, server, output: collectLines(stdout) };
}

const initialize = request(0, "initialize", {
  protocolVersion: "2025-11-25",
  capabilities: { elicitation: { form: {} } },
  clientInfo: { name: "stdio-test-client", version: "1.0.0" },
});

describe("serveStdio with the @chuk-mcp/core engine", () => {
  it("runs the 2025 handshake and a tool call over newline-delimited JSON-RPC", async () => {
    const { stdin, output } = start();
    stdin.write(initialize);
    await waitFor(() => output.lines.length === 1);
    expect(output.lines[0]).toMatchObject({ id: 0, result: { protocolVersion: "2025-11-25", serverInfo: { name: "stdio-test" } } });
    stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\r\n`);
    stdin.write(request(1, "tools/call", { name: "add", arguments: { a: 2, b: 40 } }));
    await waitFor(() => output.lines.length === 2);
    expect(output.lines[1]).toMatchObject({ id: 1, result: { content: [{ type: "text", text: "42" }] } });
  });

  it("answers invalid JSON with -32700 and id null, then keeps serving", async () => {
    const { stdin, output } = start();
    stdin.write('{"jsonrpc":"2.0","id":1,"method":\n');
    stdin.write(initialize);
    await waitFor(() => output.lines.length === 2);
    expect(output.lines[0]).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
    expect(output.lines[1]).toMatchObject({ id: 0, result: { protocolVersion: "2025-11-25" } });
  });

  it("answers an unknown method with -32601 for that request's id", async () => {
    const { stdin, output } = start();
    stdin.write(initialize);
    stdin.write(request(9, "no/such/method"));
    await waitFor(() => output.lines.length === 2);
    expect(output.lines.find((line) => (line as { id: unknown }).id === 9)).toMatchObject({ error: { code: -32601 } });
  });

  it("relays a server→client elicitation and routes the client's answer back to the handler", async () => {
    const { stdin, output } = start();
    stdin.write(initialize + request(1, "tools/call", { name: "ask", arguments: {} }));
    await waitFor(() => output.lines.some((line) => (line as { method?: string }).method === "elicitation/create"));
    const ask = output.lines.find((line) => (line as { method?: string }).method === "elicitation/create") as { id: string | number };
    stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: ask.id, result: { action: "accept", content: { name: "Ada" } } })}\n`);
    await waitFor(() => output.lines.some((line) => (line as { id?: unknown }).id === 1));
    expect(output.lines.find((line) => (line as { id?: unknown }).id === 1)).toMatchObject({ result: { content: [{ text: "answer: accept" }] } });
  });

  it("does not hang on EOF while a handler waits for the client: the session closes after shutdownTimeoutMs", async () => {
    const { stdin, server, output } = start({ shutdownTimeoutMs: 100 });
    stdin.write(initialize + request(1, "tools/call", { name: "ask", arguments: {} }));
    await waitFor(() => output.lines.some((line) => (line as { method?: string }).method === "elicitation/create"));
    stdin.end();
    await server.closed;
  });
});
