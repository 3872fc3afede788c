import { describe, expect, it, vi } from "vitest";
import { Type } from "typebox";
import type { McpError } from "./errors.js";
import { compileSchema, loadSchemaCompiler } from "./schema.js";

describe("compileSchema (lazy compiler)", () => {
  it("refuses check() with schema_not_ready until prepare() loaded the compiler", async () => {
    // A fresh copy of the module: with isolate: false another file may already have loaded the compiler.
    vi.resetModules();
    const { compileSchema } = await import("./schema.js");
    const errors = await import("./errors.js");
    const schema = compileSchema(Type.Object({ a: Type.Number() }), "tool x input");
    expect(schema.ready).toBe(false);
    let thrown: unknown;
    try {
      schema.check({ a: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(errors.McpError);
    expect((thrown as McpError).code).toBe("schema_not_ready");
    await schema.prepare();
    expect(schema.ready).toBe(true);
    expect(schema.check({ a: 1 })).toBe(true);
    expect(schema.check({ a: "1" })).toBe(false);
    expect(schema.explain({}).join("; ")).toMatch(/\ba\b/);
  });

  it("compiles on first check once the compiler is loaded, for plain JSON Schema too", async () => {
    await loadSchemaCompiler();
    const schema = compileSchema({ type: "object", properties: { n: { type: "integer" } }, required: ["n"] }, "tool y input");
    expect(schema.check({ n: 2 })).toBe(true);
    expect(schema.check({ n: 2.5 })).toBe(false);
    expect(schema.json).toEqual({ type: "object", properties: { n: { type: "integer" } }, required: ["n"] });
  });

  it("rejects a non-object schema at once with invalid_definition", () => {
    expect(() => compileSchema([] as unknown as Record<string, unknown>, "tool z input")).toThrow(/tool z input: the schema must be a JSON Schema object/);
  });
});

describe("compileSchema explain", () => {
  it("names each missing required field once (regression: 'b: must have required properties b')", async () => {
    await loadSchemaCompiler();
    const schema = compileSchema(Type.Object({ a: Type.Number(), b: Type.Number(), nested: Type.Object({ c: Type.String() }) }), "tool z input");
    expect(schema.explain({ a: 1, nested: {} }).sort()).toEqual(["b: is required", "nested.c: is required"]);
    expect(schema.explain({ a: "x", b: 2, nested: { c: "ok" } })).toEqual(["a: must be number"]);
  });
});
