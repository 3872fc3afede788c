import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import * as publicApi from "./index.js";

describe("public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(publicApi).sort()).toEqual(
      [
        "Counter", "DEFAULT_BUCKETS", "Gauge", "Histogram", "MemoryRateLimitStore", "Metrics", "MetricsRegistry", "PROMETHEUS_CONTENT_TYPE",
        "RedisRateLimitStore", "RedisResultCacheStore", "audit", "callerIp", "callerKey", "createMetrics", "metricsHandler", "parseTraceparent", "rateLimit",
        "rateLimitedError", "redactArguments", "resultCache", "traceContextMeta", "tracing", "upstreamTraceMeta",
      ].sort(),
    );
  });

  it("does not load ioredis until a Redis store connects", async () => {
    const source = await readFile(new URL("./rate-limit/redis-store.ts", import.meta.url), "utf8");
    expect(source).toMatch(/await import\("ioredis"\)/);
    expect(source).not.toMatch(/^import (?!type)[^\n]*from "ioredis"/m);
  });
});
