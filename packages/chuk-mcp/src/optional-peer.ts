import { UsageError } from "./usage-error.js";

/**
 * `@chuk-mcp/http`, `@chuk-mcp/auth` and `@chuk-mcp/sessions` are optional peers of
 * `chuk-mcp`: a stdio-only server does not install them. `run()` imports one only when its
 * feature is used; when it is missing, this says which package to install.
 *
 * @param name the package, e.g. `@chuk-mcp/http`
 * @param feature what needs it, e.g. `the HTTP transport (--http)`
 * @param load the `import()` of the package (a literal specifier, so it stays typed)
 * @throws {UsageError} when the package is not installed; other load errors pass through
 */
export async function importOptionalPeer<T>(name: string, feature: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, name)) throw missingPeer(name, feature, error);
    throw error;
  }
}

/** The UsageError for a missing optional peer: one line with the exact install command. */
export function missingPeer(name: string, feature: string, cause?: unknown): UsageError {
  return new UsageError(`${feature} needs ${name}, which is not installed; run: npm install ${name} (or pnpm add / yarn add / bun add ${name}).`, { cause });
}

/** True when `error` is Node's "cannot find package `name`" (not a missing file inside it). */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return false;
  return typeof message === "string" && message.includes(`'${name}'`);
}
