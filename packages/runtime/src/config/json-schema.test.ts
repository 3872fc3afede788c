import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema, configJsonSchemaText } from "./json-schema.js";

describe("config.schema.json", () => {
  it("is up to date with the TypeBox schema (regenerate: pnpm --filter @chuk-mcp/runtime build && pnpm --filter @chuk-mcp/runtime schema)", () => {
    const published = readFileSync(new URL("../../config.schema.json", import.meta.url), "utf8");
    expect(published).toBe(configJsonSchemaText());
  });

  it("is plain JSON Schema with the original's snake_case keys and no TypeBox markers", () => {
    const schema = configJsonSchema();
    expect(JSON.stringify(schema)).not.toContain('"~');
    const properties = schema["properties"] as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(properties)).toEqual(["$schema", "host", "server", "sse", "streamable-http", "logging", "tools", "sessions", "session_tools", "artifacts", "proxy", "mcp_servers", "reload", "rate_limits", "metrics", "tracing"]);
    expect(Object.keys(properties["proxy"]?.properties ?? {})).toEqual(["enabled", "namespace", "keep_root_aliases", "openai_compatible", "only_openai_tools", "start_timeout"]);
    expect(schema["additionalProperties"]).toBe(false);
  });
});
