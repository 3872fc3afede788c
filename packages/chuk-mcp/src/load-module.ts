import { pathToFileURL } from "node:url";
import { UsageError } from "./usage-error.js";

const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;

/**
 * Imports the user's server module. TypeScript goes through jiti's ESM loader hooks
 * (`jiti/register`, loaded only for a .ts file): the module stays a real ES module (top-level
 * `await run()` works, `import "chuk-mcp"` resolves to the same package the CLI uses) and no
 * build step or tsconfig is needed on Node 20.
 */
export async function loadServerModule(file: string, shown: string = file): Promise<void> {
  if (TYPESCRIPT.test(file)) {
    try {
      // A variable specifier: jiti/register has no module typings (it only installs hooks).
      const hooks = "jiti/register";
      await import(hooks);
    } catch (error) {
      throw new UsageError(`Loading '${shown}' needs jiti (a dependency of chuk-mcp); reinstall chuk-mcp, or compile the file to JavaScript first.`, { cause: error });
    }
  }
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ERR_UNKNOWN_FILE_EXTENSION") {
      throw new UsageError(`Node cannot load '${shown}'; pass a .js, .mjs, .cjs or .ts file.`, { cause: error });
    }
    throw error;
  }
}
