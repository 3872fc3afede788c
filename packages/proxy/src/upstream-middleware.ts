/**
 * Middleware per upstream, and the W3C trace context an upstream call carries.
 *
 * The proxy installs one routing layer on its server. For a request that goes to one upstream
 * (`tools/call`, `prompts/get`, `resources/read`, `completion/complete` of a proxied name) it
 * runs that upstream's own middleware around the rest of the onion, the same way core runs
 * `server.use()` layers (a layer's `onRequest` wraps its method hook, first layer outermost),
 * and keeps the request's context in an `AsyncLocalStorage` so the upstream call, deep inside
 * the handler, can read the trace context to send on (`_meta.traceparent`, and the
 * `traceparent` header for HTTP upstreams).
 * @see https://www.w3.org/TR/trace-context/#traceparent-header
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { McpResult, Middleware, MiddlewareContext, Next } from "@chuk-mcp/core";
import { ProxyError } from "./errors.js";

/**
 * The `_meta` entries (`traceparent`, `tracestate`) an upstream request should carry for the
 * downstream request `context`. `@chuk-mcp/policies`' `upstreamTraceMeta` gives the proxy's own
 * span (from `tracing()`); the default passes the caller's on unchanged.
 */
export type TraceContextSource = (context: MiddlewareContext) => Record<string, string> | undefined;

/** Which hook of a layer wraps each method the proxy routes to one upstream. */
const ROUTED_HOOKS: ReadonlyMap<string, keyof Middleware> = new Map<string, keyof Middleware>([
  ["tools/call", "onCallTool"],
  ["resources/read", "onReadResource"],
  ["prompts/get", "onGetPrompt"],
  ["completion/complete", "onComplete"],
]);

const HOOKS = new Set(["onRequest", "onNotification", "onListTools", "onListResources", "onListResourceTemplates", "onListPrompts", ...ROUTED_HOOKS.values()]);

/** Checks a per-upstream middleware list once, when it is attached. */
export function checkUpstreamMiddleware(server: string, layers: readonly Middleware[]): void {
  if (!Array.isArray(layers)) throw new ProxyError("invalid_config", `middleware of upstream "${server}" must be an array of middleware objects`);
  layers.forEach((layer, index) => {
    if (typeof layer !== "object" || layer === null) throw new ProxyError("invalid_config", `middleware[${index}] of upstream "${server}" is not a middleware object`);
    for (const key of Object.keys(layer)) {
      if (key.startsWith("on") && !HOOKS.has(key)) throw new ProxyError("invalid_config", `middleware[${index}] of upstream "${server}" has an unknown hook "${key}"; use onRequest, onCallTool, onReadResource, onGetPrompt or onComplete`);
    }
  });
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const TRACESTATE_MAX = 512;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The default {@link TraceContextSource}: the caller's `traceparent` / `tracestate` from
 * `params._meta`, else from the HTTP headers, passed on unchanged when well formed (so the
 * upstream joins the caller's trace even when the proxy records no spans of its own).
 */
export function incomingTraceContext(context: MiddlewareContext): Record<string, string> | undefined {
  const meta = context.params._meta;
  const fromMeta = isRecord(meta) && typeof meta.traceparent === "string";
  const traceparent = fromMeta ? (meta.traceparent as string) : context.headers.traceparent;
  if (traceparent === undefined || !TRACEPARENT.test(traceparent.trim())) return undefined;
  const out: Record<string, string> = { traceparent: traceparent.trim() };
  const tracestate = fromMeta ? meta.tracestate : context.headers.tracestate;
  if (typeof tracestate === "string" && tracestate !== "" && tracestate.length <= TRACESTATE_MAX) out.tracestate = tracestate;
  return out;
}

interface RoutedScope {
  readonly context: MiddlewareContext;
  readonly source: TraceContextSource;
  meta?: Record<string, string>;
}

const routed = new AsyncLocalStorage<RoutedScope>();

/**
 * The trace `_meta` for the upstream call being made now (computed once per request, on first
 * use, so spans opened by inner middleware are already there); `undefined` outside a routed request.
 */
export function outgoingTraceMeta(): Record<string, string> | undefined {
  const scope = routed.getStore();
  if (scope === undefined) return undefined;
  scope.meta ??= scope.source(scope.context) ?? {};
  return scope.meta;
}

/** `params` with the outgoing trace context merged into `_meta` (the caller's other `_meta` keys are not forwarded). */
export function withTraceMeta<T extends object>(params: T): T {
  const meta = outgoingTraceMeta();
  if (meta === undefined || meta.traceparent === undefined) return params;
  return { ...params, _meta: { ...((params as { _meta?: Record<string, unknown> })._meta ?? {}), ...meta } };
}

/** `fetch` that adds the outgoing `traceparent` / `tracestate` headers (HTTP upstreams). */
export const tracedFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const meta = outgoingTraceMeta();
  if (meta?.traceparent === undefined) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set("traceparent", meta.traceparent);
  if (meta.tracestate !== undefined) headers.set("tracestate", meta.tracestate);
  return fetch(input, { ...init, headers });
};

function runLayers(layers: readonly Middleware[], method: string, context: MiddlewareContext, last: Next): Promise<McpResult | undefined> {
  const hookName = ROUTED_HOOKS.get(method);
  const hooks: ((context: MiddlewareContext, next: Next) => McpResult | undefined | Promise<McpResult | undefined>)[] = [];
  for (const layer of layers) {
    if (layer.onRequest !== undefined) hooks.push(layer.onRequest.bind(layer));
    const hook = hookName === undefined ? undefined : (layer[hookName] as typeof layer.onRequest);
    if (hook !== undefined) hooks.push(hook.bind(layer));
  }
  const step = async (index: number): Promise<McpResult | undefined> => {
    const hook = hooks[index];
    if (hook === undefined) return last();
    return hook(context, () => step(index + 1));
  };
  return step(0);
}

/** What the routing layer needs from the proxy. */
export interface UpstreamRouting {
  /** The upstream a request goes to, or undefined (local definitions, lists, unknown names). */
  upstreamOf(context: MiddlewareContext): string | undefined;
  /** That upstream's own middleware, outermost first. */
  layersOf(server: string): readonly Middleware[] | undefined;
  traceContext: TraceContextSource;
}

/** The proxy's routing layer (installed innermost of the proxy's own `middleware`). */
export function upstreamRouter(routing: UpstreamRouting): Middleware {
  return {
    name: "chuk-mcp-proxy:upstream-router",
    onRequest(context, next) {
      if (!ROUTED_HOOKS.has(context.method)) return next();
      const server = routing.upstreamOf(context);
      if (server === undefined) return next();
      const scope: RoutedScope = { context, source: routing.traceContext };
      const inner: Next = () => routed.run(scope, next);
      const layers = routing.layersOf(server);
      return layers === undefined || layers.length === 0 ? inner() : runLayers(layers, context.method, context, inner);
    },
  };
}
