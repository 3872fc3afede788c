import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { CreateError } from "./create-error.js";
import { runScriptCommand, type PackageManager } from "./package-manager.js";
import { directoryNameOf, validateProjectName } from "./project-name.js";
import { outputNameOf, renderTemplate } from "./render.js";
import { DEFAULT_TEMPLATE, resolveTemplate, type TemplateInfo } from "./templates.js";
import { readVersions, versionPlaceholders, type Versions } from "./versions.js";

/** Input of {@link planProject} and {@link scaffold}. */
export interface ScaffoldOptions {
  /** npm package name of the project, or `.` for the (empty) `directory` itself. */
  readonly name: string;
  /** Template name. Default: `server`. */
  readonly template?: string;
  /** Folder to create the project in. Default: the current directory. */
  readonly directory?: string;
  /** Used in the generated README's commands. Default: npm. */
  readonly packageManager?: PackageManager;
  /** Pinned versions. Default: the ones this create-chuk-mcp was built with. */
  readonly versions?: Versions;
}

/** A checked project, ready to be written. */
export interface ProjectPlan {
  readonly packageName: string;
  readonly projectDirectory: string;
  readonly template: TemplateInfo;
  readonly packageManager: PackageManager;
}

/** What {@link scaffold} wrote. */
export interface ScaffoldResult extends ProjectPlan {
  /** Written files, relative to `projectDirectory`, `/`-separated, sorted. */
  readonly files: readonly string[];
}

/**
 * Checks everything that can be wrong before a file is written: the name, the template and
 * the target folder (absent, empty, or holding only `.git`).
 * @throws {CreateError} with exit code 2.
 */
export function planProject(options: ScaffoldOptions): ProjectPlan {
  const parent = resolve(options.directory ?? process.cwd());
  const here = options.name === ".";
  const packageName = here ? basename(parent) : options.name;
  const problem = validateProjectName(packageName);
  if (problem !== undefined) {
    throw new CreateError("invalid_name", here ? `cannot use the folder name as the project name: ${problem}` : `invalid project name: ${problem}`);
  }
  const template = resolveTemplate(options.template ?? DEFAULT_TEMPLATE);
  const projectDirectory = here ? parent : join(parent, directoryNameOf(packageName));
  if (existsSync(projectDirectory)) {
    if (!statSync(projectDirectory).isDirectory()) {
      throw new CreateError("directory_not_empty", `${projectDirectory} exists and is not a folder; pick another name or --dir`);
    }
    const entries = readdirSync(projectDirectory).filter((entry) => entry !== ".git");
    if (entries.length > 0) {
      throw new CreateError("directory_not_empty", `${projectDirectory} is not empty (${entries.length} entries); pick another name or --dir, or empty it`);
    }
  }
  return { packageName, projectDirectory, template, packageManager: options.packageManager ?? "npm" };
}

/** A string as it appears inside a JSON string literal (Windows backslashes doubled). */
function jsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** The placeholder values of a template. */
export function templateValues(plan: ProjectPlan, versions: Versions): Map<string, string> {
  const values = versionPlaceholders(versions);
  const mainPath = join(plan.projectDirectory, "dist", "main.js");
  values.set("name", plan.packageName);
  values.set("directoryName", basename(plan.projectDirectory));
  values.set("projectDirectory", plan.projectDirectory);
  values.set("mainPath", mainPath);
  values.set("mainPathJson", jsonString(mainPath));
  // The runtime template's desktop-client config: the runtime CLI and the config file.
  values.set("runtimeCliPathJson", jsonString(join(plan.projectDirectory, "node_modules", "@chuk-mcp", "runtime", "dist", "cli", "main.js")));
  values.set("configPathJson", jsonString(join(plan.projectDirectory, "config.yaml")));
  values.set("packageManager", plan.packageManager);
  values.set("installCommand", `${plan.packageManager} install`);
  for (const script of ["build", "test", "start", "typecheck", "lint", "dev"]) {
    values.set(`run:${script}`, runScriptCommand(plan.packageManager, script));
  }
  return values;
}

function listFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/**
 * Creates a project from a template. Checks first ({@link planProject}); on any problem
 * nothing is written. Does not install dependencies or run git (see `runCreate`).
 * @throws {CreateError} for a bad name, template or target folder.
 */
export function scaffold(options: ScaffoldOptions): ScaffoldResult {
  const plan = planProject(options);
  const values = templateValues(plan, options.versions ?? readVersions());
  const rendered = new Map<string, string>();
  // Render everything before writing, so a template bug leaves no half-written project.
  for (const source of listFiles(plan.template.directory)) {
    const relativePath = relative(plan.template.directory, source).split(/[\\/]/);
    const fileName = relativePath.pop() as string;
    const target = [...relativePath, outputNameOf(fileName)].join("/");
    rendered.set(target, renderTemplate(readFileSync(source, "utf8"), values, `${plan.template.name}/${target}`));
  }
  for (const [target, text] of rendered) {
    const path = join(plan.projectDirectory, ...target.split("/"));
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text, { flag: "wx" });
  }
  return { ...plan, files: [...rendered.keys()].sort() };
}
