/**
 * Checks a configuration object (from code, JSON or YAML) and says exactly what to fix.
 */
import type { HttpEndpoint, ProxyConfig, StdioEndpoint, UpstreamConfig } from "./config.js";
import { ProxyError } from "./errors.js";

/** Server names double as URI scheme prefixes, so they stay within scheme characters minus `+` and `.`. */
export const SERVER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

type Json = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw new ProxyError("invalid_config", `${path}: ${message}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(value: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${path}.${key}`, `unknown setting; allowed here: ${allowed.join(", ")}`);
  }
}

function optionalString(value: Json, key: string, path: string): void {
  if (value[key] !== undefined && typeof value[key] !== "string") fail(`${path}.${key}`, "must be a string");
}

function optionalBoolean(value: Json, key: string, path: string): void {
  if (value[key] !== undefined && typeof value[key] !== "boolean") fail(`${path}.${key}`, "must be true or false");
}

function optionalDuration(value: Json, key: string, path: string, allowZero = false): void {
  const raw = value[key];
  if (raw === undefined) return;
  if (typeof raw !== "number" || !Number.isFinite(raw) || raw < 0 || (!allowZero && raw === 0)) {
    fail(`${path}.${key}`, `must be a ${allowZero ? "non-negative" : "positive"} number of milliseconds, got ${JSON.stringify(raw)}`);
  }
}

function optionalStringArray(value: Json, key: string, path: string): void {
  const raw = value[key];
  if (raw === undefined) return;
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== "string")) fail(`${path}.${key}`, "must be a list of strings");
}

function optionalStringRecord(value: Json, key: string, path: string): void {
  const raw = value[key];
  if (raw === undefined) return;
  if (!isObject(raw) || Object.values(raw).some((item) => typeof item !== "string")) {
    fail(`${path}.${key}`, "must be a map of string keys to string values");
  }
}

