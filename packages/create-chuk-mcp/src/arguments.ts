import { CreateError } from "./create-error.js";
import { isPackageManager, PACKAGE_MANAGERS, type PackageManager } from "./package-manager.js";

/** What the command line asked for; unset fields are decided by prompts or defaults. */
export interface CreateArguments {
  readonly help: boolean;
  readonly version: boolean;
  readonly yes: boolean;
  readonly name?: string;
  readonly template?: string;
  readonly packageManager?: PackageManager;
  readonly install?: boolean;
  readonly git?: boolean;
  /** Parent folder of the project (default: the current directory). */
  readonly directory?: string;
}

export const USAGE = `Usage: create-chuk-mcp [name] [options]
       npm create chuk-mcp@latest [name] -- [options]

Creates ./<name> (or <dir>/<name>) with a ready-to-run MCP server project.

Options:
  -y, --yes              accept every default, ask nothing (also when stdin is not a terminal)
  -t, --template <name>  project template (default: server)
  --pm <manager>         ${PACKAGE_MANAGERS.join(" | ")} (default: the one running this command)
  --install, --no-install  install dependencies now (default: yes)
  --git, --no-git        run git init (default: yes, when git is installed)
  --dir <path>           create the project inside this folder (default: current directory)
  -h, --help             show this help
  -v, --version          print the version
`;

const VALUE_FLAGS = new Map<string, "template" | "packageManager" | "directory">([
  ["--template", "template"],
  ["-t", "template"],
  ["--pm", "packageManager"],
  ["--dir", "directory"],
]);

const SWITCHES = new Map<string, { key: "install" | "git" | "yes" | "help" | "version"; value: boolean }>([
  ["--yes", { key: "yes", value: true }],
  ["-y", { key: "yes", value: true }],
  ["--install", { key: "install", value: true }],
  ["--no-install", { key: "install", value: false }],
  ["--git", { key: "git", value: true }],
  ["--no-git", { key: "git", value: false }],
  ["--help", { key: "help", value: true }],
  ["-h", { key: "help", value: true }],
  ["--version", { key: "version", value: true }],
  ["-v", { key: "version", value: true }],
]);

function usage(message: string): CreateError {
  return new CreateError("invalid_arguments", message);
}

/**
 * Parses `create-chuk-mcp`'s arguments (without `node` and the script). Pure.
 * @throws {CreateError} `invalid_arguments` for an unknown flag, a missing value or a second name.
 */
export function parseCreateArguments(argv: readonly string[]): CreateArguments {
  const values: { -readonly [K in keyof CreateArguments]?: CreateArguments[K] } = {};
  const switches = { help: false, version: false, yes: false } as { help: boolean; version: boolean; yes: boolean; install?: boolean; git?: boolean };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    const equals = argument.startsWith("--") ? argument.indexOf("=") : -1;
    const flag = equals === -1 ? argument : argument.slice(0, equals);
    const toggle = SWITCHES.get(flag);
    if (toggle !== undefined) {
      if (equals !== -1) throw usage(`${flag} takes no value; remove '=${argument.slice(equals + 1)}'`);
      switches[toggle.key] = toggle.value;
      continue;
    }
    const key = VALUE_FLAGS.get(flag);
    if (key !== undefined) {
      const value = equals === -1 ? argv[++index] : argument.slice(equals + 1);
      if (value === undefined || value === "" || (equals === -1 && value.startsWith("-"))) {
        throw usage(`${flag} needs a value, e.g. ${flag === "--pm" ? "--pm npm" : flag === "--dir" ? "--dir ./projects" : `${flag} server`}`);
      }
      if (key === "packageManager") {
        if (!isPackageManager(value)) throw usage(`unknown package manager '${value}' for --pm; use one of ${PACKAGE_MANAGERS.join(", ")}`);
        values.packageManager = value;
      } else {
        values[key] = value;
      }
      continue;
    }
    if (argument.startsWith("-") && argument !== "-") throw usage(`unknown option '${flag}'; run create-chuk-mcp --help for the options`);
    if (values.name !== undefined) throw usage(`unexpected argument '${argument}': the project name is already '${values.name}'`);
    values.name = argument;
  }
  return { ...values, ...switches };
}
