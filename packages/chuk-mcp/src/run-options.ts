import { isLogLevel, LOG_LEVELS, type LogLevel } from "./logger.js";
import { UsageError } from "./usage-error.js";

/** How `run()` serves: newline-delimited JSON-RPC on stdio, or Streamable HTTP. */
export type TransportName = "stdio" | "http";

/** Where HTTP sessions live: in this process (`memory`) or in Redis, shared by every instance. */
export type SessionProviderName = "memory" | "redis";

/** The values `SESSION_PROVIDER` accepts. */
export const SESSION_PROVIDERS: readonly SessionProviderName[] = ["memory", "redis"];

/** Settings `run()` accepts in code; command-line flags and environment variables override them. */
export interface RunOptions {
  readonly transport?: TransportName;
  /** HTTP port; `0` picks a free one. Default: 8000. */
  readonly port?: number;
  /** HTTP bind address. Default: `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** HTTP endpoint path. Default: `/mcp`. */
  readonly path?: string;
  /** Lowest level of the server's own stderr logging. Default: `warning`. */
  readonly logLevel?: LogLevel;
  /** Where HTTP sessions live. Default: `memory`; `redis` uses `REDIS_URL` (see `@chuk-mcp/sessions`). */
  readonly sessionProvider?: SessionProviderName;
}

/** {@link RunOptions} with every setting decided. */
export interface ResolvedRunOptions {
  readonly transport: TransportName;
  readonly port: number;
  readonly host: string;
  readonly path: string;
  readonly logLevel: LogLevel;
  readonly sessionProvider: SessionProviderName;
}

/** Environment variables read by {@link resolveRunOptions}. */
export type RunEnvironment = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PORT = 8000;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PATH = "/mcp";

/** The flags `run()` understands, for help text and error messages. */
export const RUN_FLAGS_HELP = `  --http               serve Streamable HTTP instead of stdio
  --stdio              serve stdio (the default)
  --port <n>           HTTP port, 0-65535 (implies --http; default ${DEFAULT_PORT})
  --host <address>     HTTP bind address (default ${DEFAULT_HOST})
  --path <path>        HTTP endpoint path (default ${DEFAULT_PATH})
  --log-level <level>  ${LOG_LEVELS.join(" | ")} (default warning)

Environment: MCP_TRANSPORT=stdio|http, PORT, MCP_HOST, MCP_LOG_LEVEL, MCP_TOOL_TIMEOUT (seconds),
  SESSION_PROVIDER=memory|redis with REDIS_URL (HTTP sessions),
  JWT_SECRET_KEY, JWT_ALGORITHM, JWT_ISSUER, JWT_AUDIENCE, MCP_RESOURCE_URL (HTTP bearer auth).`;

interface Flags {
  transport?: TransportName;
  port?: string;
  host?: string;
  path?: string;
  logLevel?: string;
}

const VALUE_FLAGS = { "--port": "port", "--host": "host", "--path": "path", "--log-level": "logLevel" } as const;
type ValueFlag = keyof typeof VALUE_FLAGS;

/**
 * Decides how to serve from command-line flags, environment and in-code defaults.
 * Pure: reads only its arguments. Precedence: flags, then environment, then `defaults`.
 *
 * HTTP is chosen by `--http`, `--port`, `MCP_TRANSPORT=http` or a `PORT` variable; an
 * explicit `--stdio` or `MCP_TRANSPORT=stdio` keeps stdio even when `PORT` is set.
 *
 * @throws {UsageError} for an unknown flag, a missing or malformed value, or a conflict.
 */
