/**
 * The Lambda function under serverless-offline (`pnpm serve:local`): real API Gateway HTTP API
 * (payload 2.0, `/mcp`) and REST API (payload 1.0, `/dev/mcp`) events, the handler run by Node
 * as Lambda would. Driven by the official SDK clients in both eras, plus raw bad input.
 */
import { fileURLToPath } from "node:url";
import { describeExampleClients, freePort, startLocalRuntime, stopAllRuntimes, type LocalRuntime } from "@chuk-mcp/app-serverless-examples/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    command: "pnpm",
    args: ["run", "--silent", "serve:local"],
    cwd: appDirectory,
    env: { LAMBDA_PORT: String(await freePort()), SESSION_PROVIDER: "memory", REDIS_URL: "" },
    startupTimeoutMs: 90_000,
  });
});

afterAll(async () => {
  await stopAllRuntimes();
});

describe("HTTP API (payload 2.0) at /mcp", () => {
  describeExampleClients({ url: () => runtime.url });
});

describe("REST API (payload 1.0) at /dev/mcp", () => {
  describeExampleClients({ url: () => runtime.url.replace(/\/mcp$/, "/dev/mcp") });
});

const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" };

describe("the Lambda function with bad input", () => {
  it.each(["/mcp", "/dev/mcp"])("answers malformed JSON at %s with 400 and -32700", async (path) => {
    const response = await fetch(runtime.url.replace(/\/mcp$/, path), { method: "POST", headers, body: "{not json" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(-32700);
  });

  it("answers a body over the 4 MiB limit with 413 and a JSON-RPC error", async () => {
    const response = await fetch(runtime.url, { method: "POST", headers, body: JSON.stringify({ padding: "x".repeat(4 * 1024 * 1024 + 16) }) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.data.code).toBe("body_too_large");
  });

  it("answers a 2025 initialize without Mcp-Session-Id (stateless) and GET with 405", async () => {
    const init = await fetch(runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } } }),
    });
    expect(init.status).toBe(200);
    expect(init.headers.get("mcp-session-id")).toBeNull();
    expect((await fetch(runtime.url, { headers: { accept: "text/event-stream" } })).status).toBe(405);
  });
});
