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
  /**
   * HTTP without 2025 sessions: every request is answered on its own, so a bare
   * `tools/list` with no `initialize` (the original's curl) works, but there is no
   * `Mcp-Session-Id`, no GET stream and no notifications outside a request. Default: false.
   */
  readonly stateless?: boolean;
}

/** {@link RunOptions} with every setting decided. */
export interface ResolvedRunOptions {
  readonly transport: TransportName;
  readonly port: number;
  readonly host: string;
  readonly path: string;
  readonly logLevel: LogLevel;
  readonly sessionProvider: SessionProviderName;
  readonly stateless: boolean;
  /** The arguments `run()` does not own (unknown flags, positionals, everything after `--`), left to the program. */
  readonly programArguments: readonly string[];
}

/** Environment variables read by {@link resolveRunOptions}. */
export type RunEnvironment = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PORT = 8000;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PATH = "/mcp";

/** The flags `run()` understands, for help text and error messages. */
export const RUN_FLAGS_HELP = `  --http               serve Streamable HTTP instead of stdio
  --stdio              serve stdio (the default)
  --transport <name>   stdio | http (also --transport=http)
  --port <n>           HTTP port, 0-65535 (implies --http; default ${DEFAULT_PORT})
  --host <address>     HTTP bind address (implies --http; default ${DEFAULT_HOST}, loopback only:
                       in a container or VM pass --host 0.0.0.0 to accept outside connections)
  --path <path>        HTTP endpoint path (default ${DEFAULT_PATH})
  --stateless          HTTP without sessions: answers requests sent without initialize
                       (2025 clients then get no elicitation/sampling/subscriptions)
  --log-level <level>  ${LOG_LEVELS.join(" | ")} (default warning)
  --                   everything after it is left to your program (so are flags run() does not know)

Environment: MCP_TRANSPORT=stdio|http, PORT, MCP_HOST, MCP_STATELESS=1, MCP_LOG_LEVEL, MCP_TOOL_TIMEOUT (seconds),
  SESSION_PROVIDER=memory|redis with REDIS_URL (HTTP sessions),
  JWT_SECRET_KEY, JWT_ALGORITHM, JWT_ISSUER, JWT_AUDIENCE, MCP_RESOURCE_URL (HTTP bearer auth).`;

interface Flags {
  transport?: TransportName;
  port?: string;
  host?: string;
  path?: string;
  logLevel?: string;
  stateless?: boolean;
  programArguments: string[];
}

const VALUE_FLAGS = { "--port": "port", "--host": "host", "--path": "path", "--log-level": "logLevel", "--transport": "transport" } as const;
const SWITCH_FLAGS = ["--http", "--stdio", "--stateless"] as const;
const OWN_FLAGS: readonly string[] = [...Object.keys(VALUE_FLAGS), ...SWITCH_FLAGS];
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
    // The original's run(host=..., port=...) serves HTTP; so does run({ host, port }).
    (defaults.port !== undefined || defaults.host !== undefined || flags.host !== undefined ? "http" : undefined) ??
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
  const stateless = flags.stateless ?? parseSwitch(env.MCP_STATELESS, "MCP_STATELESS") ?? defaults.stateless ?? false;
  return { transport, port, host, path, logLevel, sessionProvider, stateless, programArguments: flags.programArguments };
}

/**
 * Reads the flags `run()` owns. Anything else (a flag it does not know, a positional, all
 * after `--`) is the program's own and is kept in `programArguments`; only an unknown flag one
 * typo away from one of ours is refused, since it almost certainly meant ours.
 */
function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { programArguments: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === "--") {
      flags.programArguments.push(...argv.slice(index + 1));
      break;
    }
    if (argument === "--stateless") {
      flags.stateless = true;
      continue;
    }
    if (argument === "--http" || argument === "--stdio") {
      setTransport(flags, argument === "--http" ? "http" : "stdio", argument);
      continue;
    }
    const equals = argument.indexOf("=");
    const name = equals === -1 ? argument : argument.slice(0, equals);
    if (!(name in VALUE_FLAGS)) {
      const meant = name.startsWith("--") ? OWN_FLAGS.find((own) => isOneTypoAway(name, own)) : undefined;
      if (meant !== undefined) throw new UsageError(`Unknown option '${name}'; did you mean ${meant}? Options:\n${RUN_FLAGS_HELP}`);
      flags.programArguments.push(argument);
      continue;
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
    if (name === "--transport") {
      setTransport(flags, parseTransport(value, "--transport") as TransportName, `--transport ${value}`);
      continue;
    }
    flags[VALUE_FLAGS[name as Exclude<ValueFlag, "--transport">]] = value;
  }
  return flags;
}

function setTransport(flags: Flags, transport: TransportName, given: string): void {
  if (flags.transport !== undefined && flags.transport !== transport) {
    throw new UsageError(`${given} conflicts with an earlier transport flag (--http and --stdio were both given); pick one transport.`);
  }
  flags.transport = transport;
}

/** One insertion, deletion, substitution or swap of neighbours apart (`--prot` / `--port`). */
function isOneTypoAway(given: string, own: string): boolean {
  if (given === own || Math.abs(given.length - own.length) > 1) return false;
  if (given.length === own.length) {
    const differ: number[] = [];
    for (let index = 0; index < given.length; index += 1) if (given[index] !== own[index]) differ.push(index);
    if (differ.length === 1) return true;
    const [first, second] = differ as [number, number];
    return differ.length === 2 && second === first + 1 && given[first] === own[second] && given[second] === own[first];
  }
  const [shorter, longer] = given.length < own.length ? [given, own] : [own, given];
  for (let index = 0; index < longer.length; index += 1) {
    if (longer.slice(0, index) + longer.slice(index + 1) === shorter) return true;
  }
  return false;
}

function example(flag: ValueFlag): string {
  const examples: Record<ValueFlag, string> = {
    "--port": "--port 8000",
    "--host": "--host 0.0.0.0",
    "--path": "--path /mcp",
    "--log-level": "--log-level info",
    "--transport": "--transport http",
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

function parseTransport(value: string | undefined, source = "MCP_TRANSPORT"): TransportName | undefined {
  const normalized = blankToUndefined(value)?.trim().toLowerCase();
  if (normalized === undefined) return undefined;
  if (normalized === "stdio") return "stdio";
  if (normalized === "http" || normalized === "streamable-http") return "http";
  throw new UsageError(`Invalid ${source} '${value}': expected 'stdio' or 'http'.`);
}

function parseSwitch(value: string | undefined, source: string): boolean | undefined {
  const normalized = blankToUndefined(value)?.trim().toLowerCase();
  if (normalized === undefined) return undefined;
  if (["1", "true", "yes", "on"].includes(normalized)) return true;
  if (["0", "false", "no", "off"].includes(normalized)) return false;
  throw new UsageError(`Invalid ${source} '${value}': expected 1/true or 0/false.`);
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
