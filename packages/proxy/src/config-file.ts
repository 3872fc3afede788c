/**
 * Reads a proxy configuration file (YAML or JSON; YAML is a superset of JSON) and expands
 * `${NAME}` references from the environment so secrets stay out of the file.
 */
import { readFile } from "node:fs/promises";
import { parse, YAMLParseError } from "yaml";
import type { ProxyConfig } from "./config.js";
import { ProxyError } from "./errors.js";
import { validateProxyConfig } from "./validate-config.js";

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

function expand(value: unknown, env: Record<string, string | undefined>, path: string): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
      // Own properties only: "${constructor}" must not expand to Object.prototype.constructor.
      const found = (Object.hasOwn(env, name) ? env[name] : undefined) ?? fallback;
      if (found === undefined) {
        throw new ProxyError("invalid_config", `${path}: environment variable ${name} is not set; export it or write \${${name}:-default}`);
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => expand(item, env, `${path}[${index}]`));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expand(item, env, `${path}.${key}`)]));
  }
  return value;
}

/** Parses configuration text; `source` names the file in error messages. */
export function parseProxyConfig(text: string, options?: { source?: string; env?: Record<string, string | undefined> }): ProxyConfig {
  const source = options?.source ?? "config";
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? ` at line ${cause.linePos[0].line}, column ${cause.linePos[0].col}` : "";
    throw new ProxyError("invalid_config", `${source}: not valid YAML/JSON${where}: ${(cause as Error).message.split("\n")[0]}`, { cause });
  }
  try {
    return validateProxyConfig(expand(raw, options?.env ?? process.env, "config"));
  } catch (error) {
    if (error instanceof ProxyError) {
      throw new ProxyError("invalid_config", `${source}: ${error.message.replace("[chuk-mcp-proxy] ", "")}`, { cause: error });
    }
    throw error;
  }
}

/** Reads and validates a configuration file. */
export async function loadProxyConfig(path: string, options?: { env?: Record<string, string | undefined> }): Promise<ProxyConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ProxyError("invalid_config", `cannot read config file "${path}": ${(cause as Error).message}; check the path`, { cause });
  }
  return parseProxyConfig(text, { source: path, env: options?.env });
}
