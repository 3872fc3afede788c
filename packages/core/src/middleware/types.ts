/**
 * MCP-level middleware: a typed onion around every request and notification the engine serves.
 * Policies (rate limits, metrics, tracing, visibility, audit, caching) are middleware.
 */
import type { JsonRpcId } from "../jsonrpc.js";
import type { McpServer } from "../server.js";
import type { AuthInfo, Prompt, Resource, ResourceTemplate, Tool } from "../types.js";
import type { ProtocolEra } from "../versions.js";

/**
 * A result as it goes on the wire (in the 2026-07-28 era with its `resultType` / `_meta`
 * envelope). Treat results handed to you as immutable: list pages are shared cached objects.
 * Return a new object to change one. A result you return without `resultType` gets the
 * request's era envelope added, so a short-circuit can return a plain result in both eras.
 */
export type McpResult = Record<string, unknown>;

/** Runs the rest of the onion (the next middleware, then the engine). Resolves `undefined` when the request was cancelled (no reply). */
export type Next<Result extends McpResult = McpResult> = () => Promise<Result | undefined>;

/** What every hook sees about the message being served. */
export interface MiddlewareContext {
  readonly server: McpServer;
  /** The JSON-RPC method, e.g. `tools/call`. */
  readonly method: string;
  /** `params` of the message, or `{}`. Read only. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The request id; `undefined` for notifications. */
  readonly id: JsonRpcId | undefined;
  readonly era: ProtocolEra;
  readonly protocolVersion: string;
  /** The 2025-era session, when there is one. */
  readonly sessionId: string | undefined;
  /** What the transport authenticated (`HandleOptions.auth`). */
  readonly auth: AuthInfo | undefined;
  /** `auth.subject`. */
  readonly userId: string | undefined;
  /** Lower-case HTTP request headers; `{}` on stdio. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The transport's abort signal (the client went away), when it passed one. */
  readonly signal: AbortSignal | undefined;
  /** Per-message scratch space shared by all middleware (e.g. a span, a start time). */
  readonly state: Map<unknown, unknown>;
}

/** `tools/call`: the tool's name, arguments, and its listing when it is registered and enabled. */
export interface CallToolContext extends MiddlewareContext {
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  /** The tool as `tools/list` shows it (annotations included); `undefined` for an unknown or disabled tool. */
  readonly tool: Readonly<Tool> | undefined;
}

/** `resources/read`. */
export interface ReadResourceContext extends MiddlewareContext {
  readonly uri: string;
  /** The fixed resource's listing, when `uri` names one (templates are matched later by the engine). */
  readonly resource: Readonly<Resource> | undefined;
}

/** `prompts/get`. */
export interface GetPromptContext extends MiddlewareContext {
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly prompt: Readonly<Prompt> | undefined;
}

export interface ListToolsResult extends McpResult {
  tools: Tool[];
  nextCursor?: string;
}
export interface ListResourcesResult extends McpResult {
  resources: Resource[];
  nextCursor?: string;
}
export interface ListResourceTemplatesResult extends McpResult {
  resourceTemplates: ResourceTemplate[];
  nextCursor?: string;
}
export interface ListPromptsResult extends McpResult {
  prompts: Prompt[];
  nextCursor?: string;
}

/** A hook: call `next()` to go on (and maybe transform what it resolves), or return a result / throw a `ProtocolError` to short-circuit. */
export type Hook<Context extends MiddlewareContext, Result extends McpResult = McpResult> = (
  context: Context,
  next: Next<Result>,
) => Result | undefined | Promise<Result | undefined>;

/**
 * One layer of the onion. Every hook is optional; a layer's `onRequest` wraps its own
 * method hook, and the first `server.use()`d layer wraps all later ones.
 */
export interface Middleware {
  /** For error messages and debugging. */
  readonly name?: string;
  /** Every request, whatever its method (unknown methods included). */
  onRequest?: Hook<MiddlewareContext>;
  onCallTool?: Hook<CallToolContext>;
  onListTools?: Hook<MiddlewareContext, ListToolsResult>;
  onListResources?: Hook<MiddlewareContext, ListResourcesResult>;
  onListResourceTemplates?: Hook<MiddlewareContext, ListResourceTemplatesResult>;
  onReadResource?: Hook<ReadResourceContext>;
  onListPrompts?: Hook<MiddlewareContext, ListPromptsResult>;
  onGetPrompt?: Hook<GetPromptContext>;
  /** `completion/complete`. */
  onComplete?: Hook<MiddlewareContext>;
  /**
   * Every notification from the client. Call `next()` to let the engine handle it; not calling
   * it drops the notification. Errors thrown here are dropped too (a notification has no reply).
   */
  onNotification?: (context: MiddlewareContext, next: () => Promise<void>) => void | Promise<void>;
}
