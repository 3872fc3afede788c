import { readFileSync } from "node:fs";

/**
 * Versions the generated `package.json` pins: our packages (their version at build time of
 * create-chuk-mcp, pinned with `^`) and the tool ranges the monorepo itself uses.
 * Written to `dist/versions.json` by `scripts/write-versions.mjs`.
 */
export interface Versions {
  /** `chuk-mcp`, `@chuk-mcp/*`: exact versions, e.g. `0.1.0`. */
  readonly packages: Readonly<Record<string, string>>;
  /** Third-party devDependencies of a generated project: ranges, e.g. `~5.9.3`. */
  readonly tools: Readonly<Record<string, string>>;
}

/** Reads the versions written next to the built code. */
export function readVersions(file: URL = new URL("./versions.json", import.meta.url)): Versions {
  return JSON.parse(readFileSync(file, "utf8")) as Versions;
}

/** Placeholder values `version:<name>` for a template: `^x.y.z` for ours, the range for tools. */
export function versionPlaceholders(versions: Versions): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, version] of Object.entries(versions.packages)) values.set(`version:${name}`, `^${version}`);
  for (const [name, range] of Object.entries(versions.tools)) values.set(`version:${name}`, range);
  return values;
}
