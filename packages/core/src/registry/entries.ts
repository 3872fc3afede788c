/**
 * Turns definitions into registry entries: validates names, shape-checks schemas (each is compiled
 * once, on first use) and precomputes the listing objects.
 */
import { McpError } from "../errors.js";
import { compileObjectSchema, type CompiledSchema } from "../schema.js";
import { parseUriTemplate, type UriTemplate } from "../uri-template.js";
import type { Prompt, Resource, ResourceTemplate, Tool } from "../types.js";
import { collectParamHeaders, type ParamHeader } from "../param-headers.js";
import { resolveToolAuth, type ResolvedToolAuth } from "../tool-auth.js";
import { deriveResourceName, deriveTemplateName } from "./derive-name.js";
import type { RegistryEntry } from "./registry.js";
import type {
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  ToolDefinition,
} from "./definitions.js";

const EMPTY_OBJECT_SCHEMA = { type: "object", properties: {} } as const;

export interface ToolEntry extends RegistryEntry {
  definition: ToolDefinition;
  listing: Tool & Record<string, unknown>;
  input: CompiledSchema;
  output: CompiledSchema | undefined;
  /** Undefined for a public tool. */
  auth: ResolvedToolAuth | undefined;
  /** SEP-2243 `x-mcp-header` annotations of the input schema. */
  paramHeaders: ParamHeader[];
}

export interface ResourceEntry extends RegistryEntry {
  definition: ResourceDefinition;
  listing: Resource & Record<string, unknown>;
}

export interface ResourceTemplateEntry extends RegistryEntry {
  definition: ResourceTemplateDefinition;
  listing: ResourceTemplate & Record<string, unknown>;
  template: UriTemplate;
}

export interface PromptEntry extends RegistryEntry {
  definition: PromptDefinition;
  listing: Prompt & Record<string, unknown>;
}

function requireText(value: unknown, field: string, kind: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new McpError("invalid_definition", `${kind}: "${field}" must be a non-empty string`);
  }
  return value;
}

function requireFunction(value: unknown, field: string, where: string): void {
  if (typeof value !== "function") {
    throw new McpError("invalid_definition", `${where}: "${field}" must be a function`);
  }
}

/** Copies the optional descriptive fields that exist. */
function pick<T extends object>(source: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) out[key as string] = value;
  }
  return out;
}

/** Builds a tool entry, compiling its schemas. */
export function createToolEntry(definition: ToolDefinition, enabled = true): ToolEntry {
  const name = requireText(definition?.name, "name", "tool");
  const where = `tool "${name}"`;
  requireFunction(definition.handler, "handler", where);
  if (definition.timeoutMs !== undefined && !(typeof definition.timeoutMs === "number" && definition.timeoutMs > 0)) {
    throw new McpError("invalid_definition", `${where}: "timeoutMs" must be a positive number of milliseconds`);
  }
  const auth = resolveToolAuth(definition, where);
  if (definition.taskSupport !== undefined && definition.taskSupport !== "optional" && definition.taskSupport !== "required") {
    throw new McpError("invalid_definition", `${where}: "taskSupport" must be "optional" or "required"`);
  }
  if (definition.taskStart !== undefined && definition.taskStart !== "immediate" && definition.taskStart !== "handler") {
    throw new McpError("invalid_definition", `${where}: "taskStart" must be "immediate" or "handler"`);
  }
  const input = compileObjectSchema(definition.input ?? EMPTY_OBJECT_SCHEMA, `${where} input`);
  const paramHeaders = collectParamHeaders(input.json as Record<string, unknown>, where);
  const output = definition.output === undefined ? undefined : compileObjectSchema(definition.output, `${where} output`);
  const listing = {
    name,
    ...pick(definition, ["title", "description", "icons"]),
    inputSchema: input.json,
    ...(output === undefined ? {} : { outputSchema: output.json }),
    ...(definition.taskSupport === undefined ? {} : { execution: { taskSupport: definition.taskSupport } }),
    ...pick(definition, ["annotations", "_meta"]),
  } as ToolEntry["listing"];
  return { key: name, enabled, definition, listing, input, output, auth, paramHeaders };
}

/** Builds a fixed-URI resource entry. */
export function createResourceEntry(definition: ResourceDefinition, enabled = true): ResourceEntry {
  const uri = requireText(definition?.uri, "uri", "resource");
  const where = `resource "${uri}"`;
  requireFunction(definition.read, "read", where);
  const name = definition.name === undefined ? deriveResourceName(uri, definition.read) : requireText(definition.name, "name", where);
  const listing = {
    uri,
    name,
    ...pick(definition, ["title", "description", "mimeType", "size", "icons", "annotations", "_meta"]),
  } as ResourceEntry["listing"];
  return { key: uri, enabled, definition, listing };
}

/** Builds a resource template entry, parsing its template. */
export function createResourceTemplateEntry(
  definition: ResourceTemplateDefinition,
  enabled = true,
): ResourceTemplateEntry {
  const uriTemplate = requireText(definition?.uriTemplate, "uriTemplate", "resource template");
  const where = `resource template "${uriTemplate}"`;
  requireFunction(definition.read, "read", where);
  const name =
    definition.name === undefined ? deriveTemplateName(uriTemplate, definition.read) : requireText(definition.name, "name", where);
  const template = parseUriTemplate(uriTemplate);
  for (const variable of Object.keys(definition.complete ?? {})) {
    if (!template.variables.includes(variable)) {
      throw new McpError("invalid_definition", `${where}: "complete" names {${variable}}, which is not a variable of the template`);
    }
  }
  const listing = {
    uriTemplate,
    name,
    ...pick(definition, ["title", "description", "mimeType", "icons", "annotations", "_meta"]),
  } as ResourceTemplateEntry["listing"];
  return { key: name, enabled, definition, listing, template };
}

/** Builds a prompt entry. */
export function createPromptEntry(definition: PromptDefinition, enabled = true): PromptEntry {
  const name = requireText(definition?.name, "name", "prompt");
  const where = `prompt "${name}"`;
  requireFunction(definition.get, "get", where);
  const argumentNames = new Set<string>();
  for (const argument of definition.arguments ?? []) {
    requireText(argument?.name, "arguments[].name", where);
    argumentNames.add(argument.name);
  }
  for (const argument of Object.keys(definition.complete ?? {})) {
    if (!argumentNames.has(argument)) {
      throw new McpError("invalid_definition", `${where}: "complete" names "${argument}", which is not one of its arguments`);
    }
  }
  const listing = {
    name,
    ...pick(definition, ["title", "description", "arguments", "icons", "_meta"]),
  } as PromptEntry["listing"];
  return { key: name, enabled, definition, listing };
}
