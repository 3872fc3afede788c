import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { Readable, Writable } from "node:stream";
import { parseCreateArguments, USAGE } from "./arguments.js";
import { CreateError } from "./create-error.js";
import { detectPackageManager, runScriptCommand } from "./package-manager.js";
import { initializeGit, installDependencies } from "./post-create.js";
import { askAnswers, type Answers } from "./prompts.js";
import { planProject, scaffold } from "./scaffold.js";
import { DEFAULT_TEMPLATE, listTemplates, resolveTemplate } from "./templates.js";
import type { Versions } from "./versions.js";

/** The process around {@link runCreate}; every field defaults to the real one. */
export interface CreateIo {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: Readable & { isTTY?: boolean };
  readonly stdout?: Writable & { isTTY?: boolean };
  readonly stderr?: Writable;
  /** Pinned versions (tests). Default: the ones this package was built with. */
  readonly versions?: Versions;
}

export const DEFAULT_PROJECT_NAME = "my-mcp-server";

function readOwnVersion(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/**
 * The `create-chuk-mcp` command: parse, ask (unless `--yes` or stdin is not a terminal),
 * write the project, then install and `git init` as asked. Resolves to the exit code:
 * 0 done, 2 usage problem (nothing written), 1 a setup step failed after writing.
 */
export async function runCreate(argv: readonly string[], io: CreateIo = {}): Promise<number> {
  const stdin = io.stdin ?? process.stdin;
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  try {
    const parsed = parseCreateArguments(argv);
    if (parsed.help) return write(stdout, USAGE, 0);
    if (parsed.version) return write(stdout, `${readOwnVersion()}\n`, 0);
    // Check what the flags say before asking anything.
    if (parsed.template !== undefined) resolveTemplate(parsed.template);
    const defaults: Answers = {
      name: DEFAULT_PROJECT_NAME,
      template: DEFAULT_TEMPLATE,
      packageManager: detectPackageManager(env.npm_config_user_agent),
      install: true,
      git: true,
    };
    const interactive = !parsed.yes && stdin.isTTY === true;
    if (!parsed.yes && !interactive) stderr.write("create-chuk-mcp: stdin is not a terminal, so using defaults for anything not given (as with --yes)\n");
    const directory = parsed.directory ?? cwd;
    if (parsed.name !== undefined) planProject({ name: parsed.name, template: parsed.template ?? DEFAULT_TEMPLATE, directory });
    const answers: Answers = interactive
      ? await askAnswers({ ...parsed, defaults, templates: listTemplates(), streams: { input: stdin, output: stdout } })
      : {
          name: parsed.name ?? defaults.name,
          template: parsed.template ?? defaults.template,
          packageManager: parsed.packageManager ?? defaults.packageManager,
          install: parsed.install ?? defaults.install,
          git: parsed.git ?? defaults.git,
        };
    const result = scaffold({ name: answers.name, template: answers.template, directory, packageManager: answers.packageManager, ...(io.versions ? { versions: io.versions } : {}) });
    const shown = relative(cwd, result.projectDirectory) || ".";
    stderr.write(`Created ${result.packageName} (template ${result.template.name}, ${result.files.length} files) in ${result.projectDirectory}\n`);
    let exitCode = 0;
    if (answers.install) {
      stderr.write(`Installing dependencies with ${answers.packageManager}...\n`);
      const installed = installDependencies(result.projectDirectory, answers.packageManager, env);
      if (!installed.ok) {
        stderr.write(`create-chuk-mcp: ${installed.note}; the project is written, run '${answers.packageManager} install' in ${shown}\n`);
        exitCode = 1;
      }
    }
    if (answers.git) {
      const git = initializeGit(result.projectDirectory, env);
      if (git.note !== undefined) stderr.write(`git: ${git.note}\n`);
    }
    const steps = [
      shown === "." ? undefined : `cd ${shown}`,
      answers.install && exitCode === 0 ? undefined : `${answers.packageManager} install`,
      runScriptCommand(answers.packageManager, "test"),
      runScriptCommand(answers.packageManager, "build"),
      `${runScriptCommand(answers.packageManager, result.template.nextStep.script)}   # ${result.template.nextStep.note}`,
    ].filter((step): step is string => step !== undefined);
    stderr.write(`\nNext steps:\n${steps.map((step) => `  ${step}`).join("\n")}\n\nREADME.md has ${result.template.readme}.\n`);
    return exitCode;
  } catch (error) {
    if (error instanceof CreateError) return write(stderr, `create-chuk-mcp: ${error.message}\n`, error.exitCode);
    throw error;
  }
}

function write(stream: Writable, text: string, code: number): number {
  stream.write(text);
  return code;
}
