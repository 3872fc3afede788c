/**
 * Turns a validated file plus the environment plus command-line overrides into the one
 * options object the runtime is built from. Priority, as the original documents:
 * command line > environment > file > defaults. (Two documented exceptions: the sandbox id
 * prefers the file, as the original's "Sandbox ID Resolution" list says.)
 */
import { dirname, isAbsolute, resolve } from "node:path";
import type { ArtifactStorageConfig } from "@chuk-mcp/artifacts";
import type { ArtifactToolName } from "@chuk-mcp/artifacts";
import type { UpstreamConfig } from "@chuk-mcp/proxy";
import type { SessionToolName } from "@chuk-mcp/sessions";
import type { LogLevel } from "chuk-mcp";
import { ConfigError, type ConfigIssue } from "./config-error.js";
import type { McpServerEntry, RuntimeConfig } from "./schema.js";
import { isLocalServer } from "./validate-config.js";
import type { YamlSource } from "./yaml-source.js";

export type Environment = Record<string, string | undefined>;
export type ServerType = "stdio" | "sse" | "streamable-http";

/** Command-line overrides (the highest priority). */
export interface ConfigOverrides {
  type?: ServerType;
  host?: string;
  port?: number;
  logLevel?: LogLevel;
}

/** A module to import, with where it was named (for error messages). */
export interface ModuleReference {
  /** As written: dotted (`my_tools.tools`) or a path. */
  readonly module: string;
  /** Directories tried, in order, to resolve it. */
  readonly searchDirectories: readonly string[];
  /** Config key path that named it. */
  readonly path: readonly (string | number)[];
}

/** Everything the runtime needs, defaulted. */
/** The middleware one proxied server gets from its `mcp_servers` entry. */
export interface UpstreamPolicies {
  readonly rateLimit?: NonNullable<McpServerEntry["rate_limits"]>;
  readonly cache?: NonNullable<McpServerEntry["cache"]>;
}

export interface ResolvedConfig {
  readonly file: string | undefined;
  readonly baseDirectory: string;
  readonly name: string;
  readonly logLevel: LogLevel;
  readonly loggerLevels: Readonly<Record<string, LogLevel>>;
  readonly logFormat: "text" | "json";
  readonly type: ServerType;
  readonly auth: "bearer" | "none";
  readonly sse: { host: string; port: number; ssePath: string; messagePath: string; healthPath: string };
  readonly http: { host: string; port: number; mcpPath: string; jsonResponse: boolean; stateless: boolean; healthPath: string };
  readonly toolTimeoutMs: number;
  readonly modules: readonly ModuleReference[];
  readonly proxy: { enabled: boolean; namespace: string; keepRootAliases: boolean; openaiCompatible: boolean; onlyOpenaiTools: boolean; startTimeoutMs: number };
  readonly upstreams: Readonly<Record<string, UpstreamConfig>>;
  /** Policies of proxied servers (`mcp_servers.<name>.rate_limits` / `.cache`), by server name. */
  readonly upstreamPolicies: Readonly<Record<string, UpstreamPolicies>>;
  /** Remote servers left out because `proxy.enabled` is false. */
  readonly skippedUpstreams: readonly string[];
  readonly sessions: { sandboxId: string | undefined; ttlSeconds: number; provider: "memory" | "redis" };
  readonly sessionTools: readonly SessionToolName[];
  readonly artifacts: { enabled: boolean; storage: ArtifactStorageConfig; tools: readonly ArtifactToolName[]; maxBytes: number | undefined };
  /** `reload.watch`: reload on a changed file. */
  readonly reloadWatch: boolean;
  /** `rate_limits`, as `@chuk-mcp/policies`' rateLimit() takes it; undefined: no limits. */
  readonly rateLimits: RuntimeConfig["rate_limits"];
  /** `metrics`; served on the HTTP listener at `path` when enabled. */
  readonly metrics: { enabled: boolean; path: string; bearerToken: string | undefined };
  /** `tracing.enabled`: OpenTelemetry spans (no-op until an SDK is registered). */
  readonly tracing: { enabled: boolean };
  readonly env: Environment;
  readonly warnings: readonly string[];
  /** The parsed file (for locating keys in later errors). */
  readonly source: YamlSource | undefined;
}

