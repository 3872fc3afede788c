/**
 * Vercel Functions, Node.js and Edge runtimes alike: both accept web-standard method exports
 * (`export const { GET, POST, DELETE } = vercelHandler(server)`) or `export default { fetch }`.
 * `basePath` is prefixed to `path` once (`/api` + `/mcp` → `/api/mcp`), and by default both the
 * rewritten `/mcp` and the file route `/api/mcp` are served, so a `vercel.json` rewrite and a
 * direct call both reach the endpoint.
 * @see https://vercel.com/docs/functions/functions-api-reference
 */
import { resolveTarget, type AdapterOptions, type AdapterTarget } from "./fetch-target.js";

/** Method exports for a Vercel function file. */
export interface VercelHandlers {
  GET(request: Request): Promise<Response>;
  POST(request: Request): Promise<Response>;
  DELETE(request: Request): Promise<Response>;
  OPTIONS(request: Request): Promise<Response>;
  fetch(request: Request): Promise<Response>;
}

/**
 * Builds the method handlers for `api/mcp.ts`.
 * @example export const { GET, POST, DELETE, OPTIONS } = vercelHandler(server);
 */
export function vercelHandler(target: AdapterTarget, options: AdapterOptions = {}): VercelHandlers {
  const resolved = resolveTarget(target, { ...options, path: options.path === undefined ? ["/mcp", "/api/mcp"] : options.path });
  const fetch = (request: Request): Promise<Response> => resolved.fetch(request);
  return { GET: fetch, POST: fetch, DELETE: fetch, OPTIONS: fetch, fetch };
}
