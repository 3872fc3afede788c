/**
 * The slice of the `@chuk-mcp/core` registration surface the fixtures use.
 *
 * The fixtures are written against this structural type rather than the concrete
 * `McpServer` class so they can be unit-tested by calling their handlers directly and so a
 * change to an unrelated part of the engine does not ripple into the fixture files. The
 * real `McpServer` satisfies it (see `index.ts`, which passes one in).
 *
 * @see /work/main/packages/core/CONTRACT.md
 */

/** A content block as it goes on the wire. */
export type ContentBlock =
  | { type: "text"; text: string }
  | { type: "image"; data: string; mimeType: string }
  | { type: "audio"; data: string; mimeType: string }
  | {
      type: "resource";
      resource:
        | { uri: string; mimeType?: string; text: string }
        | { uri: string; mimeType?: string; blob: string };
    };

export interface ToolResult {
  content: ContentBlock[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface PromptMessage {
  role: "user" | "assistant";
  content: ContentBlock;
}

export type ResourceContents =
  | { uri: string; mimeType?: string; text: string }
  | { uri: string; mimeType?: string; blob: string };

/** Result of an elicitation as the client returns it. */
export interface ElicitResult {
  action: "accept" | "decline" | "cancel";
  content?: Record<string, unknown>;
}

/** One block of a sampling answer; only text is read by the fixtures. */
export interface SampledContent {
  type?: unknown;
  text?: unknown;
}

export interface CreateMessageResult {
  role: "assistant" | "user";
  content: SampledContent | SampledContent[];
  model: string;
  stopReason?: string;
}

export interface ListRootsResult {
  roots: Array<{ uri: string; name?: string }>;
}

export type LoggingLevel =
  | "debug"
  | "info"
  | "notice"
  | "warning"
  | "error"
  | "critical"
  | "alert"
  | "emergency";

/** What a fixture handler may use from the request context. */
export interface FixtureContext {
  clientCapabilities: Record<string, unknown>;
  /** The 2025-era session the request belongs to (absent for 2026 stateless requests). */
  sessionId?: string;
  /** The JSON-RPC id of the request being served. */
  requestId?: string | number;
  /** Aborted on cancel (including tasks/cancel), timeout or session close. */
  signal?: AbortSignal;
  /** Tasks extension: end the request with a CreateTaskResult and run `work` as the task. */
  runAsTask?<T>(work: (context: FixtureContext) => T | Promise<T>): Promise<T>;
  progress(progress: number, total?: number, message?: string): Promise<void>;
  log(level: LoggingLevel, data: unknown, logger?: string): Promise<void>;
  elicit(params: Record<string, unknown>, options?: { key?: string }): Promise<ElicitResult>;
  sample(params: Record<string, unknown>, options?: { key?: string }): Promise<CreateMessageResult>;
  listRoots(options?: { key?: string }): Promise<ListRootsResult>;
}

export interface ToolHandle {
  remove(): void;
  disable(): void;
  enable(): void;
}

export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  input: Record<string, unknown>;
  /** Tasks extension (SEP-2663): the tool may (or must) run as a task. */
  taskSupport?: "optional" | "required";
  /** "handler": run in the request until the handler calls `runAsTask`. */
  taskStart?: "immediate" | "handler";
  handler: (args: Record<string, unknown>, context: FixtureContext) => Promise<ToolResult | string>;
}

export interface ResourceDefinition {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  read: (uri: URL | string, context: FixtureContext) => Promise<ResourceContents | ResourceContents[]>;
}

export interface ResourceTemplateDefinition {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  complete?: Record<string, (value: string, context: { arguments: Record<string, string> }) => string[]>;
  read: (
    uri: URL | string,
    variables: Record<string, string>,
    context: FixtureContext,
  ) => Promise<ResourceContents | ResourceContents[]>;
}

export interface PromptDefinition {
  name: string;
  title?: string;
  description?: string;
  arguments?: Array<{ name: string; description?: string; required?: boolean }>;
  complete?: Record<string, (value: string, context: { arguments: Record<string, string> }) => string[]>;
  get: (args: Record<string, string>, context: FixtureContext) => Promise<PromptMessage[]>;
}

export interface PromptHandle {
  remove(): void;
  disable(): void;
  enable(): void;
}

/** The registration methods of `McpServer` the fixtures call. */
export interface FixtureHost {
  tool(definition: ToolDefinition): ToolHandle;
  resource(definition: ResourceDefinition): unknown;
  resourceTemplate(definition: ResourceTemplateDefinition): unknown;
  prompt(definition: PromptDefinition): PromptHandle;
}

/** An input schema for a tool that takes no arguments. */
export const NO_ARGUMENTS: Record<string, unknown> = Object.freeze({
  type: "object",
  properties: {},
}) as Record<string, unknown>;

/** Resolves after `milliseconds`; used where the scenarios ask for spaced-out notifications. */
export function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
