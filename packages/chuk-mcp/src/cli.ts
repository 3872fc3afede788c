#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseCliArguments } from "./cli-arguments.js";
import { run } from "./default-server.js";
import { RUN_FLAGS_HELP, resolveRunOptions } from "./run-options.js";
import { UsageError } from "./usage-error.js";

const HELP = `Usage:
  chuk-mcp run <file.js> [options]   load a module that registers tools, then serve it
  chuk-mcp --help                    show this help
  chuk-mcp --version                 print the version

Options for run:
${RUN_FLAGS_HELP}
`;

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArguments(argv);
  if (parsed.command === "help") {
    process.stdout.write(HELP);
    return;
  }
  if (parsed.command === "version") {
    process.stdout.write(`${readVersion()}\n`);
    return;
  }
  // Validate flags before loading user code, so a typo fails fast and cleanly.
  const options = resolveRunOptions(parsed.runArguments, process.env);
  const file = resolve(parsed.file);
  if (!existsSync(file)) {
    throw new UsageError(`Cannot find '${parsed.file}' (looked at ${file}); pass the path of a JavaScript module, e.g. dist/server.js.`);
  }
  // Make the module see the same argv as under `node <file.js> [options]`, so a module that
  // calls run() itself starts the same server this command would.
  process.argv = [process.argv[0] ?? process.execPath, file, ...parsed.runArguments];
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ERR_UNKNOWN_FILE_EXTENSION") {
      throw new UsageError(`Node cannot load '${parsed.file}' directly; compile it to JavaScript first (tsc) and pass the .js file.`, { cause: error });
    }
    throw error;
  }
  await run({ ...options, argv: parsed.runArguments });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`chuk-mcp: ${error.message}\nRun 'chuk-mcp --help' for usage.\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`chuk-mcp: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
