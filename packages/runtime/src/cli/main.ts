#!/usr/bin/env node
/**
 * `chuk-mcp-runtime` (also installed as `chuk-mcp-server`, the original's command name).
 * Exit codes: 0 done, 1 failure while running, 2 bad command line or configuration, in which
 * case nothing was started.
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../config/config-error.js";
import { configJsonSchemaText } from "../config/json-schema.js";
import { loadConfig } from "../config/load-config.js";
import { HELP, parseArguments, UsageError } from "./args.js";

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

function fail(error: unknown): never {
  if (error instanceof UsageError) {
    process.stderr.write(`chuk-mcp-runtime: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`chuk-mcp-runtime: configuration error${error.issues.length > 1 ? "s" : ""} (nothing was started):\n${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`chuk-mcp-runtime: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args.command === "help") {
    process.stdout.write(HELP);
    return;
  }
  if (args.command === "version") {
    process.stdout.write(`${version()}\n`);
    return;
  }
  if (args.command === "schema") {
    process.stdout.write(configJsonSchemaText());
    return;
  }
  const loadOptions = { ...(args.configFile === undefined ? {} : { file: args.configFile }), overrides: args.overrides };
  if (args.command === "openai-tools") {
    if (args.configFile === undefined) throw new UsageError("openai-tools needs --config FILE");
    const { openaiToolsFromConfig } = await import("../openai-tools.js");
    process.stdout.write(`${JSON.stringify(await openaiToolsFromConfig(loadOptions), null, 2)}\n`);
    process.exit(0);
  }
  const config = await loadConfig(loadOptions);
  if (args.command === "check") {
    process.stdout.write(`${config.file ?? "(no file)"}: OK (${config.type}, ${config.modules.length} module(s), ${Object.keys(config.upstreams).length} upstream(s))\n`);
    return;
  }
  // Loaded after the file validated: a bad file is reported without loading the server stack.
  const { startRuntime } = await import("../runtime.js");
  const runtime = await startRuntime(config, { version: version(), overrides: args.overrides, watch: args.watch });
  // SIGHUP reloads (the daemon convention); the report is logged by the runtime.
  process.on("SIGHUP", () => void runtime.reload());
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(1);
    process.stderr.write(`chuk-mcp-runtime: ${signal}, shutting down\n`);
    void runtime.close().finally(() => process.exit(0));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  await runtime.closed;
  process.exit(0);
}

main().catch(fail);