function checkUrl(raw: unknown, path: string): void {
  if (typeof raw !== "string" || raw === "") fail(path, "is required: the server's URL, e.g. http://127.0.0.1:3001/mcp");
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch (cause) {
    throw new ProxyError("invalid_config", `${path}: "${raw}" is not a valid URL; write it as http(s)://host:port/path`, { cause });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") fail(path, `must be an http: or https: URL, got "${parsed.protocol}"`);
}

function checkStdioEndpoint(value: Json, path: string): void {
  if (typeof value.command !== "string" || value.command === "") {
    fail(`${path}.command`, "is required: the program to start, e.g. npx or node");
  }
  optionalStringArray(value, "args", path);
  optionalStringRecord(value, "env", path);
  optionalString(value, "cwd", path);
}

function checkHttpEndpoint(value: Json, path: string): void {
  checkUrl(value.url, `${path}.url`);
  optionalStringRecord(value, "headers", path);
}

const COMMON_KEYS = ["type", "startTimeoutMs", "callTimeoutMs", "ttlMs", "tools", "limits", "circuitBreaker", "disabled", "replicas"] as const;

function checkCircuitBreaker(value: Json, path: string): void {
  if (value.circuitBreaker === undefined) return;
  if (!isObject(value.circuitBreaker)) fail(`${path}.circuitBreaker`, "must be an object { failureThreshold, resetTimeoutMs }");
  checkKeys(value.circuitBreaker, ["failureThreshold", "resetTimeoutMs"], `${path}.circuitBreaker`);
  for (const key of ["failureThreshold", "resetTimeoutMs"]) optionalDuration(value.circuitBreaker, key, `${path}.circuitBreaker`);
  const threshold = value.circuitBreaker.failureThreshold;
  if (threshold !== undefined && (!Number.isInteger(threshold) || (threshold as number) < 1)) fail(`${path}.circuitBreaker.failureThreshold`, "must be a whole number, 1 or more");
}
const LIMIT_KEYS = ["maxTools", "maxPrompts", "maxResources", "maxResourceTemplates"];

function checkLimits(value: Json, path: string): void {
  if (value.limits === undefined) return;
  if (!isObject(value.limits)) fail(`${path}.limits`, `must be an object with ${LIMIT_KEYS.join(", ")}`);
  checkKeys(value.limits, LIMIT_KEYS, `${path}.limits`);
  for (const key of LIMIT_KEYS) {
    const raw = value.limits[key];
    if (raw !== undefined && (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0)) fail(`${path}.limits.${key}`, "must be a whole number, 0 or more");
  }
}

function checkUpstream(name: string, value: unknown): UpstreamConfig {
  const path = `servers.${name}`;
  if (!SERVER_NAME_PATTERN.test(name)) {
    fail(path, "server names must start with a letter and use only letters, digits and '-' (at most 32 characters)");
  }
  if (!isObject(value)) fail(path, "must be an object with at least `type` and `command` or `url`");
  const type = value.type ?? (value.command !== undefined ? "stdio" : undefined);
  if (type !== "stdio" && type !== "http" && type !== "sse") {
    fail(`${path}.type`, `must be "stdio", "http" or "sse", got ${JSON.stringify(value.type)}`);
  }
  for (const key of ["startTimeoutMs", "callTimeoutMs", "ttlMs"]) optionalDuration(value, key, path);
  optionalBoolean(value, "disabled", path);
  checkLimits(value, path);
  checkCircuitBreaker(value, path);
  if (value.tools !== undefined) {
    if (!isObject(value.tools)) fail(`${path}.tools`, "must be an object with allow, deny and/or rename");
    checkKeys(value.tools, ["allow", "deny", "rename"], `${path}.tools`);
    optionalStringArray(value.tools, "allow", `${path}.tools`);
    optionalStringArray(value.tools, "deny", `${path}.tools`);
    optionalStringRecord(value.tools, "rename", `${path}.tools`);
  }
  if (value.replicas !== undefined && !Array.isArray(value.replicas)) fail(`${path}.replicas`, "must be a list");
  const replicas = (value.replicas ?? []) as unknown[];
  if (type === "stdio") {
    checkKeys(value, [...COMMON_KEYS, "command", "args", "env", "cwd"], path);
    checkStdioEndpoint(value, path);
    replicas.forEach((replica, index) => {
      if (!isObject(replica)) fail(`${path}.replicas[${index}]`, "must be an object with command (and args, env, cwd)");
      checkKeys(replica, ["command", "args", "env", "cwd"], `${path}.replicas[${index}]`);
      checkStdioEndpoint(replica, `${path}.replicas[${index}]`);
    });
  } else {
    const secretKey = type === "http" ? "bearerToken" : "apiKey";
    checkKeys(value, [...COMMON_KEYS, "url", "headers", secretKey], path);
    checkHttpEndpoint(value, path);
    optionalString(value, secretKey, path);
    replicas.forEach((replica, index) => {
      if (typeof replica === "string") return checkUrl(replica, `${path}.replicas[${index}]`);
      if (!isObject(replica)) fail(`${path}.replicas[${index}]`, "must be a URL string or { url, headers }");
      checkKeys(replica, ["url", "headers"], `${path}.replicas[${index}]`);
      checkHttpEndpoint(replica, `${path}.replicas[${index}]`);
    });
  }
  return { ...value, type } as UpstreamConfig;
}

/**
 * Validates a configuration and returns it typed. Throws `ProxyError("invalid_config")`
 * naming the offending setting and what it should be.
 */
export function validateProxyConfig(value: unknown): ProxyConfig {
  if (!isObject(value)) fail("config", "must be an object with a `servers` map");
  checkKeys(
    value,
    [
      "servers", "namespace", "openaiCompatible", "onlyOpenaiTools", "keepRootAliases", "startTimeoutMs",
      "callTimeoutMs", "ttlMs", "healthCheckIntervalMs", "reconnect", "circuitBreaker", "strictNames", "limits",
    ],
    "config",
  );
  if (!isObject(value.servers)) fail("config.servers", "is required: a map of server name to { type, command | url, ... }");
  optionalString(value, "namespace", "config");
  if (typeof value.namespace === "string" && value.namespace !== "" && !/^[A-Za-z0-9_-]{1,32}$/.test(value.namespace)) {
    fail("config.namespace", "use 1-32 letters, digits, '_' or '-' (or \"\" for no prefix)");
  }
  for (const key of ["openaiCompatible", "onlyOpenaiTools", "keepRootAliases", "strictNames"]) optionalBoolean(value, key, "config");
  for (const key of ["startTimeoutMs", "callTimeoutMs", "ttlMs"]) optionalDuration(value, key, "config");
  optionalDuration(value, "healthCheckIntervalMs", "config", true);
  checkLimits(value, "config");
  if (value.reconnect !== undefined) {
    if (!isObject(value.reconnect)) fail("config.reconnect", "must be an object");
    checkKeys(value.reconnect, ["initialDelayMs", "maxDelayMs", "factor", "jitter", "maxAttempts"], "config.reconnect");
    for (const key of ["initialDelayMs", "maxDelayMs", "factor", "maxAttempts"]) optionalDuration(value.reconnect, key, "config.reconnect");
    const jitter = value.reconnect.jitter;
    if (jitter !== undefined && (typeof jitter !== "number" || jitter < 0 || jitter > 1)) fail("config.reconnect.jitter", "must be a number from 0 to 1");
  }
  checkCircuitBreaker(value, "config");
  const servers: Record<string, UpstreamConfig> = {};
  for (const [name, server] of Object.entries(value.servers)) servers[name] = checkUpstream(name, server);
  return { ...(value as unknown as ProxyConfig), servers };
}

/** All endpoints of an upstream: the primary one first, then its replicas. */
export function listEndpoints(config: UpstreamConfig): (StdioEndpoint | HttpEndpoint)[] {
  if (config.type === "stdio") {
    const primary: StdioEndpoint = { command: config.command, args: config.args, env: config.env, cwd: config.cwd };
    return [primary, ...(config.replicas ?? [])];
  }
  const primary: HttpEndpoint = { url: config.url, headers: config.headers };
  return [primary, ...(config.replicas ?? []).map((replica) => (typeof replica === "string" ? { url: replica } : replica))];
}
