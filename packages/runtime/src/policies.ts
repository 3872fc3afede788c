/**
 * `rate_limits:` and `metrics:` from the YAML, installed as `@chuk-mcp/policies` middleware
 * on the runtime's server. Over HTTP a refusal is 429 with Retry-After (mapped by
 * `@chuk-mcp/http`); on stdio it is the JSON-RPC error -32005 with `data.retryAfterSeconds`.
 */
import type { McpServer } from "@chuk-mcp/core";
import type { Logger } from "chuk-mcp";
import type { ResolvedConfig } from "./config/resolve-config.js";

/** What the runtime keeps of the installed policies. */
export interface InstalledPolicies {
  /** The `/metrics` handler, when `metrics.enabled`. */
  metricsRoute: ((request: Request) => Promise<Response>) | undefined;
  close(): Promise<void>;
}

export async function installPolicies(server: McpServer, config: ResolvedConfig, logger: Logger): Promise<InstalledPolicies> {
  const { createMetrics, metricsHandler, rateLimit } = await import("@chuk-mcp/policies");
  let metricsRoute: InstalledPolicies["metricsRoute"];
  if (config.metrics.enabled) {
    const metrics = createMetrics({ enabled: true, path: config.metrics.path, ...(config.metrics.bearerToken === undefined ? {} : { bearer_token: config.metrics.bearerToken }) });
    metrics.install(server);
    metricsRoute = metricsHandler(metrics);
    if (config.type === "stdio" || config.type === "sse") logger.warning(`metrics are collected but ${config.metrics.path} is served only on the streamable-http listener.`);
  }
  let close = async (): Promise<void> => undefined;
  if (config.rateLimits !== undefined) {
    const redisUrl = config.env.REDIS_URL;
    const limiter = rateLimit(
      { ...config.rateLimits, ...(config.rateLimits.store === "redis" && redisUrl !== undefined ? { redis: { url: redisUrl } } : {}) },
      { onStoreError: (error) => logger.error("Rate-limit store error.", error) },
    );
    server.use(limiter);
    close = () => limiter.close();
  }
  return { metricsRoute, close };
}
