/**
 * Deno and Deno Deploy: `serveDeno(server, { port })` calls `Deno.serve` with the portable
 * handler. On Deno Deploy leave `port` out; the platform picks it.
 * @see https://docs.deno.com/api/deno/~/Deno.serve
 */
import { CloudAdapterError } from "./errors.js";
import { resolveTarget, type AdapterOptions, type AdapterTarget } from "./fetch-target.js";

/** Options of {@link serveDeno}. */
export interface DenoServeOptions extends AdapterOptions {
  readonly port?: number;
  readonly hostname?: string;
  /** Called once the server listens. */
  readonly onListen?: (address: { hostname: string; port: number }) => void;
}

/** What `Deno.serve` returns (the part used here). */
export interface DenoServer {
  readonly finished: Promise<void>;
  readonly addr: { hostname: string; port: number };
  shutdown(): Promise<void>;
}

interface DenoGlobal {
  serve(options: { port?: number; hostname?: string; onListen?: (address: { hostname: string; port: number }) => void }, handler: (request: Request) => Promise<Response>): DenoServer;
}

/** Serves `target` with `Deno.serve`; throws outside Deno. */
export function serveDeno(target: AdapterTarget, options: DenoServeOptions = {}): DenoServer {
  const deno = (globalThis as { Deno?: Partial<DenoGlobal> }).Deno;
  if (typeof deno?.serve !== "function") throw new CloudAdapterError("invalid_event", "serveDeno() needs the Deno runtime (Deno.serve is missing); on Node use serve() from @chuk-mcp/http/node");
  const resolved = resolveTarget(target, options);
  const listen: { port?: number; hostname?: string; onListen?: (address: { hostname: string; port: number }) => void } = {};
  if (options.port !== undefined) listen.port = options.port;
  if (options.hostname !== undefined) listen.hostname = options.hostname;
  if (options.onListen !== undefined) listen.onListen = options.onListen;
  return deno.serve(listen, (request) => resolved.fetch(request));
}
