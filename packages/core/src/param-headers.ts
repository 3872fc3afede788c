/**
 * SEP-2243 custom headers: a tool input property annotated `"x-mcp-header": "Region"` is
 * mirrored by HTTP clients into an `Mcp-Param-Region` header, so intermediaries can route on it
 * without reading the body. The server must check the header against the argument it is about
 * to act on and reject a disagreement (400 + -32020 HeaderMismatch over HTTP).
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#server-behavior-for-custom-headers
 */
import { ErrorCode, McpError, ProtocolError } from "./errors.js";
import { decodeHeaderValue } from "./header-value.js";

/** One `x-mcp-header` annotation of a tool's input schema. */
export interface ParamHeader {
  /** The annotation value, e.g. `Region` (the header is `Mcp-Param-Region`). */
  readonly name: string;
  /** The lower-case header key, e.g. `mcp-param-region`. */
  readonly key: string;
  /** Property names from the root `properties` down to the annotated property. */
  readonly path: readonly string[];
}

const ANNOTATION = "x-mcp-header";
/** RFC 9110 §5.1 token: no spaces, delimiters, control or non-ASCII characters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE_TYPES = new Set(["string", "integer", "number", "boolean"]);
/** Keywords holding subschemas other than `properties`: an annotation under them is unreachable. */
const SUBSCHEMA_KEYWORDS = [
  "items", "prefixItems", "contains", "additionalProperties", "patternProperties", "propertyNames",
  "unevaluatedProperties", "unevaluatedItems", "dependentSchemas", "allOf", "anyOf", "oneOf", "not",
  "if", "then", "else", "$defs", "definitions",
];
const NUMBER_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function primitiveType(schema: Record<string, unknown>): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return PRIMITIVE_TYPES.has(type) ? type : undefined;
  if (!Array.isArray(type)) return undefined;
  const named = type.filter((entry) => entry !== "null");
  return named.length === 1 && PRIMITIVE_TYPES.has(named[0] as string) ? (named[0] as string) : undefined;
}

/**
 * Finds the `x-mcp-header` annotations of an input schema. Throws `McpError("invalid_definition")`
 * for an annotation clients would reject: empty or non-token name, duplicate (case-insensitive),
 * on a non-primitive property, or not reachable through `properties` alone.
 */
export function collectParamHeaders(schema: Record<string, unknown>, where: string): ParamHeader[] {
  const found: ParamHeader[] = [];
  const ancestors = new Set<unknown>();
  const invalid = (path: readonly string[], problem: string): McpError =>
    new McpError("invalid_definition", `${where}: "${ANNOTATION}" on ${path.length === 0 ? "the schema root" : `"${path.join(".")}"`} ${problem}`);

  const walk = (node: unknown, path: readonly string[], reachable: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, path, false);
      return;
    }
    if (!isRecord(node) || ancestors.has(node)) return;
    ancestors.add(node);
    if (ANNOTATION in node) {
      const name = node[ANNOTATION];
      if (!reachable || path.length === 0) {
        throw invalid(path, "is not reachable through \"properties\" alone (not under items, allOf/anyOf/oneOf, if/then/else or $defs); move it to a plain property");
      }
      if (typeof name !== "string" || !TOKEN.test(name)) {
        throw invalid(path, "must be a non-empty HTTP token (ASCII letters, digits and !#$%&'*+-.^_`|~; no spaces or colons)");
      }
      if (primitiveType(node) === undefined) {
        throw invalid(path, 'must be on a property of type "string", "integer", "number" or "boolean"');
      }
      const key = `mcp-param-${name.toLowerCase()}`;
      if (found.some((other) => other.key === key)) {
        throw invalid(path, `repeats the header name "${name}" (names are compared case-insensitively); give each property its own`);
      }
      found.push({ name, key, path });
    }
    if (isRecord(node.properties)) {
      for (const [property, child] of Object.entries(node.properties)) walk(child, [...path, property], reachable);
    }
    for (const keyword of SUBSCHEMA_KEYWORDS) {
      const child = node[keyword];
      if (child === undefined) continue;
      if (keyword === "patternProperties" || keyword === "dependentSchemas" || keyword === "$defs" || keyword === "definitions") {
        if (isRecord(child)) for (const value of Object.values(child)) walk(value, path, false);
      } else {
        walk(child, path, false);
      }
    }
    ancestors.delete(node);
  };
  walk(schema, [], true);
  return found;
}

function argumentAt(args: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = args;
  for (const property of path) {
    if (!isRecord(value) || !Object.hasOwn(value, property)) return undefined;
    value = value[property];
  }
  return value;
}

function agrees(decoded: string, value: string | number | boolean): boolean {
  if (typeof value === "string") return decoded === value;
  if (typeof value === "boolean") return decoded === String(value);
  return NUMBER_LITERAL.test(decoded) && Number(decoded) === value;
}

function mismatch(header: ParamHeader, message: string): ProtocolError {
  return new ProtocolError(ErrorCode.HeaderMismatch, `Header mismatch: ${message}`, {
    header: `Mcp-Param-${header.name}`,
    argument: header.path.join("."),
  });
}

/**
 * Checks each annotated argument against its `Mcp-Param-*` header (`headers` has lower-case
 * names). Returns the -32020 error to answer with, or undefined when they all agree.
 */
export function checkParamHeaders(
  params: readonly ParamHeader[],
  args: Record<string, unknown>,
  headers: Record<string, string | string[] | undefined>,
): ProtocolError | undefined {
  for (const param of params) {
    const header = `Mcp-Param-${param.name}`;
    const argument = `arguments.${param.path.join(".")}`;
    const value = argumentAt(args, param.path);
    let raw = headers[param.key];
    if (Array.isArray(raw)) {
      if (raw.length !== 1) return mismatch(param, `${header} was sent ${raw.length} times; send it once`);
      raw = raw[0];
    }
    if (value === undefined || value === null) {
      if (raw === undefined) continue;
      return mismatch(param, `${header} was sent but ${argument} is absent; omit the header when the argument is null or not given`);
    }
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
    if (raw === undefined) {
      return mismatch(param, `${argument} is set but the ${header} header is missing; mirror the argument into the header (tool property annotated "${ANNOTATION}")`);
    }
    const decoded = decodeHeaderValue(raw);
    if (decoded === undefined) {
      return mismatch(param, `${header} is not valid "=?base64?…?=" (standard Base64 with padding, of UTF-8 text); fix the encoding`);
    }
    if (!agrees(decoded, value)) {
      return mismatch(param, `${header} (${JSON.stringify(decoded)}) does not match ${argument} (${JSON.stringify(value)}); send the same value in both`);
    }
  }
  return undefined;
}
