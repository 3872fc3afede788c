import { describe, expect, it } from "vitest";
import { ID_PLACEHOLDER, buildLoadRequest, checkRpcResult, parseRpcBody } from "./mcp-requests.mjs";

describe("buildLoadRequest", () => {
  it("gives a 2026-07-28 tools/call the _meta protocol version and the Mcp-Method / Mcp-Name headers", () => {
    const request = buildLoadRequest({ era: "2026", method: "tools/call", id: 5 });
    const body = JSON.parse(request.body);
    expect(body.params._meta["io.modelcontextprotocol/protocolVersion"]).toBe("2026-07-28");
    expect(body.params._meta["io.modelcontextprotocol/clientCapabilities"]).toEqual({});
    expect(request.headers["mcp-protocol-version"]).toBe("2026-07-28");
    expect(request.headers["mcp-method"]).toBe("tools/call");
    expect(request.headers["mcp-name"]).toBe("add");
  });

  it("names the resource URI in Mcp-Name for resources/read", () => {
    expect(buildLoadRequest({ era: "2026", method: "resources/read" }).headers["mcp-name"]).toBe("bench://static");
  });

  it("maps ping to server/discover in the 2026 era and to ping in the 2025 era", () => {
    expect(buildLoadRequest({ era: "2026", method: "ping" }).rpcMethod).toBe("server/discover");
    expect(buildLoadRequest({ era: "2025", method: "ping" }).rpcMethod).toBe("ping");
  });

  it("carries the 2025 session id and negotiated version, and no _meta", () => {
    const request = buildLoadRequest({
      era: "2025",
      method: "tools/list",
      session: { sessionId: "abc", protocolVersion: "2025-06-18" },
    });
    expect(request.headers["mcp-session-id"]).toBe("abc");
    expect(request.headers["mcp-protocol-version"]).toBe("2025-06-18");
    expect(request.headers["mcp-method"]).toBeUndefined();
    expect(JSON.parse(request.body).params._meta).toBeUndefined();
  });

  it("leaves the id placeholder autocannon replaces per request", () => {
    expect(buildLoadRequest({ era: "2025", method: "tools/call" }).body).toContain(`"id":"${ID_PLACEHOLDER}"`);
  });

  it("refuses a method it cannot check", () => {
    expect(() => buildLoadRequest({ era: "2025", method: "prompts/get" })).toThrow(/Unknown load method "prompts\/get"/);
  });
});

describe("parseRpcBody", () => {
  it("finds the response among SSE events, skipping priming and notifications", () => {
    const text = 'id: 1\ndata: \n\nevent: message\ndata: {"jsonrpc":"2.0","method":"notifications/progress"}\n\nevent: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n';
    expect(parseRpcBody("text/event-stream", text)).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
  });
  it("returns undefined for a body that is not JSON", () => {
    expect(parseRpcBody("application/json", "<html>")).toBeUndefined();
  });
});

describe("checkRpcResult", () => {
  it("accepts add(1, 2) = 3 as text content", () => {
    expect(checkRpcResult("tools/call", { result: { content: [{ type: "text", text: "3" }] } })).toBeUndefined();
  });
  it("rejects a wrong sum", () => {
    expect(checkRpcResult("tools/call", { result: { content: [{ type: "text", text: "4" }] } })).toMatch(/did not return 3/);
  });
  it("rejects a tool error result even when it mentions 3", () => {
    expect(checkRpcResult("tools/call", { result: { isError: true, content: [{ type: "text", text: "3" }] } })).toMatch(/tool reported an error/);
  });
  it("reports a JSON-RPC error with its code", () => {
    expect(checkRpcResult("ping", { error: { code: -32601, message: "nope" } })).toBe("JSON-RPC error -32601: nope");
  });
  it("requires the add tool in tools/list", () => {
    expect(checkRpcResult("tools/list", { result: { tools: [{ name: "other" }] } })).toMatch(/does not list the add tool/);
  });
  it("only needs a result from a fixed-reply ceiling server", () => {
    expect(checkRpcResult("tools/list", { result: { content: [] } }, { fixedReply: true })).toBeUndefined();
  });
});
