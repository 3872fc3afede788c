/**
 * Netlify Functions (v2) and Edge Functions share one signature: `(request, context) =>
 * Response`. The route comes from the function's `config.path` (`export const config = { path:
 * "/mcp" }`), which the adapter also serves by default.
 * @see https://docs.netlify.com/build/functions/api/
 */
import { resolveTarget, type AdapterOptions, type AdapterTarget } from "./fetch-target.js";

/** A Netlify function's default export. */
export type NetlifyFunction = (request: Request, context?: unknown) => Promise<Response>;

/**
 * Builds the Netlify function.
 * @example export default netlifyHandler(server); export const config = { path: "/mcp" };
 */
export function netlifyHandler(target: AdapterTarget, options: AdapterOptions = {}): NetlifyFunction {
  const resolved = resolveTarget(target, options);
  return (request) => resolved.fetch(request);
}
