import { UsageError } from "./usage-error.js";

/** How `chuk-mcp` serves the file: once (`run`, `http`, `stdio`, or flags then a file), or restarting on change (`dev`). */
export type CliMode = "run" | "dev";

/** What the `chuk-mcp` command was asked to do. */
export type CliCommand =
  | { readonly command: "help" }
  | { readonly command: "version" }
  /** `chuk-mcp init NAME [--dir D] [create-chuk-mcp flags]`: the arguments for create-chuk-mcp's `runCreate`. */
  | { readonly command: "init"; readonly createArguments: readonly string[] }
  | {
      readonly command: "serve";
      readonly mode: CliMode;
      readonly file: string;
      /** The flags for `run()` (and the program), in order. */
      readonly runArguments: readonly string[];
      /** `dev --inspect`: also start the MCP Inspector against the server. */
      readonly inspect: boolean;
    };

/** Extensions of a module `chuk-mcp` can load (TypeScript through jiti). */
export const MODULE_EXTENSIONS = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;

/** Flags of `run()` that take a separate value, so that value is not mistaken for the file. */
const VALUE_FLAGS = new Set(["--port", "--host", "--path", "--log-level", "--transport"]);

const COMMAND_FLAGS: Record<string, readonly string[]> = { run: [], http: ["--http"], stdio: ["--stdio"], dev: [] };

/**
 * Parses the `chuk-mcp` command line (without `node` and the script path). Pure. Accepts
 * `run|http|stdio|dev <file> [flags]` and the original's shortcut, flags first:
 * `chuk-mcp --http --port 8000 server.ts`. Flags are left for `resolveRunOptions`.
 *
 * @throws {UsageError} for an unknown command or a missing file.
 */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return { command: "help" };
  if (first === "--version" || first === "-v" || first === "version") return { command: "version" };
  if (first === "init") return parseInit(rest);
  const named = first in COMMAND_FLAGS ? first : undefined;
  if (named === undefined && !first.startsWith("-") && !MODULE_EXTENSIONS.test(first)) {
    throw new UsageError(
      `Unknown command '${first}'. Use 'chuk-mcp run <file>', 'chuk-mcp http <file>', 'chuk-mcp dev <file>', 'chuk-mcp init <name>', 'chuk-mcp --help' or 'chuk-mcp --version'.`,
    );
  }
  const words = named === undefined ? argv : rest;
  if (words.includes("--help") || words.includes("-h")) return { command: "help" };
  const fileAt = findFile(words);
  if (fileAt === -1) {
    const example = named === undefined ? "chuk-mcp --http --port 8000 server.ts" : `chuk-mcp ${named} server.ts`;
    throw new UsageError(`chuk-mcp ${named === undefined ? "" : `${named} `}needs the server module to load (a .js or .ts file), e.g. ${example}`);
  }
  const mode: CliMode = named === "dev" ? "dev" : "run";
  const others = words.filter((_, index) => index !== fileAt);
  const inspect = mode === "dev" && others.includes("--inspect");
  const runArguments = [...COMMAND_FLAGS[named ?? "run"]!, ...(mode === "dev" ? others.filter((word) => word !== "--inspect") : others)];
  return { command: "serve", mode, file: words[fileAt] as string, runArguments, inspect };
}

/**
 * `init NAME [--dir D] [flags]`: a new project from create-chuk-mcp. The name comes first; the
 * flags (`--dir`, `--template`, `--pm`, `--no-install`, `--no-git`, `--yes`) are create-chuk-mcp's,
 * checked by it. Non-interactive unless asked: `init` takes every default it is not given.
 */
function parseInit(words: readonly string[]): CliCommand {
  const [name, ...flags] = words;
  if (name === "--help" || name === "-h") return { command: "init", createArguments: ["--help"] };
  if (name === undefined || name.startsWith("-")) {
    throw new UsageError("chuk-mcp init needs the project name first, e.g. chuk-mcp init my-server [--dir D] [--template server|runtime|lambda|vercel|cloudflare]");
  }
  const interactive = flags.includes("--interactive");
  const rest = flags.filter((flag) => flag !== "--interactive");
  return { command: "init", createArguments: [name, ...(interactive || rest.includes("--yes") || rest.includes("-y") ? [] : ["--yes"]), ...rest] };
}

/** Index of the first word that is neither a flag nor a value flag's value; -1 when none. */
function findFile(words: readonly string[]): number {
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as string;
    if (word === "--") return -1;
    if (word.startsWith("-")) {
      if (VALUE_FLAGS.has(word)) index += 1;
      continue;
    }
    return index;
  }
  return -1;
}
