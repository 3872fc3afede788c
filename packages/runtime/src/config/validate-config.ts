/**
 * Checks a parsed file against {@link RuntimeConfigSchema} (compiled once), then the rules a
 * schema cannot say well (a stdio server needs a command, a local server a module, built-in
 * tool names must exist). Every problem is reported with its line, not just the first.
 */
import { Compile } from "typebox/compile";
import { ConfigError, type ConfigIssue } from "./config-error.js";
import { ARTIFACT_TOOL_NAMES, SERVER_NAME_PATTERN, SESSION_TOOL_NAMES } from "./known-names.js";
import { RuntimeConfigSchema, type McpServerEntry, type RuntimeConfig } from "./schema.js";
import type { YamlSource } from "./yaml-source.js";

type Checker = { Check(value: unknown): boolean; Errors(value: unknown): Iterable<{ keyword: string; schemaPath: string; instancePath: string; params: unknown; message: string }> };
let compiled: Checker | undefined;

/** Storage provider names accepted in `artifacts.storage_provider` / `ARTIFACT_STORAGE_PROVIDER`. */
export const STORAGE_PROVIDER_NAMES = ["memory", "filesystem", "vfs-filesystem", "fs", "redis", "s3", "vfs-s3"] as const;

type Path = (string | number)[];

/** Whether an entry describes local modules (no command, no URL). */
export function isLocalServer(entry: McpServerEntry): boolean {
  return entry.command === undefined && entry.url === undefined && entry.type === undefined && (entry.location !== undefined || entry.tools?.module !== undefined);
}

/** Validates the parsed file; throws {@link ConfigError} listing every problem. */
export function validateConfig(source: YamlSource): RuntimeConfig {
  const issues: ConfigIssue[] = [];
  const report = (path: Path, message: string): void => {
    const at = source.locate(path);
    issues.push({ file: source.file, line: at?.line, column: at?.column, path: path.join("."), message });
  };
  const value = source.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    report([], "the file must hold a mapping of sections (server:, mcp_servers:, ...)");
    throw new ConfigError("config_invalid", issues);
  }
  compiled ??= Compile(RuntimeConfigSchema) as unknown as Checker;
  if (!compiled.Check(value)) {
    const errors = [...compiled.Errors(value)];
    for (const error of errors) {
      if (error.keyword === "boolean") continue; // repeated by the additionalProperties entry
      if (error.schemaPath.includes("/anyOf/")) continue; // summarised by the anyOf entry
      const path = pathOf(error.instancePath);
      if (error.keyword === "additionalProperties") {
        for (const key of (error.params as { additionalProperties?: string[] }).additionalProperties ?? []) {
          report([...path, key], `unknown key "${key}"${suggest(key, allowedKeys(path))}`);
        }
      } else if (error.keyword === "anyOf") {
        const choices = errors
          .filter((other) => other.instancePath === error.instancePath && other.keyword === "const")
          .map((other) => JSON.stringify((other.params as { allowedValue?: unknown }).allowedValue));
        report(path, `must be one of ${choices.join(", ")}, got ${JSON.stringify(valueAt(value, path))}`);
      } else if (error.keyword === "type") {
        report(path, `must be ${article((error.params as { type?: string }).type ?? "value")}, got ${JSON.stringify(valueAt(value, path))}`);
      } else {
        report(path, `${error.message}, got ${JSON.stringify(valueAt(value, path))}`);
      }
    }
    throw new ConfigError("config_invalid", dedupe(issues));
  }
  const config = value as RuntimeConfig;
  checkServers(config, report);
  checkToolNames(config.session_tools?.tools, ["session_tools", "tools"], SESSION_TOOL_NAMES, report);
  checkToolNames(config.artifacts?.tools, ["artifacts", "tools"], ARTIFACT_TOOL_NAMES, report);
  const provider = config.artifacts?.storage_provider;
  if (provider !== undefined && !(STORAGE_PROVIDER_NAMES as readonly string[]).includes(provider.toLowerCase())) {
    report(["artifacts", "storage_provider"], `unknown storage provider "${provider}"; use memory, filesystem, redis or s3 (${unsupportedHint(provider)})`);
  }
  if (issues.length > 0) throw new ConfigError("config_invalid", issues);
  return config;
}

function unsupportedHint(provider: string): string {
  if (provider === "ibm_cos") return "IBM COS works through its S3-compatible endpoint: storage_provider s3 with S3_ENDPOINT_URL and HMAC keys";
  if (provider.startsWith("vfs-")) return "vfs-filesystem and vfs-s3 map to filesystem and s3";
  return "s3 covers AWS, MinIO, Tigris and IBM COS (HMAC)";
}

function checkServers(config: RuntimeConfig, report: (path: Path, message: string) => void): void {
  for (const [name, entry] of Object.entries(config.mcp_servers ?? {})) {
    const at = ["mcp_servers", name];
    if (isLocalServer(entry)) {
      if (entry.tools?.enabled !== false && entry.tools?.module === undefined) {
        report([...at, "tools"], 'a local server needs tools.module (e.g. "my_tools.tools", or a path to a .ts/.js file)');
      }
      continue;
    }
    const type = entry.type ?? (entry.url !== undefined ? undefined : "stdio");
    if (entry.command === undefined && entry.url === undefined) {
      report(at, type === "stdio" ? 'missing command: a stdio server needs command (and args), e.g. command: "node"' : "missing url: an sse or streamable-http server needs url");
      continue;
    }
    if (type === "stdio" && entry.command === undefined) report(at, 'missing command: type stdio needs command (and args), e.g. command: "node"');
    if ((type === "sse" || type === "streamable-http" || type === "http") && entry.url === undefined) report(at, `missing url: type ${type} needs url`);
    if (entry.url !== undefined && !URL.canParse(entry.url)) report([...at, "url"], `"${entry.url}" is not an absolute URL (http://host:port/path)`);
    if (!SERVER_NAME_PATTERN.test(name)) {
      report(at, `server name "${name}" cannot be used for a proxied server: it must match ${String(SERVER_NAME_PATTERN)} (letters, digits, "-"; it becomes part of tool names)`);
    }
  }
}

function checkToolNames(
  tools: Record<string, { enabled?: boolean }> | undefined,
  at: Path,
  known: readonly string[],
  report: (path: Path, message: string) => void,
): void {
  for (const name of Object.keys(tools ?? {})) {
    if (!known.includes(name)) report([...at, name], `unknown tool "${name}"${suggest(name, known)}; choose from ${known.join(", ")}`);
  }
}

function pathOf(pointer: string): Path {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Property names the schema allows at `path`. */
function allowedKeys(path: Path): string[] {
  let schema: Record<string, unknown> | undefined = RuntimeConfigSchema as unknown as Record<string, unknown>;
  for (const segment of path) {
    if (schema === undefined) return [];
    const properties = schema["properties"] as Record<string, Record<string, unknown>> | undefined;
    const patterns = schema["patternProperties"] as Record<string, Record<string, unknown>> | undefined;
    schema = properties?.[String(segment)] ?? (patterns === undefined ? undefined : Object.values(patterns)[0]);
  }
  const properties = schema?.["properties"] as Record<string, unknown> | undefined;
  return properties === undefined ? [] : Object.keys(properties).filter((key) => key !== "$schema");
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  return node;
}

function suggest(key: string, allowed: readonly string[]): string {
  const close = allowed.find((candidate) => distance(candidate, key) <= 2);
  if (close !== undefined) return ` (did you mean "${close}"?)`;
  return allowed.length > 0 && allowed.length <= 12 ? ` (allowed: ${allowed.join(", ")})` : "";
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
