import { UsageError } from "./usage-error.js";

/** The part of create-chuk-mcp that `chuk-mcp init` uses. */
export interface CreateModule {
  runCreate(argv: readonly string[]): Promise<number>;
}

const PACKAGE = "create-chuk-mcp";

/**
 * Loads create-chuk-mcp, an optional peer: a server that never scaffolds does not install it.
 * `importer` is for tests.
 * @throws {UsageError} one line saying what to install when it is missing.
 */
export async function loadCreate(importer: (specifier: string) => Promise<unknown> = (specifier) => import(specifier)): Promise<CreateModule> {
  let loaded: unknown;
  try {
    loaded = await importer(PACKAGE);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "ERR_MODULE_NOT_FOUND" && String((error as Error).message).includes(`'${PACKAGE}'`)) {
      throw new UsageError(`chuk-mcp init needs the ${PACKAGE} package: install it (npm install -g ${PACKAGE}, or npm install -D ${PACKAGE}) or run npm create chuk-mcp@latest <name> instead.`);
    }
    throw error;
  }
  const runCreate = (loaded as Partial<CreateModule> | null)?.runCreate;
  if (typeof runCreate !== "function") {
    throw new UsageError(`the installed ${PACKAGE} has no runCreate export; update it (npm install -D ${PACKAGE}@latest).`);
  }
  return { runCreate };
}
