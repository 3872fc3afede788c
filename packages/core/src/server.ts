/**
 * `McpServer`: the definition API plus the transport-facing engine entry points.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server
 */
import { McpError } from "./errors.js";
import type { JsonRpcMessage } from "./jsonrpc.js";
import { Registry } from "./registry/registry.js";
import {
  createPromptEntry,
  createResourceEntry,
  createResourceTemplateEntry,
  createToolEntry,
  type PromptEntry,
  type ResourceEntry,
  type ResourceTemplateEntry,
  type ToolEntry,
} from "./registry/entries.js";
import type {
  DefinitionHandle,
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  ToolDefinition,
} from "./registry/definitions.js";
import type { SchemaInput } from "./schema.js";
import { Session, type CreateSessionOptions, type ServerSession } from "./session.js";
import type { HandleOptions, McpServerOptions } from "./server-options.js";
import type { Implementation, Prompt, Resource, ResourceTemplate, ServerCapabilities, Tool } from "./types.js";
import { dispatchAnswer, dispatchText, processMessage, type TextAnswer } from "./dispatch/engine.js";
import { createRequestStateSigner, type RequestStateSigner } from "./request-state.js";
import { SubscriptionHub } from "./subscriptions.js";
import { MessageParser } from "./message-parser.js";
import { PendingRequests } from "./outbound.js";
import { TaskStore } from "./tasks/task-store.js";
import { MiddlewareChain } from "./middleware/chain.js";
import type { Middleware } from "./middleware/types.js";

const DEFAULT_TOOL_TIMEOUT_MS = 60_000;

function readEnvTimeout(): number | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const raw = env?.MCP_TOOL_TIMEOUT;
  if (raw === undefined || raw === "") return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** An MCP server: register tools, resources and prompts, then hand it messages. */
export class McpServer {
  /** Server identity sent in initialize / server/discover. */
  readonly info: Implementation;
  /** Capabilities advertised to clients. */
  readonly capabilities: ServerCapabilities;
  readonly instructions: string | undefined;
  /** @internal */ readonly options: McpServerOptions;
  /** @internal */ readonly toolTimeoutMs: number;
  /** @internal handlers run under AsyncLocalStorage (see `McpServerOptions.ambientContext`). */ readonly ambientContext: boolean;
  /** @internal */ readonly pageSize: number;
  /** @internal */ readonly tools: Registry<ToolEntry>;
  /** @internal */ readonly resources: Registry<ResourceEntry>;
  /** @internal */ readonly templates: Registry<ResourceTemplateEntry>;
  /** @internal */ readonly prompts: Registry<PromptEntry>;
  /** @internal */ readonly signer: RequestStateSigner;
  /** @internal */ readonly hub: SubscriptionHub;
  /** @internal tasks extension records. */ readonly tasks: TaskStore;
  /** @internal server→client requests made without a session. */ readonly sessionlessRequests = new PendingRequests();
  /** @internal parses message texts (`JSON.parse`, faster for the shapes clients repeat). */ readonly messageParser = new MessageParser();
  /** @internal the `use()`d layers; undefined until the first one, so dispatch without middleware is unchanged. */ middleware: MiddlewareChain | undefined;
  private readonly openSessions = new Set<Session>();
  /** @internal */ closed = false;

