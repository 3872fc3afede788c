import { describe, expect, it } from "vitest";
import { RecordingHost, recordingContext } from "../test/recording-host.js";
import { registerFixtures } from "./fixtures.js";
import { ERROR_TEXT, SIMPLE_TEXT } from "./tools.js";
import type { ToolResult } from "./host.js";

function setup() {
  const host = new RecordingHost();
  registerFixtures(host);
  return host;
}

async function call(host: RecordingHost, name: string, args: Record<string, unknown> = {}) {
  const context = recordingContext();
  const result = await host.toolNamed(name).handler(args, context);
  return { result, context };
}

describe("content tools", () => {
  it("registers every tool the suites call, each with a description and an object input schema", () => {
    const host = setup();
    const expected = [
      "test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource",
      "test_multiple_content_types", "test_tool_with_logging", "test_error_handling", "test_tool_with_progress",
      "test_sampling", "test_elicitation", "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums",
      "json_schema_2020_12_tool", "test_reconnection", "test_input_required_result_elicitation",
      "test_input_required_result_sampling", "test_input_required_result_list_roots",
      "test_input_required_result_request_state", "test_input_required_result_multiple_inputs",
      "test_input_required_result_multi_round", "test_input_required_result_tampered_state",
      "test_input_required_result_capabilities", "test_missing_capability", "test_streaming_elicitation",
      "test_logging_tool", "test_trigger_tool_change", "test_trigger_prompt_change",
    ];
    for (const name of expected) {
      const tool = host.toolNamed(name);
      expect(tool.description, name).toBeTruthy();
      expect(tool.input.type, name).toBe("object");
      expect(name).toMatch(/^[A-Za-z0-9_.-]{1,128}$/);
    }
  });

  it("returns the exact simple text the scenario describes", async () => {
    const { result } = await call(setup(), "test_simple_text");
    expect(result).toEqual({ content: [{ type: "text", text: SIMPLE_TEXT }] });
  });

  it("returns a decodable 1x1 PNG as image content", async () => {
    const { result } = await call(setup(), "test_image_content");
    const block = (result as ToolResult).content[0];
    expect(block?.type).toBe("image");
    if (block?.type !== "image") return;
    expect(block.mimeType).toBe("image/png");
    const bytes = Buffer.from(block.data, "base64");
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(bytes.readUInt32BE(16)).toBe(1);
    expect(bytes.readUInt32BE(20)).toBe(1);
  });

  it("returns a RIFF/WAVE file as audio/wav content", async () => {
    const { result } = await call(setup(), "test_audio_content");
    const block = (result as ToolResult).content[0];
    if (block?.type !== "audio") throw new Error("expected audio content");
    expect(block.mimeType).toBe("audio/wav");
    const bytes = Buffer.from(block.data, "base64");
    expect(bytes.subarray(0, 4).toString()).toBe("RIFF");
    expect(bytes.subarray(8, 12).toString()).toBe("WAVE");
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
  });

  it("returns text, image and an embedded JSON resource for mixed content", async () => {
    const { result } = await call(setup(), "test_multiple_content_types");
    const content = (result as ToolResult).content;
    expect(content.map((block) => block.type)).toEqual(["text", "image", "resource"]);
    const resource = content[2];
    if (resource?.type !== "resource") throw new Error("expected resource");
    expect(JSON.parse("text" in resource.resource ? resource.resource.text : "")).toEqual({ test: "data", value: 123 });
  });

  it("fails with isError and an explanatory text", async () => {
    const { result } = await call(setup(), "test_error_handling");
    expect(result).toEqual({ isError: true, content: [{ type: "text", text: ERROR_TEXT }] });
  });

  it("reports progress 0, 50, 100 of 100 in increasing order", async () => {
    const { context } = await call(setup(), "test_tool_with_progress");
    expect(context.progress.calls).toEqual([[0, 100], [50, 100], [100, 100]]);
  });

  it("sends three info logs while it runs", async () => {
    const { context } = await call(setup(), "test_tool_with_logging");
    expect(context.logs).toEqual([
      { level: "info", data: "Tool execution started" },
      { level: "info", data: "Tool processing data" },
      { level: "info", data: "Tool execution completed" },
    ]);
  });

  it("lists the JSON Schema 2020-12 keywords the suites look for", () => {
    const schema = setup().toolNamed("json_schema_2020_12_tool").input;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.additionalProperties).toBe(false);
    expect((schema.$defs as Record<string, Record<string, unknown>>).address?.$anchor).toBe("addressDef");
    expect(Array.isArray((schema.allOf as Array<Record<string, unknown>>)[0]?.anyOf)).toBe(true);
    expect(Object.keys(schema)).toEqual(expect.arrayContaining(["if", "then", "else"]));
  });

  it("toggles the dynamic tool and prompt on each trigger call", async () => {
    const host = setup();
    expect(await host.toolNamed("test_trigger_tool_change").handler({}, recordingContext())).toContain("hidden");
    expect(host.tools.get("test_dynamic_tool")?.enabled).toBe(false);
    expect(await host.toolNamed("test_trigger_tool_change").handler({}, recordingContext())).toContain("listed");
    expect(host.tools.get("test_dynamic_tool")?.enabled).toBe(true);
    await host.toolNamed("test_trigger_prompt_change").handler({}, recordingContext());
    expect(host.prompts.get("test_dynamic_prompt")?.enabled).toBe(false);
  });
});
