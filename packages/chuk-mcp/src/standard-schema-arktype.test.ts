import { type } from "arktype";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createTestClient } from "@chuk-mcp/core/testing";
import { ChukMCPServer } from "./chuk-mcp-server.js";

function server() {
  return new ChukMCPServer({ name: "schemas-arktype", version: "1.0.0" });
}

describe("arktype as a Standard Schema validator", () => {
  it("lists an arktype tool with the JSON Schema arktype emits (its Standard JSON Schema interface)", () => {
    const mcp = server();
    const input = type({ text: "string > 0", "times?": "number.integer" });
    mcp.tool({
      name: "shout",
      input,
      handler: ({ text, times }) => {
        expectTypeOf(text).toEqualTypeOf<string>();
        expectTypeOf(times).toEqualTypeOf<number | undefined>();
        return `${text.toUpperCase()}!`.repeat(times ?? 1);
      },
    });
    const [listed] = mcp.getTools();
    expect(listed?.inputSchema).toMatchObject({
      type: "object",
      properties: { text: { type: "string", minLength: 1 }, times: { type: "integer" } },
      required: ["text"],
    });
    // The listing is what arktype's own toJsonSchema() says, not a shape we invented.
    const { $schema: _ignored, ...fromArktype } = input.toJsonSchema() as Record<string, unknown>;
    expect(listed?.inputSchema).toMatchObject(fromArktype);
  });

  it("calls the handler with arktype's output and answers bad input with an isError result naming the field, in both eras", async () => {
    const mcp = server();
    mcp.tool({ name: "shout", input: type({ text: "string > 0", "times?": "number.integer" }), handler: ({ text, times }) => `${text.toUpperCase()}!`.repeat(times ?? 1) });
    for (const era of ["2025-11-25", "2026-07-28"] as const) {
      const client = await createTestClient(mcp, { era });
      expect((await client.callTool("shout", { text: "hi", times: 2 })).content).toEqual([{ type: "text", text: "HI!HI!" }]);
      const empty = await client.callTool("shout", { text: "" });
      expect(empty.isError).toBe(true);
      expect(JSON.stringify(empty.content)).toContain("text");
      expect((await client.callTool("shout", { text: "hi", times: 1.5 })).isError).toBe(true);
      await client.close();
    }
  });

  it("applies a narrow() that JSON Schema cannot express, through arktype itself", async () => {
    const mcp = server();
    const input = type({ word: "string" }).narrow((value, ctx) => value.word !== "bad" || ctx.mustBe("a word other than bad"));
    mcp.tool({ name: "pick", input, inputJsonSchema: { type: "object", properties: { word: { type: "string" } }, required: ["word"] }, handler: ({ word }) => word });
    const client = await createTestClient(mcp);
    expect((await client.callTool("pick", { word: "good" })).content).toEqual([{ type: "text", text: "good" }]);
    const refused = await client.callTool("pick", { word: "bad" });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain("other than bad");
  });

  it("emits outputSchema from an arktype output and serves structuredContent", async () => {
    const mcp = server();
    mcp.tool({
      name: "forecast",
      input: type({ city: "string" }),
      output: type({ city: "string", celsius: "number" }),
      handler: ({ city }) => ({ city, celsius: 21 }),
    });
    expect(mcp.getTools()[0]?.outputSchema).toMatchObject({ type: "object", properties: { celsius: { type: "number" } }, required: ["celsius", "city"] });
    const client = await createTestClient(mcp);
    expect((await client.callTool("forecast", { city: "Paris" })).structuredContent).toEqual({ city: "Paris", celsius: 21 });
  });
});
