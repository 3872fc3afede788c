/**
 * What every adapter wraps: an `McpServer` (served by `@chuk-mcp/http`'s `createMcpHandler`),
 * a ready `{ fetch }` handler, or a promise of one (built once at cold start, e.g. with Redis
 * sessions). The result is one `fetch(Request) → Response` that never rejects: failures are
 * answered as JSON-RPC errors and reported to `onError`.
 */
import { createMcpHandler, type McpEngine, type McpHttpOptions } from "@chuk-mcp/http";
import { asAdapterError, CloudAdapterError } from "./errors.js";

/** Anything with a web-standard `fetch`: `createMcpHandler(...)`, a Hono app, … */
export interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}

/** What an adapter accepts. */
export type AdapterTarget = McpEngine | FetchHandler | Promise<McpEngine | FetchHandler>;

/** Options shared by every adapter. */
export interface AdapterOptions {
  /**
   * Options for `createMcpHandler` when the target is a server. Serverless defaults:
   * `sessions: false` (a 2025 client gets stateless answers and no `Mcp-Session-Id`) unless a
   * `sessionStore` is given.
   */
  readonly http?: McpHttpOptions;
  /**
   * Paths served as the MCP endpoint (default `"/mcp"`); anything else is a 404. `null`
   * serves every path (when the platform already routes, e.g. a Netlify `config.path`).
   */
  readonly path?: string | readonly string[] | null;
  /** Prefix the platform adds in front of `path` (an API Gateway stage, a Vercel `/api`). */
  readonly basePath?: string;
  /** Errors the handler threw; default `console.error`. */
  readonly onError?: (error: unknown) => void;
}

/** The adapter's view of its target. */
export interface ResolvedTarget {
  fetch(request: Request): Promise<Response>;
  /** Whether `request`'s path is one the MCP endpoint serves. */
  matches(pathname: string): boolean;
}

function isFetchHandler(value: McpEngine | FetchHandler): value is FetchHandler {
  return typeof (value as Partial<FetchHandler>).fetch === "function";
}

/** The handler options serverless functions get when the caller says nothing. */
export function serverlessHttpOptions(options: McpHttpOptions | undefined): McpHttpOptions {
  const http = options ?? {};
  if (http.sessions !== undefined || http.sessionStore !== undefined) return http;
  return { ...http, sessions: false };
}

function normalisePath(path: string): string {
  const withSlash = path.startsWith("/") ? path : `/${path}`;
  return withSlash.length > 1 && withSlash.endsWith("/") ? withSlash.slice(0, -1) : withSlash;
}

function endpointPaths(options: AdapterOptions): ReadonlySet<string> | null {
  if (options.path === null) return null;
  const paths = typeof options.path === "string" ? [options.path] : (options.path ?? ["/mcp"]);
  const base = options.basePath === undefined || options.basePath === "" || options.basePath === "/" ? "" : normalisePath(options.basePath);
  return new Set(paths.map((path) => `${base}${normalisePath(path)}`.replace(/\/{2,}/g, "/")));
}

/** Builds the adapter's `fetch` from `target`. The server's handler is created once. */
export function resolveTarget(target: AdapterTarget, options: AdapterOptions = {}): ResolvedTarget {
  const onError = options.onError ?? ((error: unknown) => console.error("[@chuk-mcp/cloud]", error));
  const toHandler = (value: McpEngine | FetchHandler): FetchHandler =>
    isFetchHandler(value) ? value : createMcpHandler(value, { onError, ...serverlessHttpOptions(options.http) });
  let handler: FetchHandler | undefined;
  let pending: Promise<FetchHandler> | undefined;
  if (target instanceof Promise) {
    pending = target.then(toHandler);
    // Reported when the first request awaits it; this only keeps Node from flagging it early.
    pending.catch(() => undefined);
  } else {
    handler = toHandler(target);
  }
  const paths = endpointPaths(options);
  const matches = (pathname: string): boolean => paths === null || paths.has(pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname);
  return {
    matches,
    async fetch(request) {
      try {
        if (!matches(new URL(request.url).pathname)) {
          const served = paths === null ? "" : [...paths].join(", ");
          throw new CloudAdapterError("not_found", `no MCP endpoint at ${new URL(request.url).pathname}; this function serves ${served}`);
        }
        if (handler === undefined) handler = await (pending as Promise<FetchHandler>);
        return await handler.fetch(request);
      } catch (error) {
        const failure = asAdapterError(error);
        if (failure.code === "handler_failed") onError(error);
        return failure.toResponse();
      }
    },
  };
}
