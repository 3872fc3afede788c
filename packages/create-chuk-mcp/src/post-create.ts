import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { PackageManager } from "./package-manager.js";

/** Outcome of a setup step run after the files are written. */
export interface StepResult {
  readonly ok: boolean;
  /** Why it failed or was skipped, for the user. */
  readonly note?: string;
}

// On Windows the package managers are .cmd shims, which spawn only finds through a shell.
const SHELL = process.platform === "win32";

/** Runs `<manager> install` in the project, its output on our stderr (stdout stays clean). */
export function installDependencies(projectDirectory: string, manager: PackageManager, env: NodeJS.ProcessEnv): StepResult {
  const result = spawnSync(manager, ["install"], { cwd: projectDirectory, env, stdio: ["ignore", 2, 2], shell: SHELL });
  if (result.error !== undefined) return { ok: false, note: `could not run ${manager} (${result.error.message}); is it installed?` };
  if (result.status !== 0) return { ok: false, note: `${manager} install exited with code ${result.status ?? result.signal}` };
  return { ok: true };
}

/**
 * `git init` + a first commit. Skipped (not an error) when git is missing or the folder
 * is already a repository; a commit without a configured identity leaves the files staged.
 */
export function initializeGit(projectDirectory: string, env: NodeJS.ProcessEnv): StepResult {
  if (existsSync(join(projectDirectory, ".git"))) return { ok: true, note: "already a git repository; left as it is" };
  const git = (...args: string[]) => spawnSync("git", args, { cwd: projectDirectory, env, stdio: "ignore", shell: SHELL });
  const init = git("init", "-q");
  if (init.error !== undefined || init.status !== 0) return { ok: false, note: "git is not available; skipped git init" };
  if (git("add", "-A").status !== 0) return { ok: false, note: "git add failed; the repository is empty" };
  const commit = git("commit", "-q", "-m", "Initial commit from create-chuk-mcp");
  if (commit.status !== 0) return { ok: true, note: "files are staged but not committed (set git user.name and user.email, then commit)" };
  return { ok: true };
}
