import { afterEach, describe, expect, it } from "vitest";
import { createFixtureServer, INIT_BODY, postHeaders, sseIds, sseMessages } from "../test/fixtures.js";
import { createMcpHandler, type McpHandler } from "./handler.js";
import type { McpHttpOptions } from "./options.js";

const URL_ = "http://127.0.0.1/mcp";
let handler: McpHandler | undefined;

function make(options?: McpHttpOptions) {
  const fixture = createFixtureServer();
  handler = createMcpHandler(fixture.server, options);
  return { handler, ...fixture };
}

afterEach(async () => {
  await handler?.close();
  handler = undefined;
});

function post(target: McpHandler, body: unknown, headers: Record<string, string> = postHeaders()): Promise<Response> {
  return target.fetch(new Request(URL_, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
}

async function initialize(target: McpHandler): Promise<string> {
  const response = await post(target, INIT_BODY);
  expect(response.status).toBe(200);
  const sessionId = response.headers.get("mcp-session-id");
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
  await response.text();
  const initialized = await post(target, { jsonrpc: "2.0", method: "notifications/initialized" }, postHeaders({ "mcp-session-id": sessionId as string }));
  expect(initialized.status).toBe(202);
  return sessionId as string;
}

describe("POST in the 2025 session era", () => {
  it("issues an Mcp-Session-Id on initialize and answers it as JSON", async () => {
    const { handler } = make();
    const response = await post(handler, INIT_BODY);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = (await response.json()) as { result: { protocolVersion: string; serverInfo: { name: string } } };
    expect(body.result.protocolVersion).toBe("2025-11-25");
    expect(body.result.serverInfo.name).toBe("http-fixture");
    expect(response.headers.get("mcp-session-id")).toBeTruthy();
  });

  it("answers a tool call with a JSON body when nothing is sent before the result", async () => {
    const { handler } = make();
    const sessionId = await initialize(handler);
    const response = await post(
      handler,
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 } } },
      postHeaders({ "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "5" }] } });
  });

  it("upgrades to SSE with a priming event when the request reports progress first", async () => {
    const { handler } = make();
    const sessionId = await initialize(handler);
    const response = await post(
      handler,
      { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "progress", arguments: {}, _meta: { progressToken: "p1" } } },
      postHeaders({ "mcp-session-id": sessionId }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const text = await response.text();
    expect(text.startsWith("id: ")).toBe(true);
    expect(text).toContain("retry: 1000\ndata: \n\n");
    const messages = sseMessages(text);
    expect(messages.map((message) => message.method ?? "result")).toEqual(["notifications/progress", "notifications/progress", "result"]);
    expect(messages[2]).toMatchObject({ id: 7, result: { content: [{ type: "text", text: "finished" }] } });
    const ids = sseIds(text);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith(`${sessionId}.`))).toBe(true);
  });

  it("streams every answer as SSE when responseMode is sse", async () => {
    const { handler } = make({ responseMode: "sse" });
    const sessionId = await initialize(handler);
    const response = await post(handler, { jsonrpc: "2.0", id: 2, method: "tools/list" }, postHeaders({ "mcp-session-id": sessionId }));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const messages = sseMessages(await response.text());
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: 2, result: { tools: expect.any(Array) } });
  });

  it("answers 202 with no body for notifications and client responses", async () => {
    const { handler } = make();
    const sessionId = await initialize(handler);
    const notification = await post(handler, { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 99 } }, postHeaders({ "mcp-session-id": sessionId }));
    expect(notification.status).toBe(202);
    expect(await notification.text()).toBe("");
    const clientResponse = await post(handler, { jsonrpc: "2.0", id: "unknown", result: {} }, postHeaders({ "mcp-session-id": sessionId }));
    expect(clientResponse.status).toBe(202);
  });

  it("requires Mcp-Session-Id after initialize (400) and rejects unknown ids (404)", async () => {
    const { handler } = make();
    const missing = await post(handler, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ id: 1, error: { code: -32000, message: expect.stringContaining("Mcp-Session-Id") } });
    const unknown = await post(handler, { jsonrpc: "2.0", id: 2, method: "tools/list" }, postHeaders({ "mcp-session-id": "no-such-session" }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ id: 2, error: { code: -32001 } });
  });

  it("rejects initialize that carries a session id", async () => {
    const { handler } = make();
    const response = await post(handler, INIT_BODY, postHeaders({ "mcp-session-id": "abc" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: -32600 } });
  });

  it("ends a session on DELETE, after which its id gets 404", async () => {
    const { handler } = make();
    const sessionId = await initialize(handler);
    const deleted = await handler.fetch(new Request(URL_, { method: "DELETE", headers: { "mcp-session-id": sessionId, host: "127.0.0.1" } }));
    expect(deleted.status).toBe(200);
    const after = await post(handler, { jsonrpc: "2.0", id: 3, method: "tools/list" }, postHeaders({ "mcp-session-id": sessionId }));
    expect(after.status).toBe(404);
    const deletedAgain = await handler.fetch(new Request(URL_, { method: "DELETE", headers: { "mcp-session-id": sessionId } }));
    expect(deletedAgain.status).toBe(404);
  });

  it("serves 2025 requests without sessions when sessions are off, and refuses GET and DELETE with 405", async () => {
    const { handler } = make({ sessions: false });
    const init = await post(handler, INIT_BODY);
    expect(init.status).toBe(200);
    expect(init.headers.get("mcp-session-id")).toBeNull();
    const list = await post(handler, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect(((await list.json()) as { result: { tools: unknown[] } }).result.tools.length).toBeGreaterThan(0);
    const get = await handler.fetch(new Request(URL_, { headers: { accept: "text/event-stream" } }));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    const del = await handler.fetch(new Request(URL_, { method: "DELETE" }));
    expect(del.status).toBe(405);
  });
});

