/**
 * What the proxy accepts from an upstream's lists. An upstream is not trusted: its names
 * become downstream names (and parts of log lines, UIs and OpenAI function names), and its
 * lists are held in memory, so names are checked against the spec's guidance and counts are
 * capped before anything is registered.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names
 */
import type { Prompt, Resource, ResourceTemplate, Tool } from "@chuk-mcp/core";
import type { Catalog } from "./catalog.js";
import type { ProxyLogger } from "./config.js";

/** MCP 2025-11-25 tool names: 1-128 characters from A-Z, a-z, 0-9, `_`, `-` and `.`. Prompts follow the same rule here. */
export const UPSTREAM_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;
/** Longest resource URI or URI template accepted from an upstream. */
export const MAX_UPSTREAM_URI_LENGTH = 2048;
/** Longest resource or template display name accepted from an upstream. */
const MAX_DISPLAY_NAME_LENGTH = 256;
/** Individual warnings per kind and listing; the rest are counted in one line. */
const MAX_WARNINGS = 5;
// Control characters, and the bidi/invisible format characters that make a name read differently than it is.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const WHITESPACE = /\s/;

/** Per-upstream caps on what is proxied. */
export interface UpstreamLimits {
  /** Tools proxied per upstream. Default 1 000. */
  maxTools?: number;
  /** Prompts proxied per upstream. Default 1 000. */
  maxPrompts?: number;
  /** Resources proxied per upstream. Default 10 000. */
  maxResources?: number;
  /** Resource templates proxied per upstream. Default 1 000. */
  maxResourceTemplates?: number;
}

export const DEFAULT_UPSTREAM_LIMITS: Required<UpstreamLimits> = { maxTools: 1_000, maxPrompts: 1_000, maxResources: 10_000, maxResourceTemplates: 1_000 };

/** Why an upstream name is refused, or undefined when it is acceptable. */
export function checkUpstreamName(name: unknown): string | undefined {
  if (typeof name !== "string") return "the name is not a string";
  if (name.length === 0) return "the name is empty";
  if (name.length > 128) return `the name has ${name.length} characters (at most 128)`;
  if (!UPSTREAM_NAME_PATTERN.test(name)) return "the name uses characters outside A-Z a-z 0-9 _ - .";
  return undefined;
}

function checkUri(uri: unknown): string | undefined {
  if (typeof uri !== "string" || uri === "") return "the URI is missing";
  if (uri.length > MAX_UPSTREAM_URI_LENGTH) return `the URI has ${uri.length} characters (at most ${MAX_UPSTREAM_URI_LENGTH})`;
  if (UNSAFE_TEXT.test(uri) || WHITESPACE.test(uri)) return "the URI holds whitespace, control or invisible characters";
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) return "the URI has no scheme";
  return undefined;
}

function checkDisplayName(name: unknown): string | undefined {
  if (typeof name !== "string" || name === "") return "the name is missing";
  if (name.length > MAX_DISPLAY_NAME_LENGTH) return `the name has ${name.length} characters (at most ${MAX_DISPLAY_NAME_LENGTH})`;
  if (UNSAFE_TEXT.test(name)) return "the name holds control or invisible characters";
  return undefined;
}

/** A short, escaped rendering of untrusted text for a log line. */
export function quoteForLog(value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  const cut = text.length > 48 ? `${text.slice(0, 48)}…` : text;
  return JSON.stringify(cut).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

interface Kind<T> {
  label: string;
  limit: number;
  check(item: T): string | undefined;
  describe(item: T): unknown;
}

function keepValid<T>(server: string, items: readonly T[], kind: Kind<T>, logger: ProxyLogger): T[] {
  const kept: T[] = [];
  let refused = 0;
  let dropped = 0;
  for (const item of items) {
    const problem = typeof item === "object" && item !== null ? kind.check(item) : "the entry is not an object";
    if (problem !== undefined) {
      refused++;
      if (refused <= MAX_WARNINGS) logger("warning", `skipped ${kind.label} ${quoteForLog(kind.describe(item))} from upstream "${server}": ${problem}`);
      continue;
    }
    if (kept.length >= kind.limit) {
      dropped++;
      continue;
    }
    kept.push(item);
  }
  if (refused > MAX_WARNINGS) logger("warning", `skipped ${refused - MAX_WARNINGS} more invalid ${kind.label}s from upstream "${server}"`);
  if (dropped > 0) {
    logger("warning", `upstream "${server}" offers more ${kind.label}s than the limit of ${kind.limit}; proxied the first ${kind.limit} and skipped the rest (listing stops past the limit); raise limits for this server if that is intended`);
  }
  return kept;
}

/** The catalog with invalid names refused and each list capped, with a warning for what was skipped. */
export function guardCatalog(server: string, catalog: Catalog, limits: Required<UpstreamLimits>, logger: ProxyLogger): Catalog {
  return {
    tools: keepValid<Tool>(server, catalog.tools, { label: "tool", limit: limits.maxTools, check: (tool) => checkUpstreamName(tool.name), describe: (tool) => tool?.name }, logger),
    prompts: keepValid<Prompt>(server, catalog.prompts, { label: "prompt", limit: limits.maxPrompts, check: (prompt) => checkUpstreamName(prompt.name), describe: (prompt) => prompt?.name }, logger),
    resources: keepValid<Resource>(
      server,
      catalog.resources,
      { label: "resource", limit: limits.maxResources, check: (resource) => checkUri(resource.uri) ?? checkDisplayName(resource.name), describe: (resource) => resource?.uri },
      logger,
    ),
    templates: keepValid<ResourceTemplate>(
      server,
      catalog.templates,
      {
        label: "resource template",
        limit: limits.maxResourceTemplates,
        check: (template) => checkUri(template.uriTemplate) ?? checkDisplayName(template.name),
        describe: (template) => template?.uriTemplate,
      },
      logger,
    ),
  };
}
