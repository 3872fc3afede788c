import { builtinModules } from "node:module";

const MAX_LENGTH = 214;
// npm's rules: lowercase, URL-safe characters only, no leading dot or underscore.
const NAME_PART = /^[a-z0-9-~][a-z0-9-._~]*$/;
const RESERVED = new Set(["node_modules", "favicon.ico"]);
const BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, "")));

/**
 * Checks a project name against npm's package-name rules (it becomes `package.json`'s
 * `name`). Returns `undefined` when valid, else a sentence saying what to change.
 * @see https://docs.npmjs.com/cli/v10/configuring-npm/package-json#name
 */
export function validateProjectName(name: string): string | undefined {
  if (name.length === 0) return "the project name is empty; pass one, e.g. my-server";
  if (name.length > MAX_LENGTH) return `the project name is ${name.length} characters long; npm allows at most ${MAX_LENGTH}`;
  if (name.trim() !== name) return `the project name '${name}' has leading or trailing spaces`;
  if (name.toLowerCase() !== name) return `the project name '${name}' has capital letters; npm names are lowercase, e.g. ${name.toLowerCase()}`;
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name);
  if (name.startsWith("@") && scoped === null) return `the scoped name '${name}' must look like @scope/name`;
  const parts = scoped === null ? [name] : [scoped[1] as string, scoped[2] as string];
  for (const part of parts) {
    if (part.startsWith(".") || part.startsWith("_")) return `the project name '${name}' must not start with '.' or '_'`;
    if (!NAME_PART.test(part)) {
      return `the project name '${name}' may contain only lowercase letters, digits and - . _ ~ (no spaces, slashes or other symbols)`;
    }
  }
  const bare = parts[parts.length - 1] as string;
  if (RESERVED.has(bare)) return `'${bare}' is a reserved name; pick another`;
  if (scoped === null && BUILTINS.has(name)) return `'${name}' is the name of a Node.js core module; pick another, e.g. ${name}-server`;
  return undefined;
}

/** The folder a project is created in: the name without its `@scope/`. */
export function directoryNameOf(name: string): string {
  const slash = name.indexOf("/");
  return slash === -1 ? name : name.slice(slash + 1);
}
