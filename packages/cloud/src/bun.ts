/**
 * Bun: `serveBun(server, { port })` calls `Bun.serve` with the portable handler. Bun closes
 * idle connections after 10 s by default, which would cut SSE streams between keep-alives;
 * the adapter sets `idleTimeout` to its maximum (255 s) unless told otherwise.
 * @see https://bun.sh/docs/api/http
 */
import { CloudAdapterError } from "./errors.js";
import { resolveTarget, type AdapterOptions, type AdapterTarget } from "./fetch-target.js";

/** Options of {@link serveBun}. */
export interface BunServeOptions extends AdapterOptions {
  readonly port?: number;
  readonly hostname?: string;
  /** Seconds before an idle connection closes (Bun's limit is 255). Default 255. */
  readonly idleTimeout?: number;
}

/** What `Bun.serve` returns (the part used here). */
export interface BunServer {
  readonly port: number;
  readonly hostname: string;
  stop(closeActiveConnections?: boolean): void | Promise<void>;
}

interface BunGlobal {
  serve(options: { port?: number; hostname?: string; idleTimeout?: number; fetch(request: Request): Promise<Response> }): BunServer;
}

/** Serves `target` with `Bun.serve`; throws outside Bun. */
export function serveBun(target: AdapterTarget, options: BunServeOptions = {}): BunServer {
  const bun = (globalThis as { Bun?: Partial<BunGlobal> }).Bun;
  if (typeof bun?.serve !== "function") throw new CloudAdapterError("invalid_event", "serveBun() needs the Bun runtime (Bun.serve is missing); on Node use serve() from @chuk-mcp/http/node");
  const resolved = resolveTarget(target, options);
  const serveOptions: { port?: number; hostname?: string; idleTimeout?: number; fetch(request: Request): Promise<Response> } = {
    idleTimeout: options.idleTimeout ?? 255,
    fetch: (request) => resolved.fetch(request),
  };
  if (options.port !== undefined) serveOptions.port = options.port;
  if (options.hostname !== undefined) serveOptions.hostname = options.hostname;
  return bun.serve(serveOptions);
}