describe("bad input on POST", () => {
  it("answers 406 when Accept lacks text/event-stream or application/json", async () => {
    const { handler } = make();
    for (const accept of ["application/json", "text/event-stream", "text/html"]) {
      const response = await post(handler, INIT_BODY, postHeaders({ accept }));
      expect(response.status, accept).toBe(406);
      expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("Accept") } });
    }
    expect((await post(handler, INIT_BODY, postHeaders({ accept: "*/*" }))).status).toBe(200);
  });

  it("answers 415 when the content type is not JSON", async () => {
    const { handler } = make();
    const response = await post(handler, INIT_BODY, postHeaders({ "content-type": "text/plain" }));
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("Content-Type: application/json") } });
    expect((await post(handler, INIT_BODY, postHeaders({ "content-type": "application/json; charset=utf-8" }))).status).toBe(200);
  });

  it("answers 400 with -32700 for malformed JSON", async () => {
    const { handler } = make();
    const response = await post(handler, '{"jsonrpc": "2.0", "id": 1,');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
    const empty = await post(handler, "");
    expect(empty.status).toBe(400);
  });

  it("answers 400 with -32600 for batches and non-JSON-RPC objects", async () => {
    const { handler } = make();
    for (const body of ["[]", '[{"jsonrpc":"2.0","id":1,"method":"ping"}]', '{"id":1,"method":"ping"}', '"text"', '{"jsonrpc":"2.0","id":1}']) {
      const response = await post(handler, body);
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: -32600 } });
    }
  });

  it("answers 413 for a body over the limit, by Content-Length or by counting", async () => {
    const { handler } = make({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ ...INIT_BODY, padding: "x".repeat(2000) });
    const declared = await post(handler, big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { message: expect.stringContaining("1024 bytes") } });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 10; index++) controller.enqueue(new TextEncoder().encode("x".repeat(500)));
        controller.close();
      },
    });
    const counted = await handler.fetch(new Request(URL_, { method: "POST", headers: postHeaders(), body: stream, duplex: "half" } as RequestInit));
    expect(counted.status).toBe(413);
  });

  it("answers 400 for an unsupported MCP-Protocol-Version header, listing the supported ones", async () => {
    const { handler } = make();
    const sessionId = await initialize(handler);
    const response = await post(handler, { jsonrpc: "2.0", id: 4, method: "tools/list" }, postHeaders({ "mcp-session-id": sessionId, "mcp-protocol-version": "1999-01-01" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: 4, error: { code: -32022, data: { requested: "1999-01-01", supported: expect.arrayContaining(["2025-11-25"]) } } });
  });

  it("answers 405 for methods the endpoint does not offer", async () => {
    const { handler } = make();
    const response = await handler.fetch(new Request(URL_, { method: "PUT", body: "{}" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST, DELETE, OPTIONS");
  });
});

describe("GET streams", () => {
  it("answers 406 without Accept: text/event-stream and 405 for 2026 clients", async () => {
    const { handler } = make();
    const sessionId = await initialize(handler);
    const noAccept = await handler.fetch(new Request(URL_, { headers: { "mcp-session-id": sessionId, accept: "application/json" } }));
    expect(noAccept.status).toBe(406);
    const stateless = await handler.fetch(new Request(URL_, { headers: { accept: "text/event-stream", "mcp-protocol-version": "2026-07-28" } }));
    expect(stateless.status).toBe(405);
  });

  it("delivers unrelated notifications on the standalone stream and refuses a second one with 409", async () => {
    const { handler, server } = make();
    const sessionId = await initialize(handler);
    const get = await handler.fetch(new Request(URL_, { headers: { "mcp-session-id": sessionId, accept: "text/event-stream" } }));
    expect(get.status).toBe(200);
    expect(get.headers.get("content-type")).toBe("text/event-stream");
    const second = await handler.fetch(new Request(URL_, { headers: { "mcp-session-id": sessionId, accept: "text/event-stream" } }));
    expect(second.status).toBe(409);
    server.tool({ name: "late", input: { type: "object" }, handler: () => "late" });
    const reader = (get.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (!text.includes("list_changed")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(sseMessages(text)).toContainEqual({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
  });
});

describe("origin protection and CORS", () => {
  it("rejects a foreign Origin with 403 and accepts loopback ones", async () => {
    const { handler } = make();
    const evil = await post(handler, INIT_BODY, postHeaders({ host: "127.0.0.1:3000", origin: "http://evil.example.com" }));
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { message: expect.stringContaining("allowedOrigins") } });
    const local = await post(handler, INIT_BODY, postHeaders({ host: "127.0.0.1:3000", origin: "http://localhost:5173" }));
    expect(local.status).toBe(200);
  });

  it("rejects a Host outside allowedHosts with 403", async () => {
    const { handler } = make({ allowedHosts: ["localhost", "127.0.0.1"] });
    const evil = await post(handler, INIT_BODY, postHeaders({ host: "evil.example.com", origin: "http://evil.example.com" }));
    expect(evil.status).toBe(403);
  });

  it("answers preflights and exposes Mcp-Session-Id to allowed origins", async () => {
    const { handler } = make({ cors: { origin: ["https://app.example.com"] } });
    const preflight = await handler.fetch(
      new Request(URL_, { method: "OPTIONS", headers: { origin: "https://app.example.com", "access-control-request-headers": "content-type, mcp-session-id" } }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("DELETE");
    const response = await post(handler, INIT_BODY, postHeaders({ host: "api.example.com", origin: "https://app.example.com" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-expose-headers")).toContain("Mcp-Session-Id");
    const other = await post(handler, INIT_BODY, postHeaders({ host: "api.example.com", origin: "https://other.example.com" }));
    expect(other.status).toBe(403);
  });
});

describe("shutdown", () => {
  it("lets an in-flight request finish, then refuses new ones with 503", async () => {
    const { handler } = make();
    const sessionId = await initialize(handler);
    const inFlight = post(handler, { jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "slow", arguments: { ms: 150 } } }, postHeaders({ "mcp-session-id": sessionId }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closed = handler.close();
    expect(handler.closing).toBe(true);
    const refused = await post(handler, INIT_BODY);
    expect(refused.status).toBe(503);
    const finished = await inFlight;
    expect(await finished.json()).toMatchObject({ id: 5, result: { content: [{ text: "slept 150" }] } });
    await closed;
  });

  it("aborts requests still running at the deadline", async () => {
    const { handler, controls } = make({ shutdownTimeoutMs: 50 });
    const sessionId = await initialize(handler);
    const inFlight = post(handler, { jsonrpc: "2.0", id: 6, method: "tools/call", params: { name: "slow", arguments: { ms: 5_000 } } }, postHeaders({ "mcp-session-id": sessionId }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await handler.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await inFlight;
    expect(controls.aborted).toContain("slow");
  });
});
