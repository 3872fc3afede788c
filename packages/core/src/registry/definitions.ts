/**
 * The definition API: what `server.tool()`, `server.resource()`, `server.resourceTemplate()`
 * and `server.prompt()` accept.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server
 */
import type { RequestContext } from "../context.js";
import type { InferSchema, SchemaInput } from "../schema.js";
import type { ToolAuthRequirement } from "../tool-auth.js";
import type {
  CompleteCallback,
  ContentBlock,
  GetPromptResult,
  Icon,
  Meta,
  Prompt,
  PromptMessage,
  Resource,
  ResourceContents,
  ResourceTemplate,
  ToolAnnotations,
  ToolResult,
} from "../types.js";

/** What a tool handler may return. */
export type ToolHandlerReturn<Output> =
  | string
  | ToolResult
  | ContentBlock
  | ContentBlock[]
  | Output
  | undefined
  | void;

/** A tool definition; `Input`/`Output` are the schemas, whose static types flow into the handler. */
export interface ToolDefinition<Input extends SchemaInput = SchemaInput, Output extends SchemaInput = SchemaInput> {
  name: string;
  title?: string;
  description?: string;
  icons?: Icon[];
  annotations?: ToolAnnotations;
  _meta?: Meta;
  /** Per-tool timeout in milliseconds; overrides the server's `toolTimeoutMs`. */
  timeoutMs?: number;
  /**
   * Who may see and call the tool: an authenticated caller (`HandleOptions.auth`) holding every
   * scope listed. Hidden from `tools/list` and refused on `tools/call` (-32003) otherwise.
   * Spread `requiresAuth({ scopes })` to set it.
   */
  auth?: ToolAuthRequirement;
  /** Shorthand for `auth: {}`: any authenticated caller. */
  requiresAuth?: boolean;
  /**
   * Tasks extension (SEP-2663): with "optional" or "required", a 2026-07-28 caller that declares
   * `io.modelcontextprotocol/tasks` gets a `CreateTaskResult` and polls `tasks/get`. "required"
   * refuses other callers with -32021; "optional" serves them synchronously.
   */
  taskSupport?: "optional" | "required";
  /**
   * When the task starts: "immediate" (default) runs the whole handler as the task; "handler"
   * runs it in the request (2026 asks use input_required rounds) until it calls `ctx.runAsTask()`.
   */
  taskStart?: "immediate" | "handler";
  /** Input schema (TypeBox or JSON Schema). Defaults to an empty object schema. */
  input?: Input;
  /** Output schema: results get `structuredContent`, validated against it. */
  output?: Output;
  handler: (
    args: InferSchema<Input>,
    ctx: RequestContext,
  ) => ToolHandlerReturn<InferSchema<Output>> | Promise<ToolHandlerReturn<InferSchema<Output>>>;
}

/**
 * What a resource read may return: text, bytes, contents items, or JSON data (an object, an
 * array, a number, a boolean, null), served as JSON text with mimeType "application/json".
 */
export type ResourceReadReturn = string | Uint8Array | ResourceContents | ResourceContents[] | Record<string, unknown> | readonly unknown[] | number | boolean | null;

/**
 * A fixed-URI resource: its `resources/list` entry plus how to read it. Without `name`, the
 * name is `read`'s function name, else the URI's last path segment (`config://app` → `app`).
 */
export interface ResourceDefinition extends Omit<Resource, "name"> {
  name?: string;
  read: (uri: URL | string, ctx: RequestContext) => ResourceReadReturn | Promise<ResourceReadReturn>;
}

/**
 * A family of resources addressed by an RFC 6570 level-1 template: its `resources/templates/list`
 * entry plus behaviour. Without `name`, the name is `read`'s function name, else the template.
 */
export interface ResourceTemplateDefinition extends Omit<ResourceTemplate, "name"> {
  name?: string;
  /** Completions per template variable. */
  complete?: Record<string, CompleteCallback>;
  /** Concrete resources to include in resources/list. */
  list?: (ctx: RequestContext) => Resource[] | Promise<Resource[]>;
  read: (
    uri: URL | string,
    variables: Record<string, string>,
    ctx: RequestContext,
  ) => ResourceReadReturn | Promise<ResourceReadReturn>;
}

/** What a prompt's `get` may return. */
export type PromptGetReturn = string | PromptMessage[] | GetPromptResult;

/** A prompt: its `prompts/list` entry plus how to get it. */
export interface PromptDefinition extends Prompt {
  /** Completions per argument name. */
  complete?: Record<string, CompleteCallback>;
  get: (args: Record<string, string>, ctx: RequestContext) => PromptGetReturn | Promise<PromptGetReturn>;
}

/** Returned by every registration: change or remove the definition later (each emits list_changed). */
export interface DefinitionHandle<Definition> {
  readonly name: string;
  readonly enabled: boolean;
  remove(): void;
  disable(): void;
  enable(): void;
  update(changes: Partial<Definition>): void;
}
