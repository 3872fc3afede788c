import { describe, expect, it } from "vitest";
import { McpServer, type ToolDefinition } from "@chuk-mcp/core";
import { BindingSet, type DesiredBinding } from "./binding-set.js";

function want(owner: string, signature: string, name: string): DesiredBinding<ToolDefinition> {
  return { owner, signature, definition: { name, description: signature, handler: () => signature } };
}

describe("BindingSet", () => {
  it("registers new keys, leaves unchanged ones alone, updates changed or forced ones and removes stale ones", () => {
    const server = new McpServer({ name: "t", version: "1" });
    const calls: string[] = [];
    const updates: string[] = [];
    const set = new BindingSet<ToolDefinition>((definition) => {
      calls.push(definition.name);
      const handle = server.tool(definition);
      const update = handle.update.bind(handle);
      handle.update = (changes) => {
        updates.push(`${definition.name}:${changes.description}`);
        update(changes);
      };
      return handle;
    });
    set.apply(new Map([["a", want("s", "1", "a")], ["b", want("s", "1", "b")]]), new Set());
    expect(calls).toEqual(["a", "b"]);
    expect(set.entries()).toEqual([["a", "s"], ["b", "s"]]);
    const report = set.apply(new Map([["a", want("s", "1", "a")], ["c", want("t", "1", "c")]]), new Set());
    expect(report).toEqual({ takenLocally: [], rejected: [] });
    expect(calls).toEqual(["a", "b", "c"]);
    expect(set.entries().map(([key]) => key).sort()).toEqual(["a", "c"]);
    expect(updates).toEqual([]);
    set.apply(new Map([["a", want("s", "2", "a")], ["c", want("t", "1", "c")]]), new Set(["t"]));
    expect(calls).toEqual(["a", "b", "c"]);
    expect(updates).toEqual(["a:2", "c:1"]);
  });

  it("reports keys a local definition already holds instead of throwing", () => {
    const server = new McpServer({ name: "t", version: "1" });
    server.tool({ name: "taken", handler: () => "local" });
    const set = new BindingSet<ToolDefinition>((definition) => server.tool(definition));
    expect(set.apply(new Map([["taken", want("s", "1", "taken")]]), new Set()).takenLocally).toEqual(["taken"]);
    expect(set.entries()).toEqual([]);
  });

  it("registers the fallback when core rejects the definition", () => {
    const server = new McpServer({ name: "t", version: "1" });
    const set = new BindingSet<ToolDefinition>((definition) => server.tool(definition));
    const broken = { ...want("s", "1", "x"), definition: { name: "x", input: { type: "string" } as never, handler: () => "x" } };
    const report = set.apply(new Map([["x", { ...broken, fallback: () => want("s", "1", "x").definition }]]), new Set());
    expect(report.rejected).toEqual([]);
    expect(set.entries()).toEqual([["x", "s"]]);
  });
});
