/**
 * MCP payload types shared by both eras.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/schema
 */

/** Free-form metadata carried in `_meta`. */
export type Meta = Record<string, unknown>;

/** Log severities, RFC 5424 order. */
export type LoggingLevel = "debug" | "info" | "notice" | "warning" | "error" | "critical" | "alert" | "emergency";

/** Levels in increasing severity, for comparisons. */
export const LOGGING_LEVELS: readonly LoggingLevel[] = [
  "debug",
  "info",
  "notice",
  "warning",
  "error",
  "critical",
  "alert",
  "emergency",
];

/** An icon a client may show. */
export interface Icon {
  src: string;
  mimeType?: string;
  sizes?: string[];
  theme?: "light" | "dark";
}

/** Hints about who a piece of content is for. */
export interface Annotations {
  audience?: ("user" | "assistant")[];
  priority?: number;
  lastModified?: string;
}

/** Tool behaviour hints. */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
  [key: string]: unknown;
}

export interface TextContent {
  type: "text";
  text: string;
  annotations?: Annotations;
  _meta?: Meta;
}

export interface ImageContent {
  type: "image";
  /** base64 */
  data: string;
  mimeType: string;
  annotations?: Annotations;
  _meta?: Meta;
}

export interface AudioContent {
  type: "audio";
  /** base64 */
  data: string;
  mimeType: string;
  annotations?: Annotations;
  _meta?: Meta;
}

export interface TextResourceContents {
  uri: string;
  mimeType?: string;
  text: string;
  _meta?: Meta;
}

export interface BlobResourceContents {
  uri: string;
  mimeType?: string;
  /** base64 */
  blob: string;
  _meta?: Meta;
}

/** What resources/read returns per item. */
export type ResourceContents = TextResourceContents | BlobResourceContents;

export interface EmbeddedResource {
  type: "resource";
  resource: ResourceContents;
  annotations?: Annotations;
  _meta?: Meta;
}

/** A content block pointing at a resource: the resource's listing fields plus `type`. */
export interface ResourceLink extends Resource {
  type: "resource_link";
}

/** Any content block a tool result or prompt message can carry. */
export type ContentBlock = TextContent | ImageContent | AudioContent | EmbeddedResource | ResourceLink;

/** The result of tools/call. */
export interface ToolResult {
  content: ContentBlock[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Meta;
}
/** Alias matching the spec's name. */
export type CallToolResult = ToolResult;

/** A tool as listed by tools/list. */
export interface Tool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  icons?: Icon[];
  annotations?: ToolAnnotations;
  _meta?: Meta;
}

/** A resource as listed by resources/list. */
export interface Resource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  icons?: Icon[];
  annotations?: Annotations;
  _meta?: Meta;
}

/** A resource template as listed by resources/templates/list. */
export interface ResourceTemplate {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  icons?: Icon[];
  annotations?: Annotations;
  _meta?: Meta;
}

export interface ReadResourceResult {
  contents: ResourceContents[];
  _meta?: Meta;
}

export interface PromptArgument {
  name: string;
  title?: string;
  description?: string;
  required?: boolean;
}

/** A prompt as listed by prompts/list. */
export interface Prompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: PromptArgument[];
  icons?: Icon[];
  _meta?: Meta;
}

export interface PromptMessage {
  role: "user" | "assistant";
  content: ContentBlock;
}

export interface GetPromptResult {
  description?: string;
  messages: PromptMessage[];
  _meta?: Meta;
}

export interface Implementation {
  name: string;
  version: string;
  title?: string;
  description?: string;
  icons?: Icon[];
  websiteUrl?: string;
}

export interface ServerCapabilities {
  tools?: { listChanged?: boolean };
  resources?: { subscribe?: boolean; listChanged?: boolean };
  prompts?: { listChanged?: boolean };
  logging?: Record<string, never>;
  completions?: Record<string, never>;
  experimental?: Record<string, unknown>;
  [key: string]: unknown;
}

export type ClientCapabilities = Record<string, unknown>;

/** Primitive schema used by elicitation forms. */
export type PrimitiveSchemaDefinition = Record<string, unknown>;

/** Parameters of elicitation/create (form or URL mode). */
export interface ElicitRequestParams {
  mode?: "form" | "url";
  message: string;
  requestedSchema?: { type: "object"; properties: Record<string, PrimitiveSchemaDefinition>; required?: string[] };
  url?: string;
  elicitationId?: string;
  _meta?: Meta;
  [key: string]: unknown;
}

export interface ElicitResult {
  action: "accept" | "decline" | "cancel";
  content?: Record<string, string | number | boolean | string[]>;
  _meta?: Meta;
  [key: string]: unknown;
}

export interface SamplingMessage {
  role: "user" | "assistant";
  content: TextContent | ImageContent | AudioContent | Record<string, unknown> | Record<string, unknown>[];
}

export interface CreateMessageRequestParams {
  messages: SamplingMessage[];
  maxTokens: number;
  systemPrompt?: string;
  modelPreferences?: Record<string, unknown>;
  includeContext?: "none" | "thisServer" | "allServers";
  temperature?: number;
  stopSequences?: string[];
  metadata?: Record<string, unknown>;
  tools?: unknown[];
  toolChoice?: unknown;
  _meta?: Meta;
  [key: string]: unknown;
}

export interface CreateMessageResult {
  role: "user" | "assistant";
  content: SamplingMessage["content"];
  model: string;
  stopReason?: string;
  _meta?: Meta;
  [key: string]: unknown;
}

export interface Root {
  uri: string;
  name?: string;
  _meta?: Meta;
}

export interface ListRootsResult {
  roots: Root[];
  _meta?: Meta;
  [key: string]: unknown;
}

/** Who authenticated the request (filled by auth middleware). */
export interface AuthInfo {
  token?: string;
  subject?: string;
  clientId?: string;
  scopes: string[];
  expiresAt?: number;
  audience?: string | string[];
  claims?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

/** Completion callback for a prompt argument or template variable. */
export type CompleteCallback = (
  value: string,
  context: { arguments: Record<string, string> },
) => string[] | Promise<string[]>;
