/**
 * Reads environment variables on every runtime without importing `node:process`: Node, Bun and
 * Lambda-style hosts expose `process.env`; Deno exposes `Deno.env.get` (which throws without
 * `--allow-env`); Workers have neither (their bindings arrive with each request).
 */

/** A read-only view of environment variables. */
export type CloudEnvironment = Readonly<Record<string, string | undefined>>;

interface DenoEnvironment {
  get(name: string): string | undefined;
  toObject(): Record<string, string>;
}

interface RuntimeGlobals {
  process?: { env?: Record<string, string | undefined> };
  Deno?: { env?: DenoEnvironment };
}

const EMPTY: CloudEnvironment = Object.freeze(Object.create(null) as Record<string, string | undefined>);

/**
 * The current process's environment, or an empty one where the runtime has none (Workers) or
 * forbids reading it (Deno without `--allow-env`).
 */
export function readEnvironment(): CloudEnvironment {
  const runtime = globalThis as RuntimeGlobals;
  const processEnvironment = runtime.process?.env;
  if (processEnvironment !== undefined && typeof processEnvironment === "object") return processEnvironment;
  const denoEnvironment = runtime.Deno?.env;
  if (denoEnvironment !== undefined) {
    try {
      return denoEnvironment.toObject();
    } catch {
      return EMPTY;
    }
  }
  return EMPTY;
}

/** `environment[name]` when it is a non-empty string. */
export function environmentValue(environment: CloudEnvironment, name: string): string | undefined {
  const value = environment[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}
