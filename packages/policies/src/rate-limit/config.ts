/**
 * The rate-limit configuration, shaped exactly like the runtime's YAML `rate_limits:` key so
 * the runtime passes it through 1:1:
 *
 *   rate_limits:
 *     default: { requests: 100, window_seconds: 60, per: user }
 *     tools:   { search: { requests: 10, window_seconds: 60 } }
 *     servers: { github: { requests: 50, window_seconds: 60, per: global } }
 *     store: memory            # or redis
 */
import { McpError } from "@chuk-mcp/core";
import { PER_VALUES, type Per } from "../caller.js";
import type { RateLimitAlgorithm } from "./store.js";

const ALGORITHMS: readonly RateLimitAlgorithm[] = ["token_bucket", "sliding_window"];

/** `requests` per `window_seconds` (a token bucket of that size, refilled evenly over the window). */
export interface RateLimitRule {
  requests: number;
  window_seconds: number;
  /** Whose budget: `user` (default), `session`, `ip` (behind a proxy that sets the header) or `global`. */
  per?: Per;
  /** `token_bucket` (default: bursts, then an even rate) or `sliding_window` (at most `requests` in any window). */
  algorithm?: RateLimitAlgorithm;
}

export interface RateLimitConfig {
  /** Every request of every caller (any method). */
  default?: RateLimitRule;
  /** One budget for the whole server (all callers together). `per` is ignored. */
  global?: Omit<RateLimitRule, "per">;
  /** `tools/call` of one tool, by its exposed name (in addition to `default`). */
  tools?: Record<string, RateLimitRule>;
  /** `tools/call` of any tool of one upstream server (proxy names: `<server>.<tool>` or `<namespace>.<server>.<tool>`). */
  servers?: Record<string, RateLimitRule>;
  /** Where buckets live; default `memory`. `redis` shares them between instances. */
  store?: "memory" | "redis";
  /** `redis` store: URL (default env REDIS_URL), key prefix, and the per-step timeout. */
  redis?: { url?: string; key_prefix?: string; timeout_ms?: number };
  /** When the store fails: `open` (default) lets requests through, `closed` refuses them. */
  on_store_error?: "open" | "closed";
  /** The algorithm of rules that do not name one; default `token_bucket`. */
  algorithm?: RateLimitAlgorithm;
}

function fail(where: string, problem: string): never {
  throw new McpError("invalid_definition", `rate_limits${where}: ${problem}`);
}

const RULE_KEYS = new Set(["requests", "window_seconds", "per", "algorithm"]);

export function checkRule(rule: unknown, where: string, allowPer = true): RateLimitRule {
  if (typeof rule !== "object" || rule === null) fail(where, "must be an object { requests, window_seconds, per? }");
  const { requests, window_seconds: windowSeconds, per, algorithm } = rule as Record<string, unknown>;
  for (const key of Object.keys(rule)) {
    if (!RULE_KEYS.has(key)) fail(`${where}.${key}`, `unknown key; use ${[...RULE_KEYS].join(", ")}`);
  }
  if (algorithm !== undefined && !ALGORITHMS.includes(algorithm as RateLimitAlgorithm)) {
    fail(`${where}.algorithm`, `must be ${ALGORITHMS.join(" or ")}, not ${JSON.stringify(algorithm)}`);
  }
  if (typeof requests !== "number" || !Number.isInteger(requests) || requests < 1) fail(`${where}.requests`, `must be a positive integer, not ${JSON.stringify(requests)}`);
  if (typeof windowSeconds !== "number" || !(windowSeconds > 0) || !Number.isFinite(windowSeconds)) {
    fail(`${where}.window_seconds`, `must be a positive number of seconds, not ${JSON.stringify(windowSeconds)}`);
  }
  if (per !== undefined && (!allowPer || !PER_VALUES.includes(per as Per))) {
    fail(`${where}.per`, allowPer ? `must be one of ${PER_VALUES.join(", ")}, not ${JSON.stringify(per)}` : "is not allowed here");
  }
  return rule as RateLimitRule;
}

function withAlgorithm(rule: RateLimitRule, algorithm: RateLimitAlgorithm): RateLimitRule {
  return { ...rule, algorithm: rule.algorithm ?? algorithm };
}

function checkTable(table: unknown, where: string, algorithm: RateLimitAlgorithm): Map<string, RateLimitRule> {
  if (table === undefined) return new Map();
  if (typeof table !== "object" || table === null || Array.isArray(table)) fail(where, "must be a map of name → { requests, window_seconds, per?, algorithm? }");
  return new Map(Object.entries(table).map(([name, rule]) => [name, withAlgorithm(checkRule(rule, `${where}.${name}`), algorithm)]));
}

/** The checked configuration, with name lookups in Maps (names come from clients). */
export interface ResolvedRateLimits {
  default: RateLimitRule | undefined;
  global: RateLimitRule | undefined;
  tools: Map<string, RateLimitRule>;
  servers: Map<string, RateLimitRule>;
  failClosed: boolean;
}

export function resolveRateLimits(config: RateLimitConfig): ResolvedRateLimits {
  if (typeof config !== "object" || config === null) fail("", "must be an object");
  const known = new Set(["default", "global", "tools", "servers", "store", "redis", "on_store_error", "algorithm"]);
  for (const key of Object.keys(config)) if (!known.has(key)) fail(`.${key}`, `unknown key; use ${[...known].join(", ")}`);
  if (config.store !== undefined && config.store !== "memory" && config.store !== "redis") fail(".store", 'must be "memory" or "redis"');
  if (config.on_store_error !== undefined && config.on_store_error !== "open" && config.on_store_error !== "closed") {
    fail(".on_store_error", 'must be "open" or "closed"');
  }
  if (config.algorithm !== undefined && !ALGORITHMS.includes(config.algorithm)) fail(".algorithm", `must be ${ALGORITHMS.join(" or ")}, not ${JSON.stringify(config.algorithm)}`);
  const algorithm = config.algorithm ?? "token_bucket";
  return {
    default: config.default === undefined ? undefined : withAlgorithm(checkRule(config.default, ".default"), algorithm),
    global: config.global === undefined ? undefined : withAlgorithm({ ...checkRule(config.global, ".global", false), per: "global" }, algorithm),
    tools: checkTable(config.tools, ".tools", algorithm),
    servers: checkTable(config.servers, ".servers", algorithm),
    failClosed: config.on_store_error === "closed",
  };
}
