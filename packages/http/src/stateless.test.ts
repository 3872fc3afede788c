import { afterEach, describe, expect, it } from "vitest";
import { createFixtureServer, postHeaders, sseMessages, statelessBody, statelessHeaders } from "../test/fixtures.js";
import { createMcpHandler, type McpHandler } from "./handler.js";

let handler: McpHandler | undefined;

function make(): McpHandler {
  handler = createMcpHandler(createFixtureServer().server);
  return handler;
}

afterEach(async () => {
  await handler?.close();
  handler = undefined;
});

function post(target: McpHandler, body: unknown, headers: Record<string, string>): Promise<Response> {
  return target.fetch(new Request("http://127.0.0.1/mcp", { method: "POST", headers, body: JSON.stringify(body) }));
}

describe("one era rule over HTTP (core routeMessage)", () => {
  it("answers server/discover with neither _meta nor MCP-Protocol-Version 400, as a 2026-07-28 request", async () => {
    const target = make();
    const response = await post(target, { jsonrpc: "2.0", id: 9, method: "server/discover" }, postHeaders());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: 9, error: { code: -32020 } });
  });

  it("answers an unknown MCP-Protocol-Version header 400 with -32022 and the request's id", async () => {
    const target = make();
    const response = await post(target, { jsonrpc: "2.0", id: 10, method: "tools/list" }, postHeaders({ "mcp-protocol-version": "2099-01-01" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: 10, error: { code: -32022, data: { requested: "2099-01-01" } } });
  });
});

describe("2026-07-28 stateless requests", () => {
  it("answers tools/list without a session", async () => {
    const target = make();
    const response = await post(target, statelessBody(1, "tools/list"), statelessHeaders("tools/list"));
    expect(response.status).toBe(200);
    expect(response.headers.get("mcp-session-id")).toBeNull();
    const body = (await response.json()) as { result: { tools: Array<{ name: string }> } };
    expect(body.result.tools.map((tool) => tool.name)).toContain("add");
  });

  it("accepts routing headers in any letter case and with surrounding whitespace", async () => {
    const target = make();
    const response = await post(
      target,
      statelessBody(2, "tools/call", { name: "add", arguments: { a: 1, b: 1 } }),
      postHeaders({ "MCP-Protocol-Version": "2026-07-28", "MCP-METHOD": "tools/call", "Mcp-Name": "  add  " }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 2, result: { content: [{ text: "2" }] } });
  });

  it("accepts a Base64-wrapped Mcp-Name", async () => {
    const target = make();
    const encoded = `=?base64?${btoa("add")}?=`;
    const response = await post(target, statelessBody(3, "tools/call", { name: "add", arguments: { a: 1, b: 2 } }), statelessHeaders("tools/call", encoded));
    expect(response.status).toBe(200);
  });

  it.each([
    ["a mismatched Mcp-Method", statelessBody(4, "tools/list"), statelessHeaders("prompts/list")],
    ["a missing Mcp-Method", statelessBody(4, "tools/list"), postHeaders({ "mcp-protocol-version": "2026-07-28" })],
    ["an upper-case Mcp-Method value", statelessBody(4, "tools/list"), statelessHeaders("TOOLS/LIST")],
    ["a mismatched Mcp-Name", statelessBody(4, "tools/call", { name: "add", arguments: {} }), statelessHeaders("tools/call", "wrong_tool")],
    ["a missing Mcp-Name", statelessBody(4, "tools/call", { name: "add", arguments: {} }), statelessHeaders("tools/call")],
    ["a bad Base64 Mcp-Name", statelessBody(4, "tools/call", { name: "add", arguments: {} }), statelessHeaders("tools/call", "=?base64?YWRk?=x")],
    ["a missing MCP-Protocol-Version", statelessBody(4, "tools/list"), postHeaders({ "mcp-method": "tools/list" })],
    ["a header version that differs from _meta", statelessBody(4, "tools/list"), statelessHeaders("tools/list", undefined, { "mcp-protocol-version": "2025-11-25" })],
  ])("rejects %s with 400 and -32020 HeaderMismatch", async (_label, body, headers) => {
    const target = make();
    const response = await post(target, body, headers);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ jsonrpc: "2.0", id: 4, error: { code: -32020, message: expect.any(String) } });
  });

  it("rejects an unsupported version with 400 and -32022 echoing the requested one", async () => {
    const target = make();
    const body = statelessBody(5, "server/discover");
    (body.params as { _meta: Record<string, unknown> })._meta["io.modelcontextprotocol/protocolVersion"] = "v999.0.0";
    const response = await post(target, body, statelessHeaders("server/discover", undefined, { "mcp-protocol-version": "v999.0.0" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: 5, error: { code: -32022, data: { requested: "v999.0.0", supported: expect.arrayContaining(["2026-07-28"]) } } });
  });

  it("rejects a request whose _meta lacks clientCapabilities with 400 and -32602", async () => {
    const target = make();
    const body = statelessBody(6, "tools/list");
    delete (body.params as { _meta: Record<string, unknown> })._meta["io.modelcontextprotocol/clientCapabilities"];
    const response = await post(target, body, statelessHeaders("tools/list"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: 6, error: { code: -32602, message: expect.stringContaining("clientCapabilities") } });
  });

  it.each(["initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe", "unknown/method"])(
    "answers 404 with -32601 for %s sent as a 2026 request",
    async (method) => {
      const target = make();
      const response = await post(target, statelessBody(7, method), statelessHeaders(method));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ id: 7, error: { code: -32601 } });
    },
  );

  it("streams progress as SSE (no event ids: nothing to resume) and never offers a GET stream", async () => {
    const target = make();
    const body = statelessBody(8, "tools/call", { name: "progress", arguments: {} });
    (body.params as { _meta: Record<string, unknown> })._meta.progressToken = "tok";
    const response = await post(target, body, statelessHeaders("tools/call", "progress"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const text = await response.text();
    expect(text).not.toContain("id:");
    const messages = sseMessages(text);
    expect(messages.map((message) => message.method ?? "result")).toEqual(["notifications/progress", "notifications/progress", "result"]);
    expect(messages.at(-1)).toMatchObject({ id: 8, result: { content: [{ text: "finished" }] } });
    const get = await target.fetch(new Request("http://127.0.0.1/mcp", { headers: { accept: "text/event-stream", "mcp-protocol-version": "2026-07-28" } }));
    expect(get.status).toBe(405);
  });

  it("answers 202 for a 2026 notification", async () => {
    const target = make();
    const response = await post(
      target,
      { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1, _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28" } } },
      statelessHeaders("notifications/cancelled"),
    );
    expect(response.status).toBe(202);
  });
});
