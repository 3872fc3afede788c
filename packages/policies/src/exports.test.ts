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
    const connect = await readFile(new URL("./redis-connect.ts", import.meta.url), "utf8");
    expect(connect).toMatch(/await import\("ioredis"\)/);
    for (const file of ["./redis-connect.ts", "./rate-limit/redis-store.ts", "./cache/redis-cache-store.ts"]) {
      const source = await readFile(new URL(file, import.meta.url), "utf8");
      expect(source, file).not.toMatch(/^import (?!type)[^\n]*from "ioredis"/m);
    }
  });
});
