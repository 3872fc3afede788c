/**
 * Cloudflare Workers: `export default cloudflareHandler(server)` gives `{ fetch(request, env,
 * ctx) }`. When the server needs the Worker's bindings (secrets, KV), pass a factory
 * `(env) => server`; it runs once per isolate, on the first request. No `node:` imports and no
 * code generation here (TypeBox validates with its interpreter where `eval` is forbidden).
 * @see https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/
 */
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

/**
 * Builds the Worker's default export.
 * @example export default cloudflareHandler(server);
 */
export function cloudflareHandler<Env = unknown>(target: AdapterTarget | WorkerTargetFactory<Env>, options: AdapterOptions = {}): WorkerModule<Env> {
  if (typeof target !== "function") {
    const resolved = resolveTarget(target, options);
    return { fetch: (request) => resolved.fetch(request) };
  }
  let resolved: ResolvedTarget | undefined;
  return {
    fetch(request, env) {
      if (resolved === undefined) {
        let built: ReturnType<WorkerTargetFactory<Env>>;
        try {
          built = target(env);
        } catch (error) {
          built = Promise.reject(error);
        }
        resolved = resolveTarget(Promise.resolve(built), options);
      }
      return resolved.fetch(request);
    },
  };
}
