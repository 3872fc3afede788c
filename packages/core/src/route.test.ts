import { describe, expect, it } from "vitest";
import { McpServer } from "./server.js";
import { routeMessage } from "./route.js";

const META = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };

describe("routeMessage", () => {
  it("routes a 2026-07-28 request with its _meta envelope, and a plain request to the session era", () => {
    const stateless = routeMessage({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: META } });
    expect(stateless).toMatchObject({ ok: true, kind: "request", era: "2026-07-28", stateless: { protocolVersion: "2026-07-28" } });
    const session = routeMessage({ jsonrpc: "2.0", id: 2, method: "tools/list" }, { headers: { "mcp-protocol-version": "2025-11-25" } });
    expect(session).toMatchObject({ ok: true, kind: "request", era: "2025-11-25-family", stateless: undefined });
  });

  it("treats server/discover with neither _meta nor header as 2026-07-28 and refuses its missing _meta with -32602", () => {
    const route = routeMessage({ jsonrpc: "2.0", id: 3, method: "server/discover" });
    expect(route).toMatchObject({ ok: false, id: 3, code: -32602 });
    expect(route.ok === false && route.message).toContain("params._meta is missing");
  });

  it("refuses an unknown MCP-Protocol-Version header with -32022 naming the supported versions, in any method", () => {
    for (const method of ["tools/list", "initialize"]) {
      const route = routeMessage({ jsonrpc: "2.0", id: 4, method }, { headers: { "mcp-protocol-version": "2099-01-01" } });
      expect(route).toMatchObject({ ok: false, code: -32022, data: { requested: "2099-01-01" } });
    }
  });

  it("checks the envelope: batches, a wrong jsonrpc, a bad id and non-object params each get their own error", () => {
    expect(routeMessage([])).toMatchObject({ ok: false, code: -32600, id: null });
    expect(routeMessage({ jsonrpc: "1.0", id: 5, method: "ping" })).toMatchObject({ ok: false, code: -32600, id: 5 });
    expect(routeMessage({ jsonrpc: "2.0", id: { x: 1 }, method: "ping" })).toMatchObject({ ok: false, code: -32600, id: null });
    expect(routeMessage({ jsonrpc: "2.0", id: 6, method: "ping", params: [1] })).toMatchObject({ ok: false, code: -32602, kind: "request" });
    expect(routeMessage({ jsonrpc: "2.0", id: 7, result: {} })).toMatchObject({ ok: true, kind: "response" });
  });

  it("skips the header checks when no headers came (stdio) but applies them over HTTP", () => {
    const message = { jsonrpc: "2.0", id: 8, method: "tools/list", params: { _meta: META } };
    expect(routeMessage(message, { headers: {} })).toMatchObject({ ok: true });
    expect(routeMessage(message, { headers: { accept: "application/json" } })).toMatchObject({ ok: false, code: -32020 });
    expect(routeMessage(message, { headers: { "mcp-protocol-version": "2025-11-25" } })).toMatchObject({ ok: false, code: -32020 });
  });
});

describe("dispatchAnswer", () => {
  it("reports the error code and the initialize result next to the text", async () => {
    const server = new McpServer({ name: "t", version: "1" });
    const failed = await server.dispatchAnswer(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "nope" }));
    expect(failed).toMatchObject({ errorCode: -32601, initialized: false });
    expect(JSON.parse(failed?.text ?? "")).toMatchObject({ id: 1, error: { code: -32601 } });
    const opened = await server.dispatchAnswer(
      JSON.stringify({ jsonrpc: "2.0", id: 2, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" } } }),
    );
    expect(opened).toMatchObject({ errorCode: undefined, initialized: true });
    expect(await server.dispatchAnswer("{not json")).toMatchObject({ errorCode: -32700 });
  });
});
