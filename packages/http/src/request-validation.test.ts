import { describe, expect, it } from "vitest";
import { acceptsEventStream, acceptsJson, checkProtocolVersionHeader, checkRoutingHeaders, isJsonContentType } from "./request-validation.js";

describe("Accept negotiation", () => {
  it("admits exact types, wildcards and parameters, but not q=0", () => {
    expect(acceptsJson("application/json, text/event-stream")).toBe(true);
    expect(acceptsEventStream("application/json, text/event-stream")).toBe(true);
    expect(acceptsJson("application/*")).toBe(true);
    expect(acceptsEventStream("*/*;q=0.5")).toBe(true);
    expect(acceptsJson("APPLICATION/JSON; charset=utf-8")).toBe(true);
    expect(acceptsJson("application/json;q=0")).toBe(false);
    expect(acceptsJson("text/html")).toBe(false);
    expect(acceptsJson(undefined)).toBe(false);
  });

  it("recognises JSON content types with parameters only", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    expect(isJsonContentType("application/jsonl")).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

describe("MCP-Protocol-Version", () => {
  it("passes absent and supported versions and rejects others with -32022", () => {
    expect(checkProtocolVersionHeader(undefined, ["2025-11-25"])).toBeUndefined();
    expect(checkProtocolVersionHeader(" 2025-11-25 ", ["2025-11-25"])).toBeUndefined();
    const reply = checkProtocolVersionHeader("2024-01-01", ["2025-11-25"], 3);
    expect(reply?.status).toBe(400);
    expect(JSON.parse(reply?.body ?? "")).toMatchObject({ id: 3, error: { code: -32022, data: { supported: ["2025-11-25"], requested: "2024-01-01" } } });
  });
});

describe("SEP-2243 routing headers", () => {
  it("checks Mcp-Name against uri for resources/read and taskId for tasks/get", () => {
    expect(checkRoutingHeaders({ "mcp-method": "resources/read", "mcp-name": "test://a" }, "resources/read", { uri: "test://a" }, 1)).toBeUndefined();
    expect(checkRoutingHeaders({ "mcp-method": "resources/read", "mcp-name": "test://b" }, "resources/read", { uri: "test://a" }, 1)?.status).toBe(400);
    expect(checkRoutingHeaders({ "mcp-method": "tasks/get", "mcp-name": "t-1" }, "tasks/get", { taskId: "t-1" }, 1)).toBeUndefined();
  });

  it("does not ask for Mcp-Name on methods without a name parameter", () => {
    expect(checkRoutingHeaders({ "mcp-method": "tools/list" }, "tools/list", undefined, 1)).toBeUndefined();
  });
});
