import { describe, expect, it } from "vitest";
import { ErrorCode, McpError, Type } from "./index.js";
import { newServer, request, stateless } from "../test/helpers.js";

const HTTP = { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call" };

function serverWithHeaderTool() {
  const app = newServer();
  app.tool({
    name: "route",
    input: {
      type: "object",
      properties: {
        region: { type: "string", "x-mcp-header": "Region" },
        priority: { type: "integer", "x-mcp-header": "Priority" },
        verbose: { type: ["boolean", "null"], "x-mcp-header": "Verbose" },
        target: { type: "object", properties: { zone: { type: "string", "x-mcp-header": "Zone" } } },
        query: { type: "string" },
      },
      required: ["region"],
    },
    handler: (args) => `routed ${JSON.stringify(args)}`,
  });
  return app;
}

function call(app: ReturnType<typeof newServer>, args: Record<string, unknown>, headers: Record<string, string>) {
  return stateless(app, "tools/call", { name: "route", arguments: args }, {}, { headers: { ...HTTP, ...headers } });
}

describe("Mcp-Param-* headers (SEP-2243)", () => {
  it("accepts headers that agree with the arguments, literal or Base64", async () => {
    const app = serverWithHeaderTool();
    const plain = await call(app, { region: "us-west", priority: 3, verbose: true, target: { zone: "a" } }, {
      "mcp-param-region": "us-west",
      "mcp-param-priority": "3",
      "mcp-param-verbose": "true",
      "mcp-param-zone": "a",
    });
    expect(plain.result?.content[0].text).toMatch(/^routed /);
    const encoded = await call(app, { region: "Hello" }, { "mcp-param-region": "=?base64?SGVsbG8=?=" });
    expect(encoded.result?.isError).toBeUndefined();
    const literal = await call(app, { region: "=?base64?SGVsbG8=" }, { "mcp-param-region": "=?base64?SGVsbG8=" });
    expect(literal.error).toBeUndefined();
  });

  it("does not expect a header for a null or absent argument", async () => {
    const app = serverWithHeaderTool();
    const reply = await call(app, { region: "eu", verbose: null }, { "mcp-param-region": "eu" });
    expect(reply.error).toBeUndefined();
  });

  it.each([
    ["a missing header", { region: "test-value" }, {}, /Mcp-Param-Region header is missing/],
    ["a different value", { region: "us-east" }, { "mcp-param-region": "us-west" }, /"us-west"\) does not match arguments\.region/],
    ["bad Base64 padding", { region: "Hello" }, { "mcp-param-region": "=?base64?SGVsbG8?=" }, /not valid/],
    ["non-alphabet Base64", { region: "Hello" }, { "mcp-param-region": "=?base64?SGVs!!!bG8=?=" }, /not valid/],
    ["a number that differs", { region: "x", priority: 3 }, { "mcp-param-region": "x", "mcp-param-priority": "4" }, /Priority/],
    ["a number written loosely", { region: "x", priority: 3 }, { "mcp-param-region": "x", "mcp-param-priority": "3abc" }, /Priority/],
    ["a boolean that differs", { region: "x", verbose: false }, { "mcp-param-region": "x", "mcp-param-verbose": "true" }, /Verbose/],
    ["a header without its argument", { region: "x" }, { "mcp-param-region": "x", "mcp-param-zone": "a" }, /arguments\.target\.zone is absent/],
  ])("rejects %s with -32020 before the tool runs", async (_label, args, headers, message) => {
    const app = serverWithHeaderTool();
    const reply = await call(app, args, headers as Record<string, string>);
    expect(reply.error?.code).toBe(ErrorCode.HeaderMismatch);
    expect(reply.error?.message).toMatch(message);
    expect(reply.error?.data.header).toMatch(/^Mcp-Param-/);
  });

  it("skips the check without HTTP headers (stdio) and in the 2025 era", async () => {
    const app = serverWithHeaderTool();
    expect((await stateless(app, "tools/call", { name: "route", arguments: { region: "x" } })).error).toBeUndefined();
    const sessionEra = await request(app, "tools/call", { name: "route", arguments: { region: "x" } }, { headers: { "mcp-protocol-version": "2025-11-25" } });
    expect(sessionEra.error).toBeUndefined();
  });

  it("lists the annotation verbatim, also from a TypeBox schema", async () => {
    const app = newServer();
    app.tool({ name: "t", input: Type.Object({ region: Type.String({ "x-mcp-header": "Region" }) }), handler: () => "" });
    const listed = await stateless(app, "tools/list");
    expect(listed.result.tools[0].inputSchema.properties.region["x-mcp-header"]).toBe("Region");
    const reply = await stateless(app, "tools/call", { name: "t", arguments: { region: "a" } }, {}, { headers: { ...HTTP, "mcp-param-region": "b" } });
    expect(reply.error?.code).toBe(-32020);
  });

  it.each([
    ["an empty name", { v: { type: "string", "x-mcp-header": "" } }, /HTTP token/],
    ["a space in the name", { v: { type: "string", "x-mcp-header": "My Region" } }, /HTTP token/],
    ["a colon in the name", { v: { type: "string", "x-mcp-header": "Region:Primary" } }, /HTTP token/],
    ["a non-ASCII name", { v: { type: "string", "x-mcp-header": "Région" } }, /HTTP token/],
    ["an object property", { v: { type: "object", "x-mcp-header": "Data" } }, /type "string"/],
    ["an array property", { v: { type: "array", items: { type: "string" }, "x-mcp-header": "Items" } }, /type "string"/],
    ["a case-insensitive duplicate", { a: { type: "string", "x-mcp-header": "MyField" }, b: { type: "string", "x-mcp-header": "myfield" } }, /repeats/],
    ["an annotation under items", { v: { type: "array", items: { type: "string", "x-mcp-header": "Item" } } }, /not reachable/],
    ["an annotation under anyOf", { v: { anyOf: [{ type: "string", "x-mcp-header": "Any" }] } }, /not reachable/],
  ])("refuses to register a tool with %s", (_label, properties, message) => {
    const app = newServer();
    const register = () => app.tool({ name: "bad", input: { type: "object", properties }, handler: () => "" });
    expect(register).toThrow(McpError);
    expect(register).toThrow(message);
  });
});
