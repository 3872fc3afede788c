/**
 * Command-line parsing for `chuk-mcp-runtime` / `chuk-mcp-server`. Accepts the original's
 * command lines (`--config FILE`, `-c FILE`, a positional file, `CHUK_MCP_CONFIG_PATH`) plus
 * overrides that beat the environment and the file.
 */
import type { LogLevel } from "chuk-mcp";
import type { ConfigOverrides, ServerType } from "../config/resolve-config.js";

/** What the command line asks for. */
export interface CliArguments {
  command: "serve" | "openai-tools" | "check" | "help" | "version" | "schema";
  configFile: string | undefined;
  overrides: ConfigOverrides;
  /** --watch: reload when the config file or a module changes. */
  watch: boolean;
}

/** A bad command line (exit 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const TYPES: readonly ServerType[] = ["stdio", "sse", "streamable-http"];
const LEVELS: Record<string, LogLevel> = { debug: "debug", info: "info", warn: "warning", warning: "warning", error: "error", critical: "critical" };

/** Parses `argv` (without node and the script); the environment supplies the config path last. */
export function parseArguments(argv: readonly string[], env: Record<string, string | undefined> = process.env): CliArguments {
  let command: CliArguments["command"] = "serve";
  let configFile: string | undefined;
  const overrides: ConfigOverrides = {};
  const positional: string[] = [];
  let watch = false;
  const value = (index: number, flag: string): string => {
    const next = argv[index + 1];
    if (next === undefined || (next.startsWith("-") && next !== "-")) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    const [flag, inline] = argument.startsWith("--") && argument.includes("=") ? [argument.slice(0, argument.indexOf("=")), argument.slice(argument.indexOf("=") + 1)] : [argument, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const next = value(index, flag);
      index += 1;
      return next;
    };
    switch (flag) {
      case "--config":
      case "-c":
        configFile = take();
        break;
      case "--type":
      case "--transport": {
        const type = take();
        if (!(TYPES as readonly string[]).includes(type)) throw new UsageError(`${flag} must be one of ${TYPES.join(", ")}, got "${type}"`);
        overrides.type = type as ServerType;
        break;
      }
      case "--host":
        overrides.host = take();
        break;
      case "--port": {
        const text = take();
        const port = Number(text);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${text}"`);
        overrides.port = port;
        break;
      }
      case "--log-level": {
        const text = take();
        const level = LEVELS[text.toLowerCase()];
        if (level === undefined) throw new UsageError(`--log-level must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got "${text}"`);
        overrides.logLevel = level;
        break;
      }
      case "--watch":
        watch = true;
        break;
      case "--check":
        command = "check";
        break;
      case "--help":
      case "-h":
        command = "help";
        break;
      case "--version":
      case "-V":
        command = "version";
        break;
      default:
        if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}; see --help`);
        positional.push(argument);
    }
  }
  if (positional[0] === "openai-tools" || positional[0] === "check" || positional[0] === "schema" || positional[0] === "serve") {
    const sub = positional.shift() as string;
    if (command === "serve") command = sub === "serve" ? "serve" : (sub as CliArguments["command"]);
  }
  if (positional.length > 1) throw new UsageError(`expected at most one config file, got ${positional.join(" ")}`);
  if (positional.length === 1) {
    if (configFile !== undefined) throw new UsageError(`config file given twice (--config ${configFile} and ${positional[0]})`);
    configFile = positional[0];
  }
  const fromEnv = env.CHUK_MCP_CONFIG_PATH;
  if (configFile === undefined && fromEnv !== undefined && fromEnv.trim() !== "") configFile = fromEnv.trim();
  return { command, configFile, overrides, watch };
}

/** `--help` text. */
export const HELP = `Usage: chuk-mcp-runtime [serve] [--config FILE | -c FILE | FILE] [options]
       chuk-mcp-runtime openai-tools --config FILE   print the tools as OpenAI function definitions
       chuk-mcp-runtime check --config FILE          validate the file (exit 0, or 2 with every problem)
       chuk-mcp-runtime schema                       print the configuration's JSON Schema
(chuk-mcp-server is the same command.)

Options (beat the environment, which beats the file):
  --config, -c FILE        YAML configuration (also CHUK_MCP_CONFIG_PATH)
  --type TYPE              stdio | sse | streamable-http   (server.type)
  --host HOST              listen address                    (sse.host / streamable-http.host)
  --port N                 listen port, 0 = any free port    (sse.port / streamable-http.port)
  --log-level LEVEL        DEBUG | INFO | WARNING | ERROR   (CHUK_MCP_LOG_LEVEL, logging.level)
  --watch                  reload when the file or a loaded module changes (reload.watch: true)
  --help, --version
Reload: SIGHUP (or --watch) re-reads the file; only changed upstreams and modules restart, a bad file is refused.

Environment: CHUK_MCP_CONFIG_PATH, CHUK_MCP_LOG_LEVEL / MCP_LOG_LEVEL, MCP_TOOL_TIMEOUT / TOOL_TIMEOUT,
  MCP_SANDBOX_ID / CHUK_SANDBOX_ID / SANDBOX_ID / POD_NAME, SESSION_PROVIDER / ARTIFACT_SESSION_PROVIDER,
  REDIS_URL / SESSION_REDIS_URL, ENVIRONMENT, DEPLOYMENT_ID, ARTIFACT_STORAGE_PROVIDER, ARTIFACT_BUCKET,
  ARTIFACT_FS_ROOT, S3_ENDPOINT_URL, AWS_*, JWT_SECRET_KEY, JWT_ALGORITHM, JWT_ALLOWED_ALGORITHMS,
  JWT_LEEWAY, API_KEY.
Exit codes: 0 done, 1 failure while running, 2 bad command line or configuration (nothing started).
`;
