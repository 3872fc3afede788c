/**
 * `rateLimit(config)`: a middleware that counts every request against the rules that apply to
 * it (global, default per caller, per tool, per upstream server) and refuses one over budget
 * with JSON-RPC -32005 (HTTP: 429 + Retry-After). Rules are checked in that order; the first
 * refusal ends the request (tokens already taken from earlier buckets stay taken).
 */
import type { CallToolContext, Middleware, MiddlewareContext } from "@chuk-mcp/core";
import { callerKey, type CallerOptions } from "../caller.js";
import { resolveRateLimits, type RateLimitConfig, type RateLimitRule } from "./config.js";
import { rateLimitedError } from "./errors.js";
import { MemoryRateLimitStore } from "./memory-store.js";
import { RedisRateLimitStore, type RedisLikeClient } from "./redis-store.js";
import type { BucketDecision, BucketLimit, RateLimitStore } from "./store.js";

/** Code-only options (functions and clients the YAML cannot hold). */
export interface RateLimitOptions extends CallerOptions {
  /** A store of your own; wins over `config.store`. */
  store?: RateLimitStore;
  /** For `store: redis`: an ioredis `Redis`/`Cluster` you own, instead of connecting to `config.redis.url`. */
  redisClient?: RedisLikeClient;
  /** The upstream server a tool belongs to; default: a dot-separated segment of its name that `servers` names. */
  serverOf?: (context: CallToolContext) => string | undefined;
  /** Told about each store failure (the request then passes or fails as `on_store_error` says). */
  onStoreError?: (error: unknown) => void;
}

/** The middleware plus what its owner needs. */
export interface RateLimiter extends Middleware {
  readonly store: RateLimitStore;
  /** Closes the store's own connections. */
  close(): Promise<void>;
}

interface Check {
  name: string;
  rule: RateLimitRule;
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function defaultServerOf(servers: ReadonlyMap<string, RateLimitRule>): (context: CallToolContext) => string | undefined {
  return (context) => {
    const segments = context.name.split(".");
    for (let index = segments.length - 2; index >= 0; index--) {
      const segment = segments[index] as string;
      if (servers.has(segment)) return segment;
    }
    return undefined;
  };
}

export function rateLimit(config: RateLimitConfig, options: RateLimitOptions = {}): RateLimiter {
  const rules = resolveRateLimits(config);
  const store: RateLimitStore =
    options.store ??
    (config.store === "redis"
      ? new RedisRateLimitStore({ client: options.redisClient, url: config.redis?.url, keyPrefix: config.redis?.key_prefix, timeoutMs: config.redis?.timeout_ms })
      : new MemoryRateLimitStore());
  const serverOf = options.serverOf ?? defaultServerOf(rules.servers);
  const base: Check[] = [];
  if (rules.global !== undefined) base.push({ name: "global", rule: rules.global });
  if (rules.default !== undefined) base.push({ name: "default", rule: rules.default });
  const hasCallRules = rules.tools.size > 0 || rules.servers.size > 0;

  function checksFor(context: MiddlewareContext): Check[] {
    if (!hasCallRules || context.method !== "tools/call") return base;
    const call = context as CallToolContext;
    const checks = [...base];
    const toolRule = rules.tools.get(call.name);
    if (toolRule !== undefined) checks.push({ name: `tool:${call.name}`, rule: toolRule });
    const server = rules.servers.size > 0 ? serverOf(call) : undefined;
    const serverRule = server === undefined ? undefined : rules.servers.get(server);
    if (serverRule !== undefined) checks.push({ name: `server:${server}`, rule: serverRule });
    return checks;
  }

  function judge(check: Check, decision: BucketDecision): void {
    if (decision.allowed) return;
    throw rateLimitedError({
      retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
      retryAfterMs: decision.retryAfterMs,
      rule: check.name,
      limit: check.rule.requests,
      windowSeconds: check.rule.window_seconds,
      reason: "limit_exceeded",
    });
  }

  function storeFailed(check: Check, error: unknown): void {
    options.onStoreError?.(error);
    if (!rules.failClosed) return;
    throw rateLimitedError({
      retryAfterSeconds: 1,
      retryAfterMs: 1000,
      rule: check.name,
      limit: check.rule.requests,
      windowSeconds: check.rule.window_seconds,
      reason: "store_unavailable",
    });
  }

  async function takeLater(checks: Check[], from: number, pending: PromiseLike<BucketDecision>, context: MiddlewareContext): Promise<void> {
    for (let index = from; index < checks.length; index++) {
      const check = checks[index] as Check;
      try {
        const decision = index === from ? await pending : await store.take(`${check.name}:${callerKey(check.rule.per ?? "user", context, options)}`, limitOf(check.rule), 1);
        judge(check, decision);
      } catch (error) {
        if ((error as { code?: unknown }).code === -32005) throw error;
        storeFailed(check, error);
      }
    }
  }

  /** Takes a token from every bucket that applies; synchronous while the store is (memory). */
  function admit(context: MiddlewareContext): void | Promise<void> {
    const checks = checksFor(context);
    for (let index = 0; index < checks.length; index++) {
      const check = checks[index] as Check;
      let decision: BucketDecision | PromiseLike<BucketDecision>;
      try {
        decision = store.take(`${check.name}:${callerKey(check.rule.per ?? "user", context, options)}`, limitOf(check.rule), 1);
      } catch (error) {
        storeFailed(check, error);
        continue;
      }
      if (isThenable(decision)) return takeLater(checks, index, decision, context);
      judge(check, decision);
    }
  }

  return {
    name: "rate-limit",
    store,
    onRequest(context, next) {
      const admitted = admit(context);
      return admitted === undefined ? next() : admitted.then(next);
    },
    async close() {
      await store.close?.();
    },
  };
}

const limits = new WeakMap<RateLimitRule, BucketLimit>();

function limitOf(rule: RateLimitRule): BucketLimit {
  let limit = limits.get(rule);
  if (limit === undefined) {
    limit = { capacity: rule.requests, windowMs: rule.window_seconds * 1000, algorithm: rule.algorithm ?? "token_bucket" };
    limits.set(rule, limit);
  }
  return limit;
}
