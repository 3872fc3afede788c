/**
 * Loads local tool modules (`.ts`, `.mts`, `.js`, `.mjs`) named in the configuration. The
 * original's dotted names resolve like Python packages: `my_tools.tools` is
 * `my_tools/tools.ts` (or `.mts`, `.js`, `.mjs`, or `my_tools/tools/index.*`), looked up
 * from the server's `location`, its parent, and the config file's directory.
 *
 * Loader: jiti. It runs TypeScript on Node 20 without a build step and without registering
 * a process-wide loader hook (tsx's API does), it needs no native binary (tsx pulls esbuild),
 * and its `alias` option points `chuk-mcp` at the runtime's own copy, so a module in a
 * folder without node_modules still imports `{ tool, Type } from "chuk-mcp"`. The `chuk-mcp`
 * default server is shared through `Symbol.for("chuk-mcp.default-server")`, so whichever
 * copy a module imports, its `tool()` calls land on the runtime's server.
 */
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ModuleReference } from "./config/resolve-config.js";

/** File extensions a tool module may have, in lookup order. */
export const MODULE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function withExtensions(base: string): string[] {
  return [base, ...MODULE_EXTENSIONS.map((extension) => base + extension), ...MODULE_EXTENSIONS.map((extension) => join(base, `index${extension}`))];
}

/** The candidate files for a module reference, in the order they are tried. */
export function moduleCandidates(reference: Pick<ModuleReference, "module" | "searchDirectories">): string[] {
  const { module } = reference;
  const looksLikePath = module.includes("/") || module.includes("\\") || MODULE_EXTENSIONS.some((extension) => module.endsWith(extension));
  if (looksLikePath) {
    if (isAbsolute(module)) return withExtensions(module);
    return reference.searchDirectories.flatMap((directory) => withExtensions(resolve(directory, module)));
  }
  const segments = module.split(".").filter((segment) => segment !== "");
  const candidates: string[] = [];
  for (const directory of reference.searchDirectories) {
    candidates.push(...withExtensions(join(directory, ...segments)));
    // `location: ./my_tools` with `module: my_tools.tools`: the package is the location itself.
    if (segments.length > 1 && segments[0] === basename(directory)) candidates.push(...withExtensions(join(directory, ...segments.slice(1))));
  }
  return [...new Set(candidates)];
}

/** The file a reference names, or undefined. */
export function resolveModule(reference: Pick<ModuleReference, "module" | "searchDirectories">): string | undefined {
  return moduleCandidates(reference).find(isFile);
}

type Jiti = { import(id: string): Promise<unknown> };
let jiti: Jiti | undefined;

async function loader(): Promise<Jiti> {
  if (jiti !== undefined) return jiti;
  const { createJiti } = await import("jiti");
  const require = createRequire(import.meta.url);
  // The runtime's own chuk-mcp (and its TypeBox), for modules outside any node_modules tree.
  const chukMcp = fileURLToPath(import.meta.resolve("chuk-mcp"));
  const alias: Record<string, string> = { "chuk-mcp": chukMcp };
  try {
    alias["typebox"] = require.resolve("typebox");
  } catch {
    // typebox is reachable through chuk-mcp's Type anyway.
  }
  jiti = createJiti(import.meta.url, { alias, moduleCache: false, fsCache: false, interopDefault: true }) as Jiti;
  return jiti;
}

/** Imports one module; its top-level `tool()`/`resource()`/`prompt()` calls register. */
export async function importModule(file: string): Promise<unknown> {
  return (await loader()).import(pathToFileURL(file).href);
}