const LEVELS: Record<string, LogLevel> = { debug: "debug", info: "info", warn: "warning", warning: "warning", error: "error", critical: "critical" };

function level(text: string | undefined): LogLevel | undefined {
  return text === undefined || text.trim() === "" ? undefined : LEVELS[text.trim().toLowerCase()];
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === "";
}

function enabledNames<T extends string>(master: boolean | undefined, tools: Record<string, { enabled?: boolean }> | undefined): T[] {
  if (master !== true) return [];
  return Object.entries(tools ?? {})
    .filter(([, tool]) => tool.enabled === true)
    .map(([name]) => name as T);
}

const STORAGE_ALIASES: Record<string, ArtifactStorageConfig["provider"]> = {
  memory: "memory", filesystem: "filesystem", "vfs-filesystem": "filesystem", fs: "filesystem", redis: "redis", s3: "s3", "vfs-s3": "s3",
};

/** Resolves file + environment + overrides. `source` is undefined when no file was given. */
export function resolveConfig(config: RuntimeConfig, source: YamlSource | undefined, env: Environment, overrides: ConfigOverrides = {}): ResolvedConfig {
  const file = source?.file;
  const baseDirectory = file === undefined ? process.cwd() : dirname(resolve(file));
  const issues: ConfigIssue[] = [];
  const fail = (path: (string | number)[], message: string): void => {
    const at = source?.locate(path);
    issues.push({ file: file ?? "(environment)", line: at?.line, column: at?.column, path: path.join("."), message });
  };
  const envIssue = (name: string, message: string): void => {
    issues.push({ file: "(environment)", line: undefined, column: undefined, path: name, message });
  };

  const envLevelName = [env.CHUK_MCP_LOG_LEVEL, env.MCP_LOG_LEVEL].find((value) => !blank(value));
  const envLevel = level(envLevelName);
  if (envLevelName !== undefined && envLevel === undefined) envIssue("CHUK_MCP_LOG_LEVEL", `unknown log level "${envLevelName}"; use DEBUG, INFO, WARNING, ERROR or CRITICAL`);
  const logLevel = overrides.logLevel ?? envLevel ?? level(config.logging?.level) ?? level(config.host?.log_level) ?? "warning";
  const loggerLevels: Record<string, LogLevel> = {};
  for (const [name, value] of Object.entries(config.logging?.loggers ?? {})) loggerLevels[name] = level(value) ?? logLevel;

  const timeoutText = [env.MCP_TOOL_TIMEOUT, env.TOOL_TIMEOUT].find((value) => !blank(value));
  let timeoutSeconds = config.tools?.timeout ?? 60;
  if (timeoutText !== undefined) {
    const parsed = Number(timeoutText);
    if (!Number.isFinite(parsed) || parsed <= 0) envIssue("MCP_TOOL_TIMEOUT", `must be a positive number of seconds, got "${timeoutText}"`);
    else timeoutSeconds = parsed;
  }

  const modules: ModuleReference[] = [];
  (config.tools?.modules_to_import ?? []).forEach((module, index) => {
    modules.push({ module, searchDirectories: [baseDirectory, process.cwd()], path: ["tools", "modules_to_import", index] });
  });

  const proxyEnabled = config.proxy?.enabled ?? false;
  const upstreams: Record<string, UpstreamConfig> = {};
  const skippedUpstreams: string[] = [];
  const upstreamPolicies: Record<string, UpstreamPolicies> = {};
  for (const [name, entry] of Object.entries(config.mcp_servers ?? {})) {
    if (entry.enabled === false) continue;
    if (isLocalServer(entry)) {
      if (entry.tools?.enabled === false || entry.tools?.module === undefined) continue;
      const location = entry.location === undefined ? baseDirectory : resolveFrom(baseDirectory, entry.location);
      modules.push({ module: entry.tools.module, searchDirectories: [location, dirname(location), baseDirectory], path: ["mcp_servers", name, "tools", "module"] });
      continue;
    }
    if (!proxyEnabled) {
      skippedUpstreams.push(name);
      continue;
    }
    const breaker = entry.circuit_breaker;
    const common = {
      ...(entry.timeout === undefined ? {} : { callTimeoutMs: entry.timeout * 1000 }),
      ...(breaker === undefined
        ? {}
        : {
            circuitBreaker: {
              ...(breaker.failure_threshold === undefined ? {} : { failureThreshold: breaker.failure_threshold }),
              ...(breaker.reset_timeout === undefined ? {} : { resetTimeoutMs: breaker.reset_timeout * 1000 }),
            },
          }),
    };
    if (entry.rate_limits !== undefined || entry.cache !== undefined) {
      upstreamPolicies[name] = { ...(entry.rate_limits === undefined ? {} : { rateLimit: entry.rate_limits }), ...(entry.cache === undefined ? {} : { cache: entry.cache }) };
    }
    const type = entry.type ?? (entry.command !== undefined ? "stdio" : /\/sse\/?$/.test(entry.url ?? "") ? "sse" : "streamable-http");
    if (type === "stdio") {
      upstreams[name] = {
        type: "stdio",
        command: entry.command as string,
        ...(entry.args === undefined ? {} : { args: entry.args }),
        ...(entry.env === undefined ? {} : { env: entry.env }),
        ...(entry.cwd === undefined ? {} : { cwd: resolveFrom(baseDirectory, entry.cwd) }),
        ...common,
      };
    } else if (type === "sse") {
      const apiKey = entry.api_key ?? (blank(env.API_KEY) ? undefined : env.API_KEY);
      upstreams[name] = { type: "sse", url: entry.url as string, ...(apiKey === undefined ? {} : { apiKey }), ...(entry.headers ? { headers: entry.headers } : {}), ...common };
    } else {
      const token = entry.api_key ?? (blank(env.API_KEY) ? undefined : env.API_KEY);
      upstreams[name] = { type: "http", url: entry.url as string, ...(token === undefined ? {} : { bearerToken: token }), ...(entry.headers ? { headers: entry.headers } : {}), ...common };
    }
  }

  const sessionProviderText = [env.SESSION_PROVIDER, env.ARTIFACT_SESSION_PROVIDER].find((value) => !blank(value))?.trim().toLowerCase() ?? config.artifacts?.session_provider ?? "memory";
  if (sessionProviderText !== "memory" && sessionProviderText !== "redis") envIssue("SESSION_PROVIDER", `unknown session provider "${sessionProviderText}"; use memory or redis`);
  const redisUrl = [env.SESSION_REDIS_URL, env.REDIS_URL].find((value) => !blank(value));

  const storageName = (blank(env.ARTIFACT_STORAGE_PROVIDER) ? config.artifacts?.storage_provider ?? "memory" : (env.ARTIFACT_STORAGE_PROVIDER as string)).trim().toLowerCase();
  const provider = STORAGE_ALIASES[storageName];
  let storage: ArtifactStorageConfig = { provider: "memory" };
  if (provider === undefined) envIssue("ARTIFACT_STORAGE_PROVIDER", `unknown storage provider "${storageName}"; use memory, filesystem, redis or s3`);
  else if (provider === "filesystem") {
    const root = blank(env.ARTIFACT_FS_ROOT) ? config.artifacts?.filesystem?.base_path ?? "./artifacts" : (env.ARTIFACT_FS_ROOT as string);
    const bucket = blank(env.ARTIFACT_BUCKET) ? config.artifacts?.bucket : env.ARTIFACT_BUCKET;
    storage = { provider, fsRoot: resolve(resolveFrom(baseDirectory, root), bucket ?? "") };
  } else if (provider === "redis") {
    storage = { provider, redis: { url: env.REDIS_URL ?? redisUrl ?? "redis://127.0.0.1:6379", ...(blank(env.ARTIFACT_REDIS_PREFIX) ? {} : { base: env.ARTIFACT_REDIS_PREFIX }) } };
  } else if (provider === "s3") {
    const bucket = blank(env.ARTIFACT_BUCKET) ? config.artifacts?.bucket : env.ARTIFACT_BUCKET;
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
    const missing = [bucket === undefined ? "ARTIFACT_BUCKET (or artifacts.bucket)" : undefined, blank(env.AWS_ACCESS_KEY_ID) ? "AWS_ACCESS_KEY_ID" : undefined, blank(env.AWS_SECRET_ACCESS_KEY) ? "AWS_SECRET_ACCESS_KEY" : undefined].filter(Boolean);
    if (missing.length > 0 && config.artifacts?.enabled === true) fail(["artifacts", "storage_provider"], `the s3 provider needs ${missing.join(", ")}; set them or choose another storage_provider`);
    storage = {
      provider,
      s3: { bucket: bucket ?? "", endpoint: env.S3_ENDPOINT_URL || `https://s3.${region}.amazonaws.com`, region, accessKeyId: env.AWS_ACCESS_KEY_ID ?? "", secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "" },
    };
  }

  if (issues.length > 0) throw new ConfigError("config_invalid", issues);
  const type = overrides.type ?? config.server?.type ?? "stdio";
  const sse = config.sse ?? {};
  const http = config["streamable-http"] ?? {};
  return {
    file,
    baseDirectory,
    name: config.host?.name ?? env.MCP_SERVER_NAME ?? "chuk-mcp-runtime",
    logLevel,
    loggerLevels,
    logFormat: config.logging?.format?.trim().toLowerCase() === "json" ? "json" : "text",
    type,
    auth: config.server?.auth ?? "none",
    sse: {
      host: overrides.host ?? sse.host ?? "127.0.0.1",
      port: overrides.port ?? sse.port ?? 8000,
      ssePath: sse.sse_path ?? "/sse",
      messagePath: sse.message_path ?? "/messages/",
      healthPath: sse.health_path ?? "/health",
    },
    http: {
      host: overrides.host ?? http.host ?? "127.0.0.1",
      port: overrides.port ?? http.port ?? 3000,
      mcpPath: http.mcp_path ?? "/mcp",
      jsonResponse: http.json_response ?? true,
      stateless: http.stateless ?? false,
      healthPath: http.health_path ?? "/health",
    },
    toolTimeoutMs: timeoutSeconds * 1000,
    modules,
    proxy: {
      enabled: proxyEnabled,
      namespace: config.proxy?.namespace ?? "proxy",
      keepRootAliases: config.proxy?.keep_root_aliases ?? false,
      openaiCompatible: config.proxy?.openai_compatible ?? false,
      onlyOpenaiTools: config.proxy?.only_openai_tools ?? false,
      startTimeoutMs: (config.proxy?.start_timeout ?? 30) * 1000,
    },
    upstreams,
    upstreamPolicies,
    skippedUpstreams,
    sessions: {
      sandboxId: config.sessions?.sandbox_id,
      ttlSeconds: Math.round((config.sessions?.default_ttl_hours ?? 24) * 3600),
      provider: sessionProviderText === "redis" ? "redis" : "memory",
    },
    sessionTools: enabledNames<SessionToolName>(config.session_tools?.enabled, config.session_tools?.tools),
    artifacts: {
      enabled: config.artifacts?.enabled === true,
      storage,
      tools: enabledNames<ArtifactToolName>(config.artifacts?.enabled, config.artifacts?.tools),
      maxBytes: config.artifacts?.max_bytes,
    },
    reloadWatch: config.reload?.watch === true,
    rateLimits: config.rate_limits,
    metrics: { enabled: config.metrics?.enabled === true, path: config.metrics?.path ?? "/metrics", bearerToken: config.metrics?.bearer_token },
    tracing: { enabled: config.tracing?.enabled === true },
    env: redisUrl !== undefined && blank(env.REDIS_URL) ? { ...env, REDIS_URL: redisUrl } : env,
    warnings: source?.warnings ?? [],
    source,
  };
}

function resolveFrom(base: string, path: string): string {
  return isAbsolute(path) ? path : resolve(base, path);
}
