/**
 * Parses the configuration text with the `yaml` package, keeping a way back from a key path
 * to its line and column, and expands `${VAR}` / `${VAR:-default}` in string values.
 *
 * A top-level key written twice (the original's combined example has two `mcp_servers:`
 * blocks; PyYAML silently keeps the last) is merged instead: mappings are combined, later
 * entries win, and a warning names both lines.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { ConfigError, type ConfigIssue } from "./config-error.js";
import { isPlainObject } from "@chuk-mcp/core";

/** A parsed file: its plain value and a locator for key paths. */
export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line and column of the node at `path` (or of its nearest existing parent). */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
  /** Non-fatal remarks (merged duplicate keys). */
  readonly warnings: readonly string[];
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Parses `text` (from `file`) and expands environment references. */
export function parseYamlSource(text: string, file: string, env: Record<string, string | undefined>): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const position = (offset: number | undefined): { line: number; column: number } | undefined => {
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (document.errors.length > 0) {
    throw new ConfigError(
      "config_syntax",
      document.errors.map((error) => {
        const at = position(error.pos[0]);
        return { file, line: at?.line, column: at?.column, path: "", message: `not valid YAML: ${error.message.split("\n")[0]}` };
      }),
    );
  }
  const locateNode = (path: readonly (string | number)[]): Node | undefined => findNode(document, path);
  const locate = (path: readonly (string | number)[]): { line: number; column: number } | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node = locateNode(path.slice(0, length));
      if (node?.range) return position(node.range[0]);
    }
    return undefined;
  };
  const warnings: string[] = [];
  const raw = mergedValue(document, warnings, (node) => position(node.range?.[0])?.line, file);
  const issues: ConfigIssue[] = [];
  const value = expand(raw, env, [], (path, message) => {
    const at = locate(path);
    issues.push({ file, line: at?.line, column: at?.column, path: path.join("."), message });
  });
  if (issues.length > 0) throw new ConfigError("config_invalid", issues);
  return { file, value: value ?? {}, locate, warnings };
}

function keyOf(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/** The key node at `path` (the value for the empty path); with repeated keys, the last occurrence that has the whole path. */
function findNode(document: Document, path: readonly (string | number)[]): Node | undefined {
  let candidates: unknown[] = [document.contents];
  let last: unknown;
  for (const segment of path) {
    const next: unknown[] = [];
    const pairs: unknown[] = [];
    for (const node of candidates) {
      if (isMap(node)) {
        for (const item of node.items) {
          if (isPair(item) && String(keyOf(item.key)) === String(segment)) {
            next.unshift(item.value);
            pairs.unshift(item.key);
          }
        }
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item !== undefined) {
          next.push(item);
          pairs.push(item);
        }
      }
    }
    if (next.length === 0) return undefined;
    candidates = next;
    last = pairs[0];
  }
  const found = path.length === 0 ? candidates[0] : last;
  return found !== null && typeof found === "object" && "range" in (found as object) ? (found as Node) : undefined;
}

function mergedValue(document: Document, warnings: string[], lineOf: (node: Node) => number | undefined, file: string): unknown {
  const contents = document.contents;
  if (!isMap(contents)) return document.toJS();
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const firstLine = new Map<string, number | undefined>();
  for (const item of contents.items) {
    if (!isPair(item)) continue;
    const key = String(keyOf(item.key));
    const value = item.value === null ? null : (item.value as Node).toJSON();
    const line = item.key !== null && typeof item.key === "object" ? lineOf(item.key as Node) : undefined;
    if (!(key in result)) {
      result[key] = value;
      firstLine.set(key, line);
      continue;
    }
    const previous = result[key];
    warnings.push(`${file}:${line ?? "?"}: "${key}" appears again (first at line ${firstLine.get(key) ?? "?"}); the two blocks are merged, later keys win`);
    result[key] = isPlainObject(previous) && isPlainObject(value) ? { ...previous, ...value } : value;
  }
  return { ...result };
}

function expand(
  value: unknown,
  env: Record<string, string | undefined>,
  path: (string | number)[],
  fail: (path: (string | number)[], message: string) => void,
): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (match, name: string, fallback: string | undefined) => {
      const found = env[name] === undefined || env[name] === "" ? fallback : env[name];
      if (found === undefined) {
        fail(path, `environment variable ${name} is not set; export it or write \${${name}:-default}`);
        return match;
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => expand(item, env, [...path, index], fail));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = expand(item, env, [...path, key], fail);
    return out;
  }
  return value;
}
