/**
 * Cloudflare Workers: `export default cloudflareHandler(server)` gives `{ fetch(request, env,
 * ctx) }`. When the server needs the Worker's bindings (secrets, KV), pass a factory
 * `(env) => server`; it runs once per isolate, on the first request. No `node:` imports and no
 * code generation here (TypeBox validates with its interpreter where `eval` is forbidden).
 * @see https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/
 */
import { loadSchemaCompiler } from "@chuk-mcp/core";
import type { McpEngine } from "@chuk-mcp/http";
import { resolveTarget, type AdapterOptions, type AdapterTarget, type FetchHandler, type ResolvedTarget } from "./fetch-target.js";

/** The part of the Workers `ExecutionContext` the adapter passes through. */
export interface WorkerExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** A Worker module's default export. */
export interface WorkerModule<Env> {
  fetch(request: Request, env: Env, context?: WorkerExecutionContext): Promise<Response>;
}

/** A target that needs the Worker's `env` to be built. */
export type WorkerTargetFactory<Env> = (env: Env) => McpEngine | FetchHandler | Promise<McpEngine | FetchHandler>;

/** A target that reports background work (store writes) to keep alive after the answer. */
interface Settleable {
  settled(): Promise<void>;
}

function settleableOf(value: unknown): Settleable | undefined {
  return typeof (value as Partial<Settleable> | null)?.settled === "function" ? (value as Settleable) : undefined;
}

/**
 * Builds the Worker's default export. When the target has `settled()` (`createWorkersHandler`
 * with Redis sessions), it goes to `ctx.waitUntil` after each answer, so a session write that
 * is still running when the response leaves is not cancelled with the request.
 * @example export default cloudflareHandler(server);
 */
export function cloudflareHandler<Env = unknown>(target: AdapterTarget | WorkerTargetFactory<Env>, options: AdapterOptions = {}): WorkerModule<Env> {
  // core loads TypeBox's compiler on first need, which in a Worker was the first request (about
  // two thirds of its time). Start it while the module evaluates, before any request arrives;
  // it is plain code loading (no I/O, timers or randomness), which global scope allows.
  loadSchemaCompiler().catch(() => undefined);
  let settleable: Settleable | undefined;
  const keepAlive = (context: WorkerExecutionContext | undefined) => {
    if (context !== undefined && settleable !== undefined) context.waitUntil(settleable.settled());
  };
  if (typeof target !== "function") {
    const resolved = resolveTarget(target, options);
    if (target instanceof Promise) {
      target.then((value) => (settleable = settleableOf(value)), () => undefined);
    } else {
      settleable = settleableOf(target);
    }
    return {
      async fetch(request, _env, context) {
        const response = await resolved.fetch(request);
        keepAlive(context);
        return response;
      },
    };
  }
  let resolved: ResolvedTarget | undefined;
  return {
    async fetch(request, env, context) {
      if (resolved === undefined) {
        let built: ReturnType<WorkerTargetFactory<Env>>;
        try {
          built = target(env);
        } catch (error) {
          built = Promise.reject(error);
        }
        const pending = Promise.resolve(built);
        pending.then((value) => (settleable = settleableOf(value)), () => undefined);
        resolved = resolveTarget(pending, options);
      }
      const response = await resolved.fetch(request);
      keepAlive(context);
      return response;
    },
  };
}
