import type { CloudEnvironment } from "./environment.js";

/**
 * Which session backend the environment asks for: `SESSION_PROVIDER=redis` (or `REDIS_URL`
 * and no `SESSION_PROVIDER`) is `"redis"`, `memory`/`none`/`stateless` or nothing is
 * `"stateless"`. Throws on any other `SESSION_PROVIDER`, naming the accepted values.
 */
export function sessionProviderFromEnvironment(environment: CloudEnvironment): "stateless" | "redis" {
  const provider = environment.SESSION_PROVIDER?.trim().toLowerCase();
  if (provider === undefined || provider === "") return environment.REDIS_URL ? "redis" : "stateless";
  if (provider === "redis") return "redis";
  if (provider === "memory" || provider === "none" || provider === "stateless") return "stateless";
  throw new Error(`[@chuk-mcp/cloud] Invalid SESSION_PROVIDER '${environment.SESSION_PROVIDER}': expected 'redis' (with REDIS_URL) or 'memory' (stateless on serverless)`);
}