export function resolveRunOptions(argv: readonly string[], env: RunEnvironment, defaults: RunOptions = {}): ResolvedRunOptions {
  const flags = parseFlags(argv);
  const envTransport = parseTransport(env.MCP_TRANSPORT);
  const envPort = blankToUndefined(env.PORT);
  if (flags.transport === "stdio" && flags.port !== undefined) {
    throw new UsageError("--port applies to HTTP only; remove --stdio or --port.");
  }
  const transport: TransportName =
    flags.transport ??
    (flags.port !== undefined ? "http" : undefined) ??
    envTransport ??
    (envPort !== undefined ? "http" : undefined) ??
    defaults.transport ??
    "stdio";
  const port =
    flags.port !== undefined
      ? parsePort(flags.port, "--port")
      : envPort !== undefined
        ? parsePort(envPort, "PORT environment variable")
        : (defaults.port ?? DEFAULT_PORT);
  const host = flags.host ?? blankToUndefined(env.MCP_HOST) ?? defaults.host ?? DEFAULT_HOST;
  const path = parsePath(flags.path ?? defaults.path ?? DEFAULT_PATH);
  const logLevel = parseLogLevel(flags.logLevel, "--log-level") ?? parseLogLevel(blankToUndefined(env.MCP_LOG_LEVEL), "MCP_LOG_LEVEL") ?? defaults.logLevel ?? "warning";
  checkToolTimeout(env.MCP_TOOL_TIMEOUT);
  const sessionProvider = parseSessionProvider(env.SESSION_PROVIDER) ?? defaults.sessionProvider ?? "memory";
  return { transport, port, host, path, logLevel, sessionProvider };
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === "--http" || argument === "--stdio") {
      const transport = argument === "--http" ? "http" : "stdio";
      if (flags.transport !== undefined && flags.transport !== transport) {
        throw new UsageError("--http and --stdio were both given; pick one transport.");
      }
      flags.transport = transport;
      continue;
    }
    const equals = argument.indexOf("=");
    const name = equals === -1 ? argument : argument.slice(0, equals);
    if (!(name in VALUE_FLAGS)) {
      if (argument.startsWith("-")) throw new UsageError(`Unknown option '${name}'. Options:\n${RUN_FLAGS_HELP}`);
      throw new UsageError(`Unexpected argument '${argument}'. Options:\n${RUN_FLAGS_HELP}`);
    }
    let value: string | undefined;
    if (equals !== -1) {
      value = argument.slice(equals + 1);
    } else {
      value = argv[index + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${name} needs a value, e.g. ${example(name as ValueFlag)}.`);
      index += 1;
    }
    if (value === "") throw new UsageError(`${name} needs a value, e.g. ${example(name as ValueFlag)}.`);
    flags[VALUE_FLAGS[name as ValueFlag]] = value;
  }
  return flags;
}

function example(flag: ValueFlag): string {
  const examples: Record<ValueFlag, string> = {
    "--port": "--port 8000",
    "--host": "--host 0.0.0.0",
    "--path": "--path /mcp",
    "--log-level": "--log-level info",
  };
  return examples[flag];
}

function parsePort(value: string, source: string): number {
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new UsageError(`Invalid ${source} '${value}': expected an integer from 0 to 65535 (0 picks a free port).`);
  }
  return port;
}

function parseTransport(value: string | undefined): TransportName | undefined {
  const normalized = blankToUndefined(value)?.toLowerCase();
  if (normalized === undefined) return undefined;
  if (normalized === "stdio") return "stdio";
  if (normalized === "http" || normalized === "streamable-http") return "http";
  throw new UsageError(`Invalid MCP_TRANSPORT '${value}': expected 'stdio' or 'http'.`);
}

function parseSessionProvider(value: string | undefined): SessionProviderName | undefined {
  const normalized = blankToUndefined(value)?.trim().toLowerCase();
  if (normalized === undefined) return undefined;
  if ((SESSION_PROVIDERS as readonly string[]).includes(normalized)) return normalized as SessionProviderName;
  throw new UsageError(`Invalid SESSION_PROVIDER '${value}': expected 'memory' or 'redis' (redis also reads REDIS_URL).`);
}

/** Core reads MCP_TOOL_TIMEOUT itself and ignores a bad value; say so instead of guessing. */
function checkToolTimeout(value: string | undefined): void {
  const trimmed = blankToUndefined(value)?.trim();
  if (trimmed === undefined) return;
  const seconds = Number(trimmed);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`Invalid MCP_TOOL_TIMEOUT '${value}': expected a positive number of seconds, e.g. 60.`);
  }
}

function parsePath(value: string): string {
  if (!value.startsWith("/")) throw new UsageError(`Invalid --path '${value}': it must start with '/', e.g. /mcp.`);
  return value;
}

function parseLogLevel(value: string | undefined, source: string): LogLevel | undefined {
  if (value === undefined) return undefined;
  const normalized = value.trim().toLowerCase();
  if (isLogLevel(normalized)) return normalized;
  throw new UsageError(`Invalid ${source} '${value}': expected one of ${LOG_LEVELS.join(", ")}.`);
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
