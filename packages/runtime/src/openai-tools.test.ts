import { openaiName } from "@chuk-mcp/proxy";
import { describe, expect, it } from "vitest";
import { openaiSafeName, toOpenAITools } from "./openai-tools.js";

const schema = { type: "object", properties: {} };

describe("toOpenAITools", () => {
  it("names a local tool the way the proxy names a proxied one", () => {
    expect(openaiSafeName("github_create.issue")).toBe(openaiName("github", "create.issue"));
  });

  it("gives two tools that sanitise to the same name distinct, valid names", () => {
    const tools = toOpenAITools([
      { name: "math.add", inputSchema: schema },
      { name: "math_add", inputSchema: schema },
    ]);
    const names = tools.map((tool) => tool.function.name);
    expect(names[0]).toBe("math_add");
    expect(names[1]).toMatch(/^math_add_[0-9a-f]{8}$/);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });
});
