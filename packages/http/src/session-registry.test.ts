import { describe, expect, it } from "vitest";
import { createFixtureServer, INIT_BODY, postHeaders } from "../test/fixtures.js";
import { MemoryEventStore } from "./event-store.js";
import { createMcpHandler, type McpHandler, TRANSPORT } from "./handler.js";
import { MemorySessionStateStore } from "./memory-session-state-store.js";

function post(handler: McpHandler, body: unknown, headers = postHeaders()): Promise<Response> {
  return handler.fetch(new Request("http://127.0.0.1/mcp", { method: "POST", headers, body: JSON.stringify(body) }));
}

async function initialize(handler: McpHandler): Promise<string> {
  const response = await post(handler, INIT_BODY);
  await response.text();
  return response.headers.get("mcp-session-id") as string;
}

describe("sessions across instances and limits", () => {
  it("rehydrates a session from a shared store on another instance", async () => {
    const sessionStore = new MemorySessionStateStore();
    const eventStore = new MemoryEventStore();
    const first = createMcpHandler(createFixtureServer().server, { sessionStore, eventStore });
    const second = createMcpHandler(createFixtureServer().server, { sessionStore, eventStore });
    const sessionId = await initialize(first);
    await post(first, { jsonrpc: "2.0", method: "notifications/initialized" }, postHeaders({ "mcp-session-id": sessionId }));
    const elsewhere = await post(second, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 1 } } }, postHeaders({ "mcp-session-id": sessionId }));
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.json()).toMatchObject({ id: 1, result: { content: [{ text: "2" }] } });
    expect(second[TRANSPORT].registry?.size).toBe(1);
    await first.close();
    await second.close();
  });

  it("evicts the least recently used idle session when maxSessions is reached (default store)", async () => {
    const handler = createMcpHandler(createFixtureServer().server, { maxSessions: 2 });
    const [a, b, c] = [await initialize(handler), await initialize(handler), await initialize(handler)];
    expect(handler[TRANSPORT].registry?.size).toBe(2);
    const status = async (id: string) =>
      (await post(handler, { jsonrpc: "2.0", id: 1, method: "tools/list" }, postHeaders({ "mcp-session-id": id }))).status;
    expect(await status(a)).toBe(404);
    expect(await status(b)).toBe(200);
    expect(await status(c)).toBe(200);
    await handler.close();
  });

  it("rehydrates a session evicted from memory while a larger store still holds it", async () => {
    const sessionStore = new MemorySessionStateStore({ maxSessions: 100 });
    const handler = createMcpHandler(createFixtureServer().server, { maxSessions: 2, sessionStore });
    const [a, b, c] = [await initialize(handler), await initialize(handler), await initialize(handler)];
    for (const id of [a, b, c]) {
      const response = await post(handler, { jsonrpc: "2.0", id: 1, method: "tools/list" }, postHeaders({ "mcp-session-id": id }));
      expect(response.status, id).toBe(200);
    }
    expect(handler[TRANSPORT].registry?.size).toBe(2);
    await handler.close();
  });

  it("reaps sessions idle longer than the TTL, after which their id gets 404", async () => {
    const handler = createMcpHandler(createFixtureServer().server, { sessionTtlMs: 60_000 });
    const sessionId = await initialize(handler);
    const registry = handler[TRANSPORT].registry;
    expect(registry?.reap(Date.now())).toBe(0);
    expect(registry?.reap(Date.now() + 61_000)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const after = await post(handler, { jsonrpc: "2.0", id: 1, method: "tools/list" }, postHeaders({ "mcp-session-id": sessionId }));
    expect(after.status).toBe(404);
    await handler.close();
  });

  it("answers 503 when every live session is busy and the limit is reached", async () => {
    const { server, controls } = createFixtureServer();
    const handler = createMcpHandler(server, { maxSessions: 1, shutdownTimeoutMs: 100 });
    const sessionId = await initialize(handler);
    const busy = post(handler, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "wait_for_release", arguments: {} } }, postHeaders({ "mcp-session-id": sessionId }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await post(handler, INIT_BODY);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining("too many live sessions") } });
    controls.release();
    await (await busy).text();
    await handler.close();
  });
});
