import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestServer, statelessCall } from "../../test/server.js";
import { createServerlessHandler, sessionProviderFromEnvironment, type ServerlessHandler } from "./serverless-handler.js";

const handlers: ServerlessHandler[] = [];
afterAll(async () => {
  await Promise.all(handlers.map((handler) => handler.dispose()));
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("https://fn.example/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });

const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } };

describe("createServerlessHandler", () => {
  it("is stateless by default: a 2025 initialize gets no Mcp-Session-Id and a later call still works", async () => {
    const handler = await createServerlessHandler(createTestServer(), { env: {} });
    handlers.push(handler);
    expect(handler.sessions).toBe("stateless");
    const init = await handler.fetch(post(initialize));
    expect(init.headers.get("mcp-session-id")).toBeNull();
    const call = await handler.fetch(post({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "hello", arguments: { name: "Ada" } } }, { "mcp-protocol-version": "2025-11-25" }));
    expect((await call.json()).result.content[0].text).toBe("Hello, Ada!");
  });

  it("keeps 2025 sessions in Redis so a second instance serves a session the first one opened", async () => {
    const env = { SESSION_PROVIDER: "redis", REDIS_URL: "redis://127.0.0.1:6379", MCP_SANDBOX_ID: `cloud-test-${randomUUID()}` };
    const first = await createServerlessHandler(createTestServer(), { env });
    const second = await createServerlessHandler(createTestServer(), { env });
    handlers.push(first, second);
    expect(first.sessions).toBe("redis");
    const init = await first.fetch(post(initialize));
    const sessionId = init.headers.get("mcp-session-id");
    expect(sessionId).toMatch(/.+/);
    await init.text();
    const headers = { "mcp-session-id": sessionId as string, "mcp-protocol-version": "2025-11-25" };
    expect((await first.fetch(post({ jsonrpc: "2.0", method: "notifications/initialized" }, headers))).status).toBe(202);
    // The session store is written in the background; give it a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const call = await second.fetch(post({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } } }, headers));
    expect(call.status).toBe(200);
    expect((await call.json()).result.structuredContent).toEqual({ sum: 3 });
  });

  it("still serves the 2026-07-28 era statelessly with Redis sessions on", async () => {
    const env = { REDIS_URL: "redis://127.0.0.1:6379", MCP_SANDBOX_ID: `cloud-test-${randomUUID()}` };
    const handler = await createServerlessHandler(createTestServer(), { env });
    handlers.push(handler);
    const call = statelessCall(1, "tools/list");
    const response = await handler.fetch(new Request("https://fn.example/mcp", { method: "POST", headers: call.headers, body: call.body }));
    expect(response.status).toBe(200);
    expect(response.headers.get("mcp-session-id")).toBeNull();
  });

  it("rejects an unknown SESSION_PROVIDER with a message naming the accepted values", () => {
    expect(() => sessionProviderFromEnvironment({ SESSION_PROVIDER: "dynamo" })).toThrow(/expected 'redis'.*'memory'/);
    expect(sessionProviderFromEnvironment({ SESSION_PROVIDER: "memory", REDIS_URL: "redis://x" })).toBe("stateless");
  });
});
