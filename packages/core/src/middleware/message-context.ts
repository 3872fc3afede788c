/**
 * The `MiddlewareContext` of one message: a view over the engine's request scope whose fields
 * are read only when a hook asks (the transport's `signal` may be a lazy getter that allocates).
 */
import type { JsonRpcId } from "../jsonrpc.js";
import type { McpServer } from "../server.js";
import type { RequestScope } from "../dispatch/scope.js";
import type { AuthInfo, Prompt, Resource, Tool } from "../types.js";
import type { ProtocolEra } from "../versions.js";
import type { CallToolContext, GetPromptContext, ReadResourceContext } from "./types.js";
import { isPlainObject } from "../is-plain-object.js";

const NO_HEADERS: Readonly<Record<string, string | undefined>> = Object.freeze({});

/** Implements every context interface; each hook is typed with the one its method has. */
export class MessageContext implements CallToolContext, ReadResourceContext, GetPromptContext {
  #state: Map<unknown, unknown> | undefined;

  constructor(
    private readonly scope: RequestScope,
    readonly id: JsonRpcId | undefined,
  ) {}

  get server(): McpServer {
    return this.scope.server;
  }
  get method(): string {
    return this.scope.request.method;
  }
  get params(): Readonly<Record<string, unknown>> {
    return this.scope.params;
  }
  get era(): ProtocolEra {
    return this.scope.envelope.era;
  }
  get protocolVersion(): string {
    return this.scope.envelope.protocolVersion;
  }
  get sessionId(): string | undefined {
    return this.scope.session?.id;
  }
  get auth(): AuthInfo | undefined {
    return this.scope.options.auth;
  }
  get userId(): string | undefined {
    return this.scope.options.auth?.subject;
  }
  get headers(): Readonly<Record<string, string | undefined>> {
    return this.scope.options.headers ?? NO_HEADERS;
  }
  get signal(): AbortSignal | undefined {
    return this.scope.options.signal;
  }
  get state(): Map<unknown, unknown> {
    return (this.#state ??= new Map());
  }

  /** tools/call and prompts/get: `params.name` (empty when missing; the engine rejects it). */
  get name(): string {
    const name = this.scope.params.name;
    return typeof name === "string" ? name : "";
  }
  get arguments(): Readonly<Record<string, unknown>> {
    const args = this.scope.params.arguments;
    return isPlainObject(args) ? args : {};
  }
  get uri(): string {
    const uri = this.scope.params.uri;
    return typeof uri === "string" ? uri : "";
  }
  get tool(): Readonly<Tool> | undefined {
    const entry = this.scope.server.tools.get(this.name);
    return entry !== undefined && entry.enabled ? entry.listing : undefined;
  }
  get resource(): Readonly<Resource> | undefined {
    const entry = this.scope.server.resources.get(this.uri);
    return entry !== undefined && entry.enabled ? entry.listing : undefined;
  }
  get prompt(): Readonly<Prompt> | undefined {
    const entry = this.scope.server.prompts.get(this.name);
    return entry !== undefined && entry.enabled ? entry.listing : undefined;
  }
}
