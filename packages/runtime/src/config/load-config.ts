/**
 * Reads, validates and resolves a configuration file in one call.
 */
import { readFile } from "node:fs/promises";
import { ConfigError } from "./config-error.js";
import { resolveConfig, type ConfigOverrides, type Environment, type ResolvedConfig } from "./resolve-config.js";
import type { RuntimeConfig } from "./schema.js";
import { validateConfig } from "./validate-config.js";
import { parseYamlSource } from "./yaml-source.js";

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** The file; undefined runs on defaults and the environment alone. */
  file?: string;
  /** The file's text (skips reading `file`, which then only names it). */
  text?: string;
  env?: Environment;
  overrides?: ConfigOverrides;
}

/** Parses and validates configuration text; throws {@link ConfigError} with lines. */
export function parseConfig(text: string, file: string, env: Environment = process.env): { config: RuntimeConfig; source: ReturnType<typeof parseYamlSource> } {
  const source = parseYamlSource(text, file, env);
  return { config: validateConfig(source), source };
}

/** Reads the file (if any), validates it, and resolves environment and overrides. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const env = options.env ?? process.env;
  if (options.file === undefined && options.text === undefined) return resolveConfig({}, undefined, env, options.overrides);
  const file = options.file ?? "(config)";
  let text = options.text;
  if (text === undefined) {
    try {
      text = await readFile(file, "utf8");
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      const message = code === "ENOENT" ? "file not found; check the path given to --config / CHUK_MCP_CONFIG_PATH" : `cannot read the file: ${(cause as Error).message}`;
      throw new ConfigError(code === "ENOENT" ? "config_not_found" : "config_unreadable", [{ file, line: undefined, column: undefined, path: "", message }], { cause });
    }
  }
  const { config, source } = parseConfig(text, file, env);
  return resolveConfig(config, source, env, options.overrides);
}