  constructor(options: McpServerOptions) {
    if (typeof options?.name !== "string" || options.name === "" || typeof options.version !== "string" || options.version === "") {
      throw new McpError("invalid_definition", 'new McpServer(): "name" and "version" are required non-empty strings');
    }
    this.options = options;
    // Frozen: the 2026 result envelope caches its JSON.
    this.info = Object.freeze({
      name: options.name,
      version: options.version,
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.icons === undefined ? {} : { icons: options.icons }),
      ...(options.websiteUrl === undefined ? {} : { websiteUrl: options.websiteUrl }),
    });
    this.instructions = options.instructions;
    this.toolTimeoutMs = options.toolTimeoutMs ?? readEnvTimeout() ?? DEFAULT_TOOL_TIMEOUT_MS;
    if (options.ambientContext !== undefined && typeof options.ambientContext !== "boolean") {
      throw new McpError("invalid_definition", 'new McpServer(): "ambientContext" must be true or false');
    }
    this.ambientContext = options.ambientContext ?? true;
    if (options.pageSize !== undefined && !(Number.isInteger(options.pageSize) && options.pageSize > 0)) {
      throw new McpError("invalid_definition", 'new McpServer(): "pageSize" must be a positive integer');
    }
    this.pageSize = options.pageSize ?? 100;
    this.capabilities = {
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      logging: {},
      completions: {},
    };
    this.hub = new SubscriptionHub(this);
    this.tools = new Registry(() => this.hub.listChanged("notifications/tools/list_changed"));
    this.resources = new Registry(() => this.hub.listChanged("notifications/resources/list_changed"));
    this.templates = new Registry(() => this.hub.listChanged("notifications/resources/list_changed"));
    this.prompts = new Registry(() => this.hub.listChanged("notifications/prompts/list_changed"));
    this.signer = createRequestStateSigner(options.requestStateSecret);
    this.tasks = new TaskStore(options.tasks);
  }

  /**
   * Adds a middleware layer around every request and notification (both eras, every transport).
   * The first layer added is the outermost. Returns the server, so calls chain.
   */
  use(middleware: Middleware): this {
    const chain = this.middleware ?? new MiddlewareChain();
    chain.add(middleware);
    this.middleware = chain;
    return this;
  }

  /**
   * Registers a tool. Input/output schemas are shape-checked now and compiled once, on first use
   * (or `prepare()`), never per request.
   */
  tool<Input extends SchemaInput, Output extends SchemaInput = SchemaInput>(
    definition: ToolDefinition<Input, Output>,
  ): DefinitionHandle<ToolDefinition<Input, Output>> {
    return this.register(this.tools, definition as unknown as ToolDefinition, createToolEntry, "tool") as never;
  }

  /** Registers a fixed-URI resource. */
  resource(definition: ResourceDefinition): DefinitionHandle<ResourceDefinition> {
    return this.register(this.resources, definition, createResourceEntry, "resource");
  }

  /** Registers an RFC 6570 level-1 resource template, e.g. `test://template/{id}/data`. */
  resourceTemplate(definition: ResourceTemplateDefinition): DefinitionHandle<ResourceTemplateDefinition> {
    return this.register(this.templates, definition, createResourceTemplateEntry, "resource template");
  }

  /** Registers a prompt. */
  prompt(definition: PromptDefinition): DefinitionHandle<PromptDefinition> {
    return this.register(this.prompts, definition, createPromptEntry, "prompt");
  }

  private register<Definition, Entry extends { key: string; enabled: boolean; listing: Record<string, unknown>; definition: Definition }>(
    registry: Registry<Entry>,
    definition: Definition,
    create: (definition: Definition, enabled?: boolean) => Entry,
    kind: string,
  ): DefinitionHandle<Definition> {
    let entry = create(definition);
    if (registry.has(entry.key)) {
      throw new McpError("duplicate_name", `${kind} "${entry.key}" is already registered; use a different name or update() the existing one`);
    }
    registry.set(entry);
    let removed = false;
    const alive = (action: string): void => {
      if (removed) throw new McpError("invalid_definition", `${kind} "${entry.key}" was removed; cannot ${action} it`);
    };
    return {
      get name() {
        return entry.key;
      },
      get enabled() {
        return !removed && entry.enabled;
      },
      remove: () => {
        if (removed) return;
        removed = true;
        registry.delete(entry.key);
      },
      disable: () => {
        alive("disable");
        if (!entry.enabled) return;
        entry.enabled = false;
        registry.changed();
      },
      enable: () => {
        alive("enable");
        if (entry.enabled) return;
        entry.enabled = true;
        registry.changed();
      },
      update: (changes) => {
        alive("update");
        const next = create({ ...entry.definition, ...changes }, entry.enabled);
        if (next.key !== entry.key) {
          if (registry.has(next.key)) {
            throw new McpError("duplicate_name", `${kind} "${next.key}" is already registered; cannot rename "${entry.key}" to it`);
          }
          registry.delete(entry.key);
        }
        entry = next;
        registry.set(entry);
      },
    };
  }

  /**
   * The auth requirement of an enabled tool, or undefined for a public (or unknown) tool. Lets a
   * transport answer 403 `insufficient_scope` (step-up authorization) before dispatching a call.
   * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling
   */
  getToolAuthRequirement(name: string): { scopes: string[] } | undefined {
    const entry = this.tools.get(name);
    if (entry === undefined || !entry.enabled || entry.auth === undefined) return undefined;
    return { scopes: [...entry.auth.scopes] };
  }

  /**
   * The enabled tools as `tools/list` would describe them to a caller allowed to see them all
   * (auth-gated tools included), in registration order. Copies: changing them changes nothing.
   */
  getTools(): Tool[] {
    return this.tools.enabled().map((entry) => structuredClone(entry.listing));
  }

  /** The enabled fixed-URI resources as `resources/list` describes them (without templates' `list()`). Copies. */
  getResources(): Resource[] {
    return this.resources.enabled().map((entry) => structuredClone(entry.listing));
  }

  /** The enabled resource templates as `resources/templates/list` describes them. Copies. */
  getResourceTemplates(): ResourceTemplate[] {
    return this.templates.enabled().map((entry) => structuredClone(entry.listing));
  }

  /** The enabled prompts as `prompts/list` describes them. Copies. */
  getPrompts(): Prompt[] {
    return this.prompts.enabled().map((entry) => structuredClone(entry.listing));
  }

  /**
   * Whether `name` is an enabled tool: what `tools/call` would find (auth aside). One map
   * lookup, no copy, so middleware may ask per request.
   */
  hasTool(name: string): boolean {
    return this.tools.get(name)?.enabled === true;
  }

  /** Whether `name` is an enabled prompt: what `prompts/get` would find. One map lookup, no copy. */
  hasPrompt(name: string): boolean {
    return this.prompts.get(name)?.enabled === true;
  }

  /** Notifies subscribers (2025 resources/subscribe, 2026 subscriptions/listen) that a resource changed. */
  notifyResourceUpdated(uri: string): void {
    this.hub.resourceUpdated(uri);
  }

  /** Open 2025-era sessions. */
  get sessions(): ReadonlySet<ServerSession> {
    return this.openSessions;
  }

  /** Creates a 2025-era session (one per stdio process, one per Mcp-Session-Id over HTTP). */
  createSession(options: CreateSessionOptions): ServerSession {
    if (typeof options?.send !== "function") {
      throw new McpError("invalid_definition", 'createSession(): "send" must be a function that delivers messages to the client');
    }
    const session = new Session(options, (closed) => this.openSessions.delete(closed));
    if (this.closed) {
      session.close();
      return session;
    }
    this.openSessions.add(session);
    return session;
  }

  /** Handles one JSON-RPC message; resolves to the reply, or undefined for notifications and responses. */
  handle(message: unknown, options?: HandleOptions): Promise<JsonRpcMessage | undefined> {
    return processMessage(this, message, options ?? {});
  }

  /**
   * Fast path: one JSON text in, one JSON text out (undefined for notifications/responses).
   * Parse errors give a -32700 response with id null; batches are rejected with -32600.
   */
  handleText(text: string, options?: HandleOptions): Promise<string | undefined> {
    try {
      return Promise.resolve(dispatchText(this, text, options ?? {}));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * `handleText` without the promise when there is nothing to wait for: returns the reply text
   * (or undefined) at once when the request completed synchronously (sync handlers, lists,
   * errors), else a `PromiseLike` of it (not always a native promise; its `then` may call back
   * synchronously). Lets a transport skip the promises of `handleText` per message.
   */
  dispatchText(text: string, options?: HandleOptions): string | undefined | PromiseLike<string | undefined> {
    return dispatchText(this, text, options ?? {});
  }

  /**
   * `dispatchText` that also reports what a transport needs to know about the reply without
   * parsing it back: the JSON-RPC error code and data, and whether `initialize` succeeded.
   * Undefined for notifications and responses.
   */
  dispatchAnswer(text: string, options?: HandleOptions): TextAnswer | undefined | PromiseLike<TextAnswer | undefined> {
    return dispatchAnswer(this, text, options ?? {});
  }

  /**
   * Exactly `JSON.parse(text)` (the same value, the same `SyntaxError`), faster for the message
   * shapes a client repeats. For transports that parse a body themselves to route it (then
   * passing it on as `HandleOptions.parsed`); `handleText` and `dispatchText` use it already.
   */
  parseMessage(text: string): unknown {
    return this.messageParser.parse(text);
  }

  /** Closes every session (aborting in-flight handlers) and ends subscription streams. */
  async close(): Promise<void> {
    this.closed = true;
    for (const session of [...this.openSessions]) session.close();
    this.sessionlessRequests.rejectAll(new McpError("server_closed", "the server was closed"));
    this.hub.close();
    this.tasks.close();
  }
}
