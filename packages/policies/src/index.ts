/**
 * @chuk-mcp/policies: gateway policies as `@chuk-mcp/core` middleware (`server.use(...)`).
 * Rate limits (memory, Redis), Prometheus metrics, OpenTelemetry tracing, audit log and
 * result caching. Option objects mirror the runtime's YAML keys (`rate_limits`, `metrics`).
 */
export { rateLimit } from "./rate-limit/rate-limit.js";
export type { RateLimiter, RateLimitOptions } from "./rate-limit/rate-limit.js";
export type { RateLimitConfig, RateLimitRule } from "./rate-limit/config.js";
export { rateLimitedError } from "./rate-limit/errors.js";
export type { RateLimitedData } from "./rate-limit/errors.js";
export { MemoryRateLimitStore } from "./rate-limit/memory-store.js";
export type { MemoryRateLimitStoreOptions } from "./rate-limit/memory-store.js";
export { RedisRateLimitStore } from "./rate-limit/redis-store.js";
export type { RedisRateLimitStoreOptions, RedisLikeClient } from "./rate-limit/redis-store.js";
export type { RateLimitStore, BucketLimit, BucketDecision, RateLimitAlgorithm } from "./rate-limit/store.js";
export { callerKey, callerIp } from "./caller.js";
export type { Per, CallerOptions } from "./caller.js";
export { createMetrics, Metrics } from "./metrics/metrics.js";
export type { MetricsConfig, MetricsOptions, UpstreamHealthView, UpstreamHealthSource } from "./metrics/metrics.js";
export { metricsHandler } from "./metrics/handler.js";
export type { MetricsHandlerOptions } from "./metrics/handler.js";
export { Counter, Gauge, Histogram, MetricsRegistry, DEFAULT_BUCKETS, PROMETHEUS_CONTENT_TYPE } from "./metrics/registry.js";
export { tracing } from "./tracing/tracing.js";
export type { TracingOptions } from "./tracing/tracing.js";
export { parseTraceparent, traceContextMeta } from "./tracing/traceparent.js";
export { upstreamTraceMeta } from "./tracing/upstream-trace-meta.js";
export { audit, redactArguments } from "./audit/audit.js";
export type { AuditOptions, AuditRecord } from "./audit/audit.js";
export { resultCache } from "./cache/result-cache.js";
export type { ResultCache, ResultCacheConfig, ResultCacheOptions } from "./cache/result-cache.js";
export { RedisResultCacheStore } from "./cache/redis-cache-store.js";
export type { ResultCacheStore, RedisResultCacheStoreOptions } from "./cache/redis-cache-store.js";
