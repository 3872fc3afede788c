#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCliArguments } from "./cli-arguments.js";
import { loadCreate } from "./init-command.js";
import { loadServerModule } from "./load-module.js";
import { run } from "./default-server.js";
import { RUN_FLAGS_HELP, resolveRunOptions } from "./run-options.js";
import { UsageError } from "./usage-error.js";

const HELP = `Usage:
  chuk-mcp run <file> [options]      load a module (.js or .ts) that registers tools, then serve it
  chuk-mcp http <file> [options]     the same over Streamable HTTP (chuk-mcp run <file> --http)
  chuk-mcp stdio <file> [options]    the same over stdio (the default)
  chuk-mcp [options] <file>          the original's shortcut: chuk-mcp --http --port 8000 server.ts
  chuk-mcp dev <file> [--inspect]    serve it, restart on file changes, print client config;
                                     --inspect also starts the MCP Inspector (npx @modelcontextprotocol/inspector)
  chuk-mcp init <name> [--dir D]     create a new project (create-chuk-mcp; --template, --pm, --no-install,
                                     --no-git, --interactive: see chuk-mcp init --help)
  chuk-mcp --help                    show this help
  chuk-mcp --version                 print the version

TypeScript files load through jiti: no build step on Node 20.

Options:
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
  if (parsed.command === "init") {
    const { runCreate } = await loadCreate();
    process.exitCode = await runCreate(parsed.createArguments);
    return;
  }
  // Validate flags before loading user code, so a typo fails fast and cleanly.
  const options = resolveRunOptions(parsed.runArguments, process.env);
  const file = resolve(parsed.file);
  if (!existsSync(file)) {
    throw new UsageError(`Cannot find '${parsed.file}' (looked at ${file}); pass the path of your server module, e.g. server.ts or dist/server.js.`);
  }
  if (parsed.mode === "dev") {
    const { runDevLoop } = await import("./dev-loop.js");
    // Exit explicitly: the relay still holds our stdin open when the loop ends on a signal.
    process.exit(await runDevLoop({ file, runArguments: parsed.runArguments, inspect: parsed.inspect, options }));
  }
  // Make the module see the same argv as under `node <file> [options]`, so a module that
  // calls run() itself starts the same server this command would.
  process.argv = [process.argv[0] ?? process.execPath, file, ...parsed.runArguments];
  await loadServerModule(file, parsed.file);
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
