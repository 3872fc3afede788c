/** Package managers a generated project can be set up with. */
export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

export const PACKAGE_MANAGERS: readonly PackageManager[] = ["npm", "pnpm", "yarn", "bun"];

export function isPackageManager(value: string): value is PackageManager {
  return (PACKAGE_MANAGERS as readonly string[]).includes(value);
}

/**
 * The package manager that launched us (`npm create`, `pnpm create`, `yarn create`,
 * `bun create` set `npm_config_user_agent`), or npm.
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split("/", 1)[0]?.trim() ?? "";
  return isPackageManager(name) ? name : "npm";
}

/** How to run a package script with `manager`, e.g. `npm run build` / `pnpm build`. */
export function runScriptCommand(manager: PackageManager, script: string): string {
  if (manager === "npm") return script === "test" || script === "start" ? `npm ${script}` : `npm run ${script}`;
  // `bun test` / `bun build` are bun's own tools, not the package scripts.
  if (manager === "bun") return `bun run ${script}`;
  return `${manager} ${script}`;
}
