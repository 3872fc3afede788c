/**
 * Tool fixtures of the official conformance suite that return fixed content, report
 * progress or logs, fail on purpose, or carry a JSON Schema 2020-12 input schema.
 * Names, texts and MIME types are the ones the scenario descriptions specify.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools
 */
import { delay, NO_ARGUMENTS, type FixtureHost, type ToolDefinition } from "./host.js";
import { RED_PIXEL_PNG_BASE64, SILENT_WAV_BASE64 } from "./media.js";

export const SIMPLE_TEXT = "This is a simple text response for testing.";
export const EMBEDDED_RESOURCE_TEXT = "This is an embedded resource content.";
export const ERROR_TEXT = "This tool intentionally returns an error for testing";
export const MIXED_CONTENT_JSON = '{"test":"data","value":123}';

/**
 * The input schema of `json_schema_2020_12_tool`, exactly as the suite describes it: the
 * server must list it without dropping `$schema`, `$defs` (with `$anchor`),
 * `additionalProperties`, `allOf`/`anyOf` or `if`/`then`/`else`.
 *
 * @see https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2106
 */
export const JSON_SCHEMA_2020_12_INPUT: Record<string, unknown> = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  $defs: {
    address: {
      $anchor: "addressDef",
      type: "object",
      properties: { street: { type: "string" }, city: { type: "string" } },
    },
  },
  properties: {
    name: { type: "string" },
    address: { $ref: "#/$defs/address" },
    contactMethod: { type: "string", enum: ["phone", "email"] },
    phone: { type: "string" },
    email: { type: "string" },
  },
  allOf: [{ anyOf: [{ required: ["phone"] }, { required: ["email"] }] }],
  if: { properties: { contactMethod: { const: "phone" } }, required: ["contactMethod"] },
  then: { required: ["phone"] },
  else: { required: ["email"] },
  additionalProperties: false,
};

export const contentTools: ToolDefinition[] = [
  {
    name: "test_simple_text",
    description: "Returns a single text content block",
    input: NO_ARGUMENTS,
    handler: async () => ({ content: [{ type: "text", text: SIMPLE_TEXT }] }),
  },
  {
    name: "test_image_content",
    description: "Returns a 1x1 red PNG image content block",
    input: NO_ARGUMENTS,
    handler: async () => ({
      content: [{ type: "image", data: RED_PIXEL_PNG_BASE64, mimeType: "image/png" }],
    }),
  },
  {
    name: "test_audio_content",
    description: "Returns a short silent WAV audio content block",
    input: NO_ARGUMENTS,
    handler: async () => ({
      content: [{ type: "audio", data: SILENT_WAV_BASE64, mimeType: "audio/wav" }],
    }),
  },
  {
    name: "test_embedded_resource",
    description: "Returns an embedded text resource",
    input: NO_ARGUMENTS,
    handler: async () => ({
      content: [
        {
          type: "resource",
          resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: EMBEDDED_RESOURCE_TEXT },
        },
      ],
    }),
  },
  {
    name: "test_multiple_content_types",
    description: "Returns text, image and embedded resource content together",
    input: NO_ARGUMENTS,
    handler: async () => ({
      content: [
        { type: "text", text: "Multiple content types test:" },
        { type: "image", data: RED_PIXEL_PNG_BASE64, mimeType: "image/png" },
        {
          type: "resource",
          resource: { uri: "test://mixed-content-resource", mimeType: "application/json", text: MIXED_CONTENT_JSON },
        },
      ],
    }),
  },
  {
    name: "test_tool_with_logging",
    description: "Sends three info log notifications about 50 ms apart while it runs",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      await context.log("info", "Tool execution started");
      await delay(50);
      await context.log("info", "Tool processing data");
      await delay(50);
      await context.log("info", "Tool execution completed");
      return "Tool with logging executed successfully";
    },
  },
  {
    name: "test_error_handling",
    description: "Always fails with isError: true",
    input: NO_ARGUMENTS,
    handler: async () => ({ isError: true, content: [{ type: "text", text: ERROR_TEXT }] }),
  },
  {
    name: "test_tool_with_progress",
    description: "Reports progress 0, 50 and 100 of 100 about 50 ms apart when given a progress token",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      await context.progress(0, 100);
      await delay(50);
      await context.progress(50, 100);
      await delay(50);
      await context.progress(100, 100);
      return "Tool with progress executed successfully";
    },
  },
  {
    name: "json_schema_2020_12_tool",
    description: "Tool with JSON Schema 2020-12 features",
    input: JSON_SCHEMA_2020_12_INPUT,
    handler: async (args) => `Received: ${JSON.stringify(args)}`,
  },
];

/** Registers every fixed-content tool on `host`. */
export function registerContentTools(host: FixtureHost): void {
  for (const definition of contentTools) host.tool(definition);
}
