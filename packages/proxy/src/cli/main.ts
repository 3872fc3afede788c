#!/usr/bin/env node
/**
 * `chuk-mcp-proxy`: serve many MCP servers as one, over stdio or Streamable HTTP.
 */
import { serveStdio } from "@chuk-mcp/stdio";
import { loadProxyConfig } from "../config-file.js";
import type { ProxyConfig, ProxyLogLevel, ProxyLogger } from "../config.js";
import { describeFailure, ProxyError } from "../errors.js";
import { createProxy } from "../proxy.js";
import { validateProxyConfig } from "../validate-config.js";
import { parseCliArgs, type CliOptions } from "./args.js";
import { HELP_TEXT } from "./help.js";
import { buildAuthenticator, serveProxyHttp } from "./serve-http.js";

const VERSION = "0.1.0";
const RANK: Record<ProxyLogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 };

function stderrLogger(threshold: ProxyLogLevel): ProxyLogger {
  return (level, message) => {
    if (RANK[level] >= RANK[threshold]) process.stderr.write(`[chuk-mcp-proxy] ${level}: ${message}\n`);
  };
}

async function buildConfig(options: CliOptions): Promise<ProxyConfig> {
  const base: ProxyConfig = options.configFile === undefined ? { servers: {} } : await loadProxyConfig(options.configFile);
  for (const name of Object.keys(options.config.servers)) {
    if (base.servers[name] !== undefined) {
      throw new ProxyError("invalid_arguments", `upstream "${name}" is defined both in ${options.configFile} and on the command line; rename one`);
    }
  }
  const merged = { ...base, ...options.config, servers: { ...base.servers, ...options.config.servers } };
  if (Object.keys(merged.servers).length === 0) {
    throw new ProxyError("invalid_arguments", "no upstream servers given; add --stdio/--http/--sse or --config FILE (see --help)");
  }
  return validateProxyConfig(merged);
}

/** Runs the CLI; resolves to the process exit code for errors before serving. */
export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  let config: ProxyConfig;
  try {
    options = parseCliArgs(argv);
    if (options.help) {
      process.stdout.write(HELP_TEXT);
      return 0;
    }
    if (options.version) {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    for (const warning of options.warnings) process.stderr.write(`[chuk-mcp-proxy] warning: ${warning}\n`);
    config = await buildConfig(options);
    // Refuse a bad auth setup before any child is started.
    if (options.port !== undefined) await buildAuthenticator(options, process.env);
  } catch (error) {
    process.stderr.write(`chuk-mcp-proxy: ${describeFailure(error).replace("[chuk-mcp-proxy] ", "")}\n`);
    return 2;
  }
  const logger = stderrLogger(options.logLevel);
  const proxy = createProxy({ config, logger });
  let stopping = false;
  let stopServing: () => Promise<void> = async () => undefined;
  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await stopServing().catch(() => undefined);
    await proxy.close().catch(() => undefined);
    process.exit(code);
  };
  process.once("SIGTERM", () => void shutdown(0));
  process.once("SIGINT", () => void shutdown(0));
  const report = await proxy.start();
  logger("info", `ready: ${report.ready.join(", ") || "(none)"}; failed: ${report.failed.map((entry) => entry.server).join(", ") || "(none)"}`);
  const fatal =
    report.failed.length > 0 &&
    (options.exitOnStartFailure === "any" || (options.exitOnStartFailure === "all" && report.ready.length === 0));
  if (fatal) {
    const which = report.ready.length === 0 ? "no upstream could be started" : "an upstream could not be started (--exit-on-start-failure any)";
    process.stderr.write(`chuk-mcp-proxy: exiting: ${which} (${report.failed.map((entry) => entry.server).join(", ")}; errors above).\n`);
    process.stderr.write("chuk-mcp-proxy: fix the command or URL, or pass --exit-on-start-failure never to keep serving and retry in the background.\n");
    await proxy.close().catch(() => undefined);
    return 1;
  }
  for (const entry of report.failed) process.stderr.write(`[chuk-mcp-proxy] warning: serving without upstream "${entry.server}" for now (retrying): ${entry.error}\n`);
  if (options.port !== undefined) {
    let served: Awaited<ReturnType<typeof serveProxyHttp>>;
    try {
      served = await serveProxyHttp(proxy, options, process.env);
    } catch (error) {
      process.stderr.write(`chuk-mcp-proxy: cannot serve on ${options.host}:${options.port}: ${describeFailure(error)}\n`);
      await proxy.close().catch(() => undefined);
      return 1;
    }
    stopServing = () => served.running.close();
    for (const warning of served.warnings) process.stderr.write(`[chuk-mcp-proxy] ${warning.startsWith("WARNING") ? "" : "warning: "}${warning}\n`);
    process.stderr.write(`[chuk-mcp-proxy] listening on ${served.running.url}${options.auth === "bearer" ? " (bearer auth)" : ""}\n`);
  } else {
    const stdio = serveStdio(proxy.server, { handleSignals: false });
    stopServing = () => stdio.close();
    void stdio.closed.then(() => shutdown(0));
  }
  return 0;
}

const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
