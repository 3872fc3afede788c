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
    config = await buildConfig(options);
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
  if (options.port !== undefined) {
    const { serve } = await import("@chuk-mcp/http/node");
    // Structural cast: http's McpEngine type and core's McpServer are being aligned by their owners.
    const running = await serve(proxy.server, { port: options.port, host: options.host });
    stopServing = () => running.close();
    process.stderr.write(`[chuk-mcp-proxy] listening on ${running.url}\n`);
  } else {
    const stdio = serveStdio(proxy.server, { handleSignals: false });
    stopServing = () => stdio.close();
    void stdio.closed.then(() => shutdown(0));
  }
  return 0;
}

const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
