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
  /** `--auth bearer`: every request to the HTTP endpoint needs a valid bearer token. */
  auth: "none" | "bearer";
  /** Extra accepted `Host` values for `--port` (loopback names are always accepted). */
  allowedHosts: string[];
  /** Accepted `Origin` values for `--port`. */
  allowedOrigins: string[];
  jwksUrl: string | undefined;
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  /** This endpoint's public URL (RFC 8707 resource; the default JWT audience). */
  resourceUrl: string | undefined;
  /** When failed upstreams end the CLI at start: all of them failed (default), any failed, or never. */
  exitOnStartFailure: "all" | "any" | "never";
  /** Things the user probably did not mean (printed to stderr before starting). */
  warnings: string[];
}

/** Every flag this CLI knows; one of them after "--" was probably meant for the proxy. */
export const KNOWN_FLAGS: ReadonlySet<string> = new Set([
  "--help", "-h", "--version", "-v", "--stdio", "--http", "--sse", "--command", "--cwd", "--env", "--url", "--header",
  "--bearer", "--api-key", "--namespace", "--openai-compatible", "--only-openai-tools", "--keep-root-aliases", "--config",
  "--start-timeout", "--call-timeout", "--port", "--host", "--log-level", "--auth", "--allowed-host", "--allowed-origin",
  "--jwks-url", "--jwt-issuer", "--jwt-audience", "--resource-url", "--exit-on-start-failure",
]);

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
  const options: CliOptions = {
    help: false, version: false, configFile: undefined, config: { servers: {} }, port: undefined, host: "127.0.0.1", logLevel: "warning",
    auth: "none", allowedHosts: [], allowedOrigins: [], jwksUrl: undefined, jwtIssuer: undefined, jwtAudience: undefined,
    resourceUrl: undefined, exitOnStartFailure: "all", warnings: [],
  };
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
        const ended = argv[index + 1] === "---";
        if (ended) index++;
        target.args = [...(target.args ?? []), ...args];
        if (!ended) warnAboutProxyFlags(options, target as UpstreamConfig & { name: string }, args);
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
      case "--auth": {
        const mode = value(flag);
        if (mode !== "bearer" && mode !== "none") bad(`--auth must be "bearer" or "none", got "${mode}"`);
        options.auth = mode;
        break;
      }
      case "--allowed-host":
        options.allowedHosts.push(value(flag));
        break;
      case "--allowed-origin":
        options.allowedOrigins.push(value(flag));
        break;
      case "--jwks-url":
        options.jwksUrl = value(flag);
        break;
      case "--jwt-issuer":
        options.jwtIssuer = value(flag);
        break;
      case "--jwt-audience":
        options.jwtAudience = value(flag);
        break;
      case "--resource-url":
        options.resourceUrl = value(flag);
        break;
      case "--exit-on-start-failure": {
        const mode = value(flag);
        if (mode !== "all" && mode !== "any" && mode !== "never") bad(`--exit-on-start-failure must be all, any or never; got "${mode}"`);
        options.exitOnStartFailure = mode;
        break;
      }
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
  if (options.port === undefined && (options.auth !== "none" || options.allowedHosts.length > 0 || options.allowedOrigins.length > 0)) {
    bad("--auth, --allowed-host and --allowed-origin apply to the HTTP endpoint; add --port N (without --port the proxy serves stdio)");
  }
  return options;
}

/** A proxy flag among a child's arguments was most likely meant for the proxy: say so. */
function warnAboutProxyFlags(options: CliOptions, upstream: UpstreamConfig & { name: string }, args: readonly string[]): void {
  for (let at = 0; at < args.length; at++) {
    const arg = args[at] as string;
    const flag = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
    if (!KNOWN_FLAGS.has(flag)) continue;
    const next = args[at + 1];
    const shown = arg.includes("=") || next === undefined || next.startsWith("-") ? arg : `${arg} ${next}`;
    const command = (upstream as { command?: string }).command ?? "the command";
    options.warnings.push(
      `"${shown}" comes after "--", so it was passed to the child command "${command}" of upstream "${upstream.name}", not to chuk-mcp-proxy. ` +
        `If it is a proxy option, move it before "--" (or end the child's arguments with "---" and put it after).`,
    );
  }
}
