import { describe, expect, it } from "vitest";
import { McpServer, McpError, Type } from "./index.js";
import { request } from "../test/helpers.js";

function server(): McpServer {
  return new McpServer({ name: "test", version: "1.0.0" });
}

describe("definitions", () => {
  it("infers handler argument types from a TypeBox input schema", async () => {
    const app = server();
    app.tool({
      name: "add",
      input: Type.Object({ a: Type.Number(), b: Type.Number() }),
      handler: (args) => {
        const sum: number = args.a + args.b;
        // @ts-expect-error c is not in the schema
        void args.c;
        return String(sum);
      },
    });
    const reply = await app.handle({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 } } });
    expect(reply).toEqual({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "5" }] } });
  });

  it("rejects a second tool with the same name with duplicate_name", () => {
    const app = server();
    app.tool({ name: "x", handler: () => "a" });
    expect(() => app.tool({ name: "x", handler: () => "b" })).toThrowError(expect.objectContaining({ code: "duplicate_name" }));
  });

  it("rejects a tool without a name or handler with invalid_definition", () => {
    const app = server();
    expect(() => app.tool({ name: "", handler: () => "a" })).toThrow(McpError);
    expect(() => app.tool({ name: "y" } as never)).toThrowError(/handler/);
  });

  it("rejects an input schema that is not an object schema", () => {
    const app = server();
    expect(() => app.tool({ name: "s", input: Type.String(), handler: () => "a" })).toThrowError(/type "object"/);
  });

  it("rejects level-2 template operators and unknown completion variables", () => {
    const app = server();
    expect(() => app.resourceTemplate({ uriTemplate: "x://{+path}", name: "p", read: () => "" })).toThrowError(/level-1/);
    expect(() =>
      app.resourceTemplate({ uriTemplate: "x://{id}", name: "q", complete: { other: () => [] }, read: () => "" }),
    ).toThrowError(/not a variable/);
  });

  it("requires name and version for the server", () => {
    expect(() => new McpServer({ name: "", version: "1" })).toThrowError(/required/);
  });

  it("passes a plain JSON Schema 2020-12 input schema through to tools/list unchanged", async () => {
    const app = server();
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      $defs: { address: { type: "object", properties: { street: { type: "string" } }, required: ["street"], additionalProperties: false } },
      properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
      required: ["name"],
      additionalProperties: false,
    };
    app.tool({ name: "json", input: schema, handler: (args) => `hello ${String(args.name)}` });
    const reply = await request(app, "tools/list");
    expect(reply.result.tools[0]?.inputSchema).toEqual(schema);
    const bad = await request(app, "tools/call", { name: "json", arguments: { name: "a", address: {}, extra: 1 } });
    expect(bad.result.isError).toBe(true);
    expect(bad.result.content[0]?.text).toMatch(/address\.street/);
    expect(bad.result.content[0]?.text).toMatch(/extra/);
  });

  it("handle.disable(), enable(), update() and remove() change tools/list", async () => {
    const app = server();
    const handle = app.tool({ name: "t", description: "one", handler: () => "a" });
    const names = async (): Promise<unknown> => (await request(app, "tools/list")).result.tools;
    handle.disable();
    expect(await names()).toEqual([]);
    handle.enable();
    handle.update({ description: "two" });
    expect(await names()).toEqual([{ name: "t", description: "two", inputSchema: { type: "object", properties: {} } }]);
    handle.remove();
    expect(await names()).toEqual([]);
    expect(() => handle.enable()).toThrowError(/removed/);
  });
});
