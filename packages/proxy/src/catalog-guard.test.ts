import { describe, expect, it } from "vitest";
import { checkUpstreamName, DEFAULT_UPSTREAM_LIMITS, guardCatalog, quoteForLog } from "./catalog-guard.js";

describe("upstream name rules (MCP 2025-11-25 tool names)", () => {
  it("accepts 1-128 characters of A-Z a-z 0-9 _ - .", () => {
    for (const name of ["a", "get_user", "DATA_EXPORT_v2", "admin.tools.list", "x".repeat(128)]) expect(checkUpstreamName(name)).toBeUndefined();
  });

  it("refuses empty, too long, traversal, markup, spaces, bidi overrides and non-strings", () => {
    for (const name of ["", "x".repeat(129), "a".repeat(310), "../x", "<script>", "has space", "bidi\u202ename", "tab\tname", "comma,name", 7, undefined]) {
      expect(checkUpstreamName(name), String(name)).toBeTypeOf("string");
    }
  });

  it("quotes untrusted names for logs: cut to 48 characters and non-ASCII escaped", () => {
    expect(quoteForLog("a".repeat(310))).toBe(`"${"a".repeat(48)}\\u2026"`);
    expect(quoteForLog("bidi\u202ename")).toBe('"bidi\\u202ename"');
  });

  it("keeps valid entries up to each limit and logs one line for the rest", () => {
    const logs: string[] = [];
    const tools = Array.from({ length: 30 }, (_, index) => ({ name: index % 3 === 0 ? `bad name ${index}` : `t${index}`, inputSchema: { type: "object" as const } }));
    const guarded = guardCatalog("up", { tools, prompts: [], resources: [{ uri: "no-scheme", name: "x" }, { uri: "file:///a", name: "a" }], templates: [] }, { ...DEFAULT_UPSTREAM_LIMITS, maxTools: 5 }, (_level, message) => logs.push(message));
    expect(guarded.tools.map((tool) => tool.name)).toEqual(["t1", "t2", "t4", "t5", "t7"]);
    expect(guarded.resources.map((resource) => resource.uri)).toEqual(["file:///a"]);
    expect(logs.filter((line) => line.startsWith("skipped tool"))).toHaveLength(5);
    expect(logs).toContain('skipped 5 more invalid tools from upstream "up"');
    expect(logs.some((line) => line.includes("more tools than the limit of 5"))).toBe(true);
  });
});
