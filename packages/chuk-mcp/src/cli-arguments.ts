import { UsageError } from "./usage-error.js";

/** What the `chuk-mcp` command was asked to do. */
export type CliCommand =
  | { readonly command: "help" }
  | { readonly command: "version" }
  | { readonly command: "run"; readonly file: string; readonly runArguments: readonly string[] };

/**
 * Parses the `chuk-mcp` command line (without `node` and the script path). Pure.
 * `run` flags are left for `resolveRunOptions`, which validates them.
 *
 * @throws {UsageError} for an unknown command or a missing file.
 */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return { command: "help" };
  if (first === "--version" || first === "-v" || first === "version") return { command: "version" };
  if (first === "run") {
    if (rest.includes("--help") || rest.includes("-h")) return { command: "help" };
    const [file, ...runArguments] = rest;
    if (file === undefined || file.startsWith("-")) {
      throw new UsageError("chuk-mcp run needs the server module to load, e.g. chuk-mcp run dist/server.js --http");
    }
    return { command: "run", file, runArguments };
  }
  throw new UsageError(`Unknown command '${first}'. Use 'chuk-mcp run <file.js>', 'chuk-mcp --help' or 'chuk-mcp --version'.`);
}
