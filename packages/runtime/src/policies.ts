/**
 * `rate_limits:`, `metrics:` and `tracing:` from the YAML, installed as `@chuk-mcp/policies`
 * middleware on the runtime's server, and the per-server policies of proxied `mcp_servers`
 * entries (`rate_limits`, `cache`) as that upstream's own middleware. Over HTTP a refusal is
 * 429 with Retry-After (mapped by `@chuk-mcp/http`); on stdio it is the JSON-RPC error -32005
 * with `data.retryAfterSeconds`.
 */
import type { McpServer, Middleware } from "@chuk-mcp/core";
import type { Metrics, RateLimitConfig } from "@chuk-mcp/policies";
import type { Logger } from "chuk-mcp";
import type { ResolvedConfig, UpstreamPolicies } from "./config/resolve-config.js";

/** What the runtime keeps of the installed policies. */
export interface InstalledPolicies {
  /** The `/metrics` handler, when `metrics.enabled`. */
  metricsRoute: ((request: Request) => Promise<Response>) | undefined;
  /** The metrics, when enabled (the proxy's upstream gauges are added to them). */
  metrics: Metrics | undefined;
  close(): Promise<void>;
}

function redisOf(config: ResolvedConfig): { redis: { url: string } } | Record<string, never> {
  const url = config.env.REDIS_URL;
  return url === undefined ? {} : { redis: { url } };
}

export async function installPolicies(server: McpServer, config: ResolvedConfig, logger: Logger): Promise<InstalledPolicies> {
  const { createMetrics, metricsHandler, rateLimit, tracing } = await import("@chuk-mcp/policies");
  let metricsRoute: InstalledPolicies["metricsRoute"];
  let metrics: Metrics | undefined;
  if (config.metrics.enabled) {
    metrics = createMetrics({ enabled: true, path: config.metrics.path, ...(config.metrics.bearerToken === undefined ? {} : { bearer_token: config.metrics.bearerToken }) });
    metrics.install(server);
    metricsRoute = metricsHandler(metrics);
    if (config.type === "stdio" || config.type === "sse") logger.warning(`metrics are collected but ${config.metrics.path} is served only on the streamable-http listener.`);
  }
  if (config.tracing.enabled) server.use(tracing());
  let close = async (): Promise<void> => undefined;
  if (config.rateLimits !== undefined) {
    const limiter = rateLimit(
      { ...config.rateLimits, ...(config.rateLimits.store === "redis" ? redisOf(config) : {}) },
      { onStoreError: (error) => logger.error("Rate-limit store error.", error) },
    );
    server.use(limiter);
    close = () => limiter.close();
  }
  return { metricsRoute, metrics, close };
}

/** Builds a proxied server's own middleware from its `mcp_servers` entry. */
export interface UpstreamPolicyBuilder {
  build(server: string, policies: UpstreamPolicies | undefined): Middleware[] | undefined;
  close(): Promise<void>;
}

export async function upstreamPolicyBuilder(config: ResolvedConfig, logger: Logger): Promise<UpstreamPolicyBuilder> {
  const { rateLimit, resultCache } = await import("@chuk-mcp/policies");
  const owned = new Map<string, { close(): Promise<void> }[]>();
  const release = async (server: string): Promise<void> => {
    const held = owned.get(server) ?? [];
    owned.delete(server);
    await Promise.all(held.map((item) => item.close().catch(() => undefined)));
  };
  return {
    build(server, policies) {
      void release(server);
      if (policies === undefined) return undefined;
      const layers: Middleware[] = [];
      const held: { close(): Promise<void> }[] = [];
      const shared = config.rateLimits;
      if (policies.rateLimit !== undefined) {
        // Each server counts under its own key prefix: a shared Redis must not mix two servers' "default" buckets.
        const limits: RateLimitConfig = {
          default: policies.rateLimit,
          ...(shared?.store === undefined ? {} : { store: shared.store }),
          ...(shared?.on_store_error === undefined ? {} : { on_store_error: shared.on_store_error }),
          ...(shared?.store === "redis" ? { redis: { ...redisOf(config).redis, key_prefix: `chuk-mcp:rate-limit:server:${server}:` } } : {}),
        };
        const limiter = rateLimit(limits, { onStoreError: (error) => logger.error(`Rate-limit store error (mcp_servers.${server}).`, error) });
        layers.push(limiter);
        held.push(limiter);
      }
      if (policies.cache !== undefined) {
        const { store, ...rest } = policies.cache;
        const cache = resultCache({ ...rest, ...(store === undefined ? {} : { store }), ...(store === "redis" ? { redis: { ...redisOf(config).redis, key_prefix: `chuk-mcp:cache:server:${server}:` } } : {}) });
        layers.push(cache);
        held.push(cache);
      }
      owned.set(server, held);
      return layers;
    },
    async close() {
      await Promise.all([...owned.keys()].map(release));
    },
  };
}
