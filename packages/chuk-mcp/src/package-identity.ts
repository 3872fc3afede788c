import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** A server's name and version as its nearest `package.json` declares them. */
export interface PackageIdentity {
  readonly name?: string;
  readonly version?: string;
}

/**
 * The `name` and `version` of the nearest `package.json` with a name, searching from
 * `directory` up to the file-system root. Empty when there is none (or it is unreadable).
 */
export function findPackageIdentity(directory: string): PackageIdentity {
  let current = resolve(directory);
  for (;;) {
    const manifest = readManifest(join(current, "package.json"));
    if (manifest !== undefined && typeof manifest.name === "string" && manifest.name !== "") {
      return { name: manifest.name, ...(typeof manifest.version === "string" && manifest.version !== "" ? { version: manifest.version } : {}) };
    }
    const parent = dirname(current);
    if (parent === current) return {};
    current = parent;
  }
}

/**
 * Where the program being served lives: the entry script's folder, or the working directory
 * when the entry script is a tool's (inside `node_modules`: npx, a test runner) or absent (REPL).
 */
export function programDirectory(entry: string | undefined = process.argv[1]): string {
  if (entry === undefined || entry === "" || entry.replaceAll("\\", "/").includes("/node_modules/")) return process.cwd();
  return dirname(resolve(entry));
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as { name?: unknown; version?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
