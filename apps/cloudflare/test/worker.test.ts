/**
 * The Worker in the real workerd runtime (`pnpm serve:local` = `wrangler dev --local`), driven
 * by the official SDK clients in both eras, plus raw requests for what a broken client gets.
 */
import { fileURLToPath } from "node:url";
import { describeExampleClients, startLocalRuntime, stopAllRuntimes, type LocalRuntime } from "@chuk-mcp/app-serverless-examples/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    command: "pnpm",
    args: ["run", "--silent", "serve:local"],
    cwd: appDirectory,
    env: { WRANGLER_SEND_METRICS: "false", CI: "true" },
    startupTimeoutMs: 100_000,
  });
});

afterAll(async () => {
  await stopAllRuntimes();
});

describeExampleClients({ url: () => runtime.url });

const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28" };
const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };

describe("the Worker under workerd with bad input", () => {
  it("validates tool arguments with TypeBox's interpreter (no code generation in workerd) and names the field", async () => {
    const response = await fetch(runtime.url, {
      method: "POST",
      headers: { ...headers, "mcp-method": "tools/call", "mcp-name": "add" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: "x", b: 1 }, _meta: meta } }),
    });
    const reply = await response.json();
    expect(reply.result).toMatchObject({ isError: true, content: [{ type: "text", text: 'Invalid arguments for tool "add": a: must be number' }] });
  });

  it("answers malformed JSON with 400 and -32700", async () => {
    const response = await fetch(runtime.url, { method: "POST", headers: { ...headers, "mcp-method": "tools/list" }, body: "{not json" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(-32700);
  });

  it("answers a body over the limit with 413", async () => {
    const response = await fetch(runtime.url, { method: "POST", headers: { ...headers, "mcp-method": "tools/list" }, body: "x".repeat(5 * 1024 * 1024) });
    expect(response.status).toBe(413);
  });

  it("answers another path with 404 naming /mcp", async () => {
    const response = await fetch(runtime.url.replace(/\/mcp$/, "/nope"), { method: "POST", headers, body: "{}" });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain("/mcp");
  });

  it("serves 2025 clients statelessly: no Mcp-Session-Id, and GET is 405", async () => {
    const init = await fetch(runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } } }),
    });
    expect(init.status).toBe(200);
    expect(init.headers.get("mcp-session-id")).toBeNull();
    const stream = await fetch(runtime.url, { method: "GET", headers: { accept: "text/event-stream" } });
    expect(stream.status).toBe(405);
  });
});
