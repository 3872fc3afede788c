/**
 * The onion itself: the layers `server.use()` added, composed per method once, and run around
 * the engine's method handler. The engine only reaches this file when a middleware is installed
 * (`server.middleware !== undefined`); without one, dispatch takes exactly its old path.
 */
import { McpError } from "../errors.js";
import type { JsonRpcRequest } from "../jsonrpc.js";
import type { McpServer } from "../server.js";
import type { HandleOptions } from "../server-options.js";
import type { Session } from "../session.js";
import type { RequestEnvelope } from "../dispatch/era.js";
import { envelopeResult, type CacheKind, type Outcome, type RequestScope } from "../dispatch/scope.js";
import { ProtocolEras } from "../versions.js";
import type { Hook, McpResult, Middleware, MiddlewareContext } from "./types.js";
import { MessageContext } from "./message-context.js";

type Layer = Hook<MiddlewareContext>;
type CoreStep = (scope: RequestScope) => Outcome | undefined | PromiseLike<Outcome | undefined>;

/** Which hook of a layer wraps each method (besides `onRequest`). */
const METHOD_HOOKS: ReadonlyMap<string, keyof Middleware> = new Map<string, keyof Middleware>([
  ["tools/call", "onCallTool"],
  ["tools/list", "onListTools"],
  ["resources/list", "onListResources"],
  ["resources/templates/list", "onListResourceTemplates"],
  ["resources/read", "onReadResource"],
  ["prompts/list", "onListPrompts"],
  ["prompts/get", "onGetPrompt"],
  ["completion/complete", "onComplete"],
]);

const HOOK_NAMES = new Set<string>(["onRequest", "onNotification", ...METHOD_HOOKS.values()]);

function cacheKindOf(method: string): CacheKind {
  if (method === "resources/read") return "read";
  return method.endsWith("/list") ? "list" : "none";
}

/** Checks a middleware object once, at `use()`. */
export function checkMiddleware(middleware: Middleware): void {
  if (typeof middleware !== "object" || middleware === null) {
    throw new McpError("invalid_definition", "server.use(): pass a middleware object with hooks such as onRequest or onCallTool");
  }
  let hooks = 0;
  // Own keys: a misspelt hook (onCalltool) fails loudly instead of never running.
  for (const key of Object.keys(middleware)) {
    if (!key.startsWith("on")) continue; // a layer's own state (name, counters, stores)
    if (!HOOK_NAMES.has(key)) {
      throw new McpError("invalid_definition", `server.use(): unknown hook "${key}"; hooks are ${[...HOOK_NAMES].join(", ")}`);
    }
    if (typeof (middleware as Record<string, unknown>)[key] !== "function") {
      throw new McpError("invalid_definition", `server.use(): hook "${key}" must be a function`);
    }
  }
  // Counted by name, not own keys: class instances keep their hooks on the prototype.
  for (const key of HOOK_NAMES) if (typeof (middleware as Record<string, unknown>)[key] === "function") hooks++;
  if (hooks === 0) throw new McpError("invalid_definition", "server.use(): the middleware has no hooks; add onRequest, onCallTool, …");
}

/** The installed layers, in `use()` order. */
export class MiddlewareChain {
  private readonly layers: Middleware[] = [];
  private readonly byMethod = new Map<string, Layer[]>();
  private notificationLayers: Middleware["onNotification"][] | undefined;

  add(middleware: Middleware): void {
    checkMiddleware(middleware);
    this.layers.push(middleware);
    this.byMethod.clear();
    this.notificationLayers = undefined;
  }

  get size(): number {
    return this.layers.length;
  }

  /** The hooks that run for `method`, outermost first (composed once per method). */
  private layersFor(method: string): Layer[] {
    let composed = this.byMethod.get(method);
    if (composed !== undefined) return composed;
    composed = [];
    const hookName = METHOD_HOOKS.get(method);
    for (const middleware of this.layers) {
      if (middleware.onRequest !== undefined) composed.push(middleware.onRequest.bind(middleware));
      const hook = hookName === undefined ? undefined : (middleware[hookName] as Layer | undefined);
      if (hook !== undefined) composed.push(hook.bind(middleware));
    }
    if (this.byMethod.size >= 64) this.byMethod.clear(); // methods are client-chosen: keep the map bounded
    this.byMethod.set(method, composed);
    return composed;
  }

  /** Serves a request through the layers, with `core` (the engine's method handler) innermost. */
  async serve(
    server: McpServer,
    request: JsonRpcRequest,
    options: HandleOptions,
    session: Session | undefined,
    envelope: RequestEnvelope,
    core: CoreStep,
  ): Promise<Outcome | undefined> {
    const scope: RequestScope = { server, request, params: request.params ?? {}, envelope, options, session };
    const run = new RequestRun(scope, this.layersFor(request.method), core);
    const result = await run.dispatch(0);
    if (result === undefined) return undefined;
    if (result === run.coreResult && run.coreOutcome !== undefined) return run.coreOutcome;
    if (typeof result !== "object" || result === null || Array.isArray(result)) {
      throw new McpError("invalid_definition", `middleware returned ${Array.isArray(result) ? "an array" : typeof result} for ${request.method}; return a result object`);
    }
    if (envelope.era === ProtocolEras.Stateless && result.resultType === undefined) {
      return { result: envelopeResult(scope, result, cacheKindOf(request.method)) };
    }
    return { result };
  }

  /** Runs a notification through the `onNotification` hooks, with `core` innermost. Never rejects. */
  async notify(
    server: McpServer,
    notification: JsonRpcRequest,
    options: HandleOptions,
    session: Session | undefined,
    envelope: RequestEnvelope,
    core: () => void,
  ): Promise<void> {
    this.notificationLayers ??= this.layers.flatMap((layer) => (layer.onNotification === undefined ? [] : [layer.onNotification.bind(layer)]));
    const layers = this.notificationLayers;
    const scope: RequestScope = { server, request: notification, params: notification.params ?? {}, envelope, options, session };
    const context = new MessageContext(scope, undefined);
    const step = async (index: number): Promise<void> => {
      const layer = layers[index];
      if (layer === undefined) return core();
      await layer(context, () => step(index + 1));
    };
    try {
      await step(0);
    } catch {
      // A notification has no reply to carry the error; the middleware that threw owns reporting it.
    }
  }
}

/** One request going through the layers; remembers the engine's own outcome so it is reused when nothing replaced it. */
class RequestRun {
  readonly context: MessageContext;
  coreOutcome: Outcome | undefined;
  coreResult: McpResult | undefined;

  constructor(
    private readonly scope: RequestScope,
    private readonly layers: Layer[],
    private readonly core: CoreStep,
  ) {
    this.context = new MessageContext(scope, scope.request.id);
  }

  dispatch(index: number): Promise<McpResult | undefined> {
    try {
      if (index === this.layers.length) return this.runCore();
      const layer = this.layers[index] as Layer;
      return Promise.resolve(layer(this.context, () => this.dispatch(index + 1)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private async runCore(): Promise<McpResult | undefined> {
    const outcome = await this.core(this.scope);
    this.coreOutcome = outcome;
    if (outcome === undefined) return (this.coreResult = undefined);
    const result = outcome.result;
    this.coreResult = result;
    return result;
  }
}
