#!/usr/bin/env node
/**
 * Runs `calls` tools/call through `server.handleText` with one policy installed, after a fixed
 * warm-up, between two `os.loadavg()` calls: scripts/policies-callgrind.sh runs it under callgrind
 * with `--dump-before=*GetLoadAvg*`, so one dump holds exactly the measured loop (start-up and
 * warm-up excluded); over N that is one call's cost. Instructions of this process only (Redis'
 * own work is not counted).
 *
 *   node scripts/policies-calls.mjs <variant> <2025|2026> <calls>
 *   variants: none, token-bucket, sliding-window, cache-hit, token-bucket-redis, sliding-window-redis, cache-hit-redis
 *
 * Redis: REDIS_URL (default redis://127.0.0.1:6379), keys under a per-process prefix, deleted at the end.
 */
import { loadavg } from "node:os";
import * as core from "@chuk-mcp/core";
import { rateLimit, resultCache } from "@chuk-mcp/policies";
import { Redis } from "ioredis";
import { addToolServer, checkAddReply, toolsCallText } from "./core-calls-fixture.mjs";

const [variant = "none", era = "2025", callsText = "2000"] = process.argv.slice(2);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:bench-policies-callgrind:${process.pid}:`;
const server = addToolServer(core, { annotations: { readOnlyHint: true } });
/** @type {Redis | undefined} */
let redis;
const redisClient = () => (redis ??= new Redis(REDIS_URL, { maxRetriesPerRequest: 1 }));
const rule = (/** @type {"token_bucket" | "sliding_window"} */ algorithm) => ({ requests: 1_000_000_000, window_seconds: 1, per: /** @type {const} */ ("user"), algorithm });
/** @type {Record<string, () => import("@chuk-mcp/core").Middleware | undefined>} */
const variants = {
  none: () => undefined,
  "token-bucket": () => rateLimit({ default: rule("token_bucket") }),
  "sliding-window": () => rateLimit({ default: rule("sliding_window") }),
  "cache-hit": () => resultCache({ ttl_seconds: 600 }),
  "token-bucket-redis": () => rateLimit({ default: rule("token_bucket"), store: "redis", redis: { key_prefix: prefix, timeout_ms: 5_000 } }, { redisClient: redisClient() }),
  "sliding-window-redis": () => rateLimit({ default: rule("sliding_window"), store: "redis", redis: { key_prefix: prefix, timeout_ms: 5_000 } }, { redisClient: redisClient() }),
  "cache-hit-redis": () => resultCache({ ttl_seconds: 600, store: "redis", redis: { key_prefix: prefix, timeout_ms: 5_000 } }, { redisClient: redisClient() }),
};
const make = variants[variant];
if (make === undefined) throw new Error(`unknown variant ${variant}; use ${Object.keys(variants).join(", ")}`);
const middleware = make();
if (middleware !== undefined) server.use(middleware);
const text = toolsCallText(era);
const options = { auth: { subject: "bench", scopes: [] } };
for (let index = 0; index < 3_000; index++) await server.handleText(text, options);
const calls = Number(callsText);
// Markers for callgrind's --dump-before=*GetLoadAvg*: the dump at the second call holds exactly the loop.
loadavg();
for (let index = 0; index < calls; index++) await server.handleText(text, options);
loadavg();
checkAddReply(await server.handleText(text, options));
if (redis !== undefined) {
  const keys = await redis.keys(`${prefix}*`);
  for (const key of keys) await redis.del(key);
  await redis.quit();
}
