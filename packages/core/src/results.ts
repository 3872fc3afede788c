/**
 * Turns what handlers return into spec-shaped results.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-result
 */
import type { CompiledSchema } from "./schema.js";
import type {
  ContentBlock,
  GetPromptResult,
  PromptMessage,
  ResourceContents,
  ToolResult,
} from "./types.js";

const CONTENT_TYPES = new Set(["text", "image", "audio", "resource", "resource_link"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** True for a single content block (`{ type: "text", text }` and friends). */
export function isContentBlock(value: unknown): value is ContentBlock {
  return isPlainObject(value) && typeof value.type === "string" && CONTENT_TYPES.has(value.type);
}

function isToolResult(value: unknown): value is ToolResult {
  return isPlainObject(value) && Array.isArray(value.content);
}

/** A tool result with one text block and `isError: true`. */
export function toolError(message: string): ToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Normalizes a tool handler's return value. With an output schema, structured content is
 * validated; a mismatch becomes an isError result naming the fields.
 */
export function normalizeToolResult(toolName: string, value: unknown, output: CompiledSchema | undefined): ToolResult {
  let result: ToolResult;
  if (typeof value === "string") {
    result = { content: [{ type: "text", text: value }] };
  } else if (value === undefined || value === null) {
    result = { content: [] };
  } else if (isToolResult(value)) {
    result = value;
  } else if (isContentBlock(value)) {
    result = { content: [value] };
  } else if (Array.isArray(value) && value.length > 0 && value.every(isContentBlock)) {
    result = { content: value };
  } else if (output !== undefined && isPlainObject(value)) {
    result = { content: [{ type: "text", text: jsonText(value) }], structuredContent: value };
  } else {
    result = { content: [{ type: "text", text: jsonText(value) }] };
  }
  if (output === undefined || result.isError === true) return result;
  if (result.structuredContent === undefined) {
    return toolError(
      `Tool "${toolName}" declares an output schema but returned no structured content; return an object matching the schema (or { content, structuredContent })`,
    );
  }
  if (!output.check(result.structuredContent)) {
    return toolError(
      `Tool "${toolName}" returned structured content that does not match its output schema: ${output.explain(result.structuredContent).join("; ")}`,
    );
  }
  return result;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let index = 0; index < bytes.length; index += chunk) {
    binary += String.fromCharCode(...bytes.subarray(index, index + chunk));
  }
  return btoa(binary);
}

const CONTENTS_KEYS = new Set(["uri", "mimeType", "text", "blob", "_meta"]);

/** True for `{ uri?, mimeType?, text | blob, _meta? }` with no other keys: a contents item, not data. */
function isContentsItem(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value) || (typeof value.text !== "string" && typeof value.blob !== "string")) return false;
  for (const key of Object.keys(value)) if (!CONTENTS_KEYS.has(key)) return false;
  return true;
}

/**
 * Normalizes what a resource read returned into `contents`: a string is text, bytes are a
 * blob, contents items pass through, an empty array is no contents (resource not found), and
 * any other value (an object, a non-empty array, a number...) is served as JSON text with
 * `mimeType` "application/json" unless the resource declares one.
 */
export function normalizeResourceContents(uri: string, mimeType: string | undefined, value: unknown): ResourceContents[] {
  if (typeof value === "string") {
    return [{ uri, mimeType: mimeType ?? "text/plain", text: value }];
  }
  if (value instanceof Uint8Array) {
    return [{ uri, mimeType: mimeType ?? "application/octet-stream", blob: toBase64(value) }];
  }
  if (value === undefined) {
    throw new TypeError(`resource "${uri}" read returned nothing; return a string, a Uint8Array, JSON data, or { uri, text | blob }`);
  }
  // An empty array is no contents: the engine answers "resource not found" in the caller's era,
  // which is how a template read says a URI names nothing (artifacts rely on it).
  if (Array.isArray(value) && value.length === 0) return [];
  const list = isContentsItem(value) ? [value] : Array.isArray(value) && value.every(isContentsItem) ? value : undefined;
  if (list === undefined) return [{ uri, mimeType: mimeType ?? "application/json", text: resourceJson(uri, value) }];
  return list.map((item) => {
    const contents = { ...item } as Record<string, unknown>;
    if (typeof contents.uri !== "string") contents.uri = uri;
    if (contents.mimeType === undefined && mimeType !== undefined) contents.mimeType = mimeType;
    return contents as unknown as ResourceContents;
  });
}

function resourceJson(uri: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`resource "${uri}" read returned a value JSON cannot encode (${error instanceof Error ? error.message : String(error)}); return plain data or a string`, { cause: error });
  }
  if (text === undefined) throw new TypeError(`resource "${uri}" read returned a ${typeof value}, which JSON cannot encode; return plain data or a string`);
  return text;
}

/** Normalizes what a prompt's `get` returned. */
export function normalizePromptResult(value: unknown, description: string | undefined): GetPromptResult {
  let result: GetPromptResult;
  if (typeof value === "string") {
    result = { messages: [{ role: "user", content: { type: "text", text: value } }] };
  } else if (Array.isArray(value)) {
    result = { messages: value as PromptMessage[] };
  } else if (isPlainObject(value) && Array.isArray(value.messages)) {
    result = value as unknown as GetPromptResult;
  } else {
    throw new TypeError("prompt get() must return a string, PromptMessage[] or { messages }");
  }
  if (description !== undefined && result.description === undefined) {
    result = { description, ...result };
  }
  return result;
}
