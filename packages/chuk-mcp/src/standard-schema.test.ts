import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { Type } from "@chuk-mcp/core";
import { createTestClient } from "@chuk-mcp/core/testing";
import { ChukMCPServer } from "./chuk-mcp-server.js";

function server() {
  return new ChukMCPServer({ name: "schemas", version: "1.0.0" });
}

describe("Standard Schema validators as tool schemas", () => {
  it("lists a zod 4 tool with the JSON Schema zod emits, and calls it with zod's output", async () => {
    const mcp = server();
    mcp.tool({
      name: "shout",
      input: z.object({ text: z.string().min(1), times: z.number().int().default(1) }),
      handler: ({ text, times }) => {
        expectTypeOf(text).toEqualTypeOf<string>();
        expectTypeOf(times).toEqualTypeOf<number>();
        return `${text.toUpperCase()}!`.repeat(times);
      },
    });
    const [listed] = mcp.getTools();
    expect(listed?.inputSchema).toMatchObject({ type: "object", properties: { text: { type: "string", minLength: 1 }, times: { type: "integer" } }, required: ["text"] });
    const client = await createTestClient(mcp);
    expect((await client.callTool("shout", { text: "hi" })).content).toEqual([{ type: "text", text: "HI!" }]);
    expect((await client.callTool("shout", { text: "" })).isError).toBe(true);
  });

  it("applies refinements JSON Schema cannot express, as an isError result naming the field", async () => {
    const mcp = server();
    mcp.tool({ name: "pick", input: z.object({ word: z.string().refine((word) => word !== "bad", "no bad words") }), handler: ({ word }) => word });
    const client = await createTestClient(mcp, { era: "2026-07-28" });
    const result = await client.callTool("pick", { word: "bad" });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toContain("word: no bad words");
  });

  it("emits outputSchema from a zod output and validates structuredContent against it", async () => {
    const mcp = server();
    mcp.tool({
      name: "forecast",
      input: z.object({ city: z.string() }),
      output: z.object({ city: z.string(), celsius: z.number() }),
      handler: ({ city }) => ({ city, celsius: 21 }),
    });
    expect(mcp.getTools()[0]?.outputSchema).toMatchObject({ properties: { celsius: { type: "number" } } });
    const client = await createTestClient(mcp);
    expect((await client.callTool("forecast", { city: "Paris" })).structuredContent).toEqual({ city: "Paris", celsius: 21 });
  });

  it("refuses a valibot schema without inputJsonSchema, saying what to pass, and accepts it with one", async () => {
    const mcp = server();
    const input = v.object({ n: v.pipe(v.number(), v.minValue(0)) });
    expect(() => mcp.tool({ name: "sqrt", input, handler: ({ n }) => String(Math.sqrt(n)) })).toThrow(/inputJsonSchema.*@valibot\/to-json-schema/);
    mcp.tool({
      name: "sqrt",
      input,
      inputJsonSchema: { type: "object", properties: { n: { type: "number", minimum: 0 } }, required: ["n"] },
      handler: ({ n }) => {
        expectTypeOf(n).toEqualTypeOf<number>();
        return String(Math.sqrt(n));
      },
    });
    const client = await createTestClient(mcp);
    expect((await client.callTool("sqrt", { n: 9 })).content).toEqual([{ type: "text", text: "3" }]);
    expect((await client.callTool("sqrt", { n: -1 })).isError).toBe(true);
  });

  it("leaves TypeBox and JSON Schema tools as they were", async () => {
    const mcp = server();
    mcp.tool({ name: "add", input: Type.Object({ a: Type.Number(), b: Type.Number() }), handler: ({ a, b }) => String(a + b) });
    const client = await createTestClient(mcp);
    expect((await client.callTool("add", { a: 1, b: 2 })).content).toEqual([{ type: "text", text: "3" }]);
  });
});
