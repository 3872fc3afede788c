/**
 * The Edge function in Vercel's Edge runtime (`pnpm serve:local`: the `edge-runtime` VM, no
 * Node built-ins, no code generation), driven by the official SDK clients in both eras.
 */
import { fileURLToPath } from "node:url";
import { describeExampleClients, startLocalRuntime, stopAllRuntimes, type LocalRuntime } from "@chuk-mcp/app-serverless-examples/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ command: "pnpm", args: ["run", "--silent", "serve:local"], cwd: appDirectory, startupTimeoutMs: 60_000 });
});

afterAll(async () => {
  await stopAllRuntimes();
});

describeExampleClients({ url: () => runtime.url });

describe("the Edge function's routes", () => {
  it("serves the file route /api/mcp as well as the rewritten /mcp", async () => {
    const response = await fetch(runtime.url.replace(/\/mcp$/, "/api/mcp"), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} } } }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).result.tools.length).toBe(5);
  });

  it("answers malformed JSON with 400 and -32700", async () => {
    const response = await fetch(runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" },
      body: "{oops",
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(-32700);
  });

  it("answers /elsewhere with 404 naming both served paths", async () => {
    const response = await fetch(runtime.url.replace(/\/mcp$/, "/elsewhere"), { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain("/api/mcp");
  });
});
