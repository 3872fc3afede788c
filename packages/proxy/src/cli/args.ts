/**
 * Parses `chuk-mcp-proxy` arguments into a configuration. Pure: no I/O, so every bad flag
 * can be tested; errors say which flag and what it needs.
 */
import type { ProxyConfig, ProxyLogLevel, UpstreamConfig } from "../config.js";
import { ProxyError } from "../errors.js";
import { SERVER_NAME_PATTERN } from "../validate-config.js";

/** What the CLI should do. */
export interface CliOptions {
  help: boolean;
  version: boolean;
  configFile: string | undefined;
  /** Settings from flags; merged over the config file. */
  config: Omit<ProxyConfig, "servers"> & { servers: Record<string, UpstreamConfig> };
  port: number | undefined;
  host: string;
  logLevel: ProxyLogLevel;
}

const UPSTREAM_FLAGS = new Set(["--stdio", "--http", "--sse"]);
const LOG_LEVELS = new Set(["debug", "info", "warning", "error"]);

function bad(message: string): never {
  throw new ProxyError("invalid_arguments", `${message}; run chuk-mcp-proxy --help for usage`);
}

function positiveInteger(flag: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || (!allowZero && value === 0)) bad(`${flag} needs a ${allowZero ? "non-negative" : "positive"} whole number, got "${raw}"`);
  return value;
}

function splitPair(flag: string, raw: string, separator: string): [string, string] {
  const at = raw.indexOf(separator);
  if (at <= 0) bad(`${flag} needs KEY${separator}VALUE, got "${raw}"`);
  return [raw.slice(0, at).trim(), raw.slice(at + 1).trim()];
}

/** Parses argv (without `node` and the script). */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { help: false, version: false, configFile: undefined, config: { servers: {} }, port: undefined, host: "127.0.0.1", logLevel: "warning" };
  let current: (UpstreamConfig & { name: string }) | undefined;
  let index = 0;
  const value = (flag: string): string => {
    const next = argv[index + 1];
    if (next === undefined || (next.startsWith("--") && next !== "--" && !/^--?\d/.test(next))) bad(`${flag} needs a value`);
    index++;
    return next as string;
  };
  const finish = (): void => {
    if (current === undefined) return;
    const { name, ...server } = current;
    if (server.type === "stdio" && !server.command) bad(`--stdio ${name} needs --command CMD`);
    if (server.type !== "stdio" && !server.url) bad(`--${server.type} ${name} needs --url URL`);
    options.config.servers[name] = server as UpstreamConfig;
    current = undefined;
  };
  const requireCurrent = (flag: string, type?: UpstreamConfig["type"]): UpstreamConfig & { name: string } => {
    if (current === undefined) bad(`${flag} must follow --stdio NAME, --http NAME or --sse NAME`);
    if (type !== undefined && current.type !== type) bad(`${flag} applies to --${type} upstreams, not to --${current.type} ${current.name}`);
    return current;
  };
  for (; index < argv.length; index++) {
    const flag = argv[index] as string;
    switch (flag) {
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--version":
      case "-v":
        options.version = true;
        break;
      case "--stdio":
      case "--http":
      case "--sse": {
        finish();
        const name = value(flag);
        if (!SERVER_NAME_PATTERN.test(name)) bad(`${flag} "${name}": names start with a letter and use letters, digits and '-' (max 32)`);
        if (options.config.servers[name] !== undefined) bad(`upstream name "${name}" is used twice; give each upstream its own name`);
        const type = flag.slice(2) as UpstreamConfig["type"];
        current = { name, type } as UpstreamConfig & { name: string };
        break;
      }
      case "--command":
        (requireCurrent(flag, "stdio") as { command?: string }).command = value(flag);
        break;
      case "--cwd":
        (requireCurrent(flag, "stdio") as { cwd?: string }).cwd = value(flag);
        break;
      case "--env": {
        const target = requireCurrent(flag, "stdio") as { env?: Record<string, string> };
        const [key, val] = splitPair(flag, value(flag), "=");
        target.env = { ...target.env, [key]: val };
        break;
      }
      case "--": {
        const target = requireCurrent(flag, "stdio") as { args?: string[] };
        const args: string[] = [];
        while (index + 1 < argv.length && !UPSTREAM_FLAGS.has(argv[index + 1] as string) && argv[index + 1] !== "---") {
          args.push(argv[++index] as string);
        }
        if (argv[index + 1] === "---") index++;
        target.args = [...(target.args ?? []), ...args];
        break;
      }
      case "---":
        break;
      case "--url": {
        const target = requireCurrent(flag) as { url?: string; type: string };
        if (target.type === "stdio") bad("--url applies to --http and --sse upstreams; use --command for --stdio");
        target.url = value(flag);
        break;
      }
      case "--header": {
        const target = requireCurrent(flag) as { headers?: Record<string, string>; type: string };
        if (target.type === "stdio") bad("--header applies to --http and --sse upstreams");
        const [key, val] = splitPair(flag, value(flag), ":");
        target.headers = { ...target.headers, [key]: val };
        break;
      }
      case "--bearer":
        (requireCurrent(flag, "http") as { bearerToken?: string }).bearerToken = value(flag);
        break;
      case "--api-key":
        (requireCurrent(flag, "sse") as { apiKey?: string }).apiKey = value(flag);
        break;
      case "--namespace": {
        const next = argv[index + 1];
        if (next === undefined) bad("--namespace needs a value (\"\" for none)");
        options.config.namespace = next;
        index++;
        break;
      }
      case "--openai-compatible":
        options.config.openaiCompatible = true;
        break;
      case "--only-openai-tools":
        options.config.onlyOpenaiTools = true;
        break;
      case "--keep-root-aliases":
        options.config.keepRootAliases = true;
        break;
      case "--config":
        options.configFile = value(flag);
        break;
      case "--start-timeout":
        options.config.startTimeoutMs = positiveInteger(flag, value(flag));
        break;
      case "--call-timeout":
        options.config.callTimeoutMs = positiveInteger(flag, value(flag));
        break;
      case "--port":
        options.port = positiveInteger(flag, value(flag), true);
        if (options.port > 65_535) bad(`--port must be at most 65535, got ${options.port}`);
        break;
      case "--host":
        options.host = value(flag);
        break;
      case "--log-level": {
        const level = value(flag);
        if (!LOG_LEVELS.has(level)) bad(`--log-level must be one of debug, info, warning, error; got "${level}"`);
        options.logLevel = level as ProxyLogLevel;
        break;
      }
      default:
        bad(flag.startsWith("-") ? `unknown flag "${flag}"` : `unexpected argument "${flag}" (arguments for a command go after "--")`);
    }
  }
  finish();
  return options;
}
