/**
 * Schema compilation: TypeBox types or plain JSON Schema objects, compiled once at
 * registration. The hot path calls `check`; error details are only computed on failure.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool
 */
import { Compile } from "typebox/compile";
import type { Static, TSchema } from "typebox";
import { McpError } from "./errors.js";

/** A plain JSON Schema object (e.g. draft 2020-12 with `$schema`, `$defs`). */
export type JsonSchemaObject = Record<string, unknown>;

/** Anything accepted where a schema is expected. */
export type SchemaInput = TSchema | JsonSchemaObject;

/** The static type of a schema: TypeBox types infer, plain JSON Schema gives a record. */
export type InferSchema<S> = S extends { "~kind": string } ? Static<S> : Record<string, unknown>;

/** A compiled validator plus the JSON form that goes on the wire. */
export interface CompiledSchema {
  /** The schema as sent in tools/list, unchanged for plain JSON Schema. */
  readonly json: JsonSchemaObject;
  check(value: unknown): boolean;
  /** Human-readable problems, each naming the field (`/a/b`) it is about. */
  explain(value: unknown): string[];
}

function describeField(instancePath: string, params: unknown): string {
  const missing = (params as { requiredProperties?: unknown }).requiredProperties;
  if (Array.isArray(missing) && missing.length > 0) {
    const base = instancePath === "" ? "" : `${instancePath.slice(1).replaceAll("/", ".")}.`;
    return missing.map((name) => `${base}${String(name)}`).join(", ");
  }
  const extra = (params as { additionalProperties?: unknown }).additionalProperties;
  if (Array.isArray(extra) && extra.length > 0) {
    const base = instancePath === "" ? "" : `${instancePath.slice(1).replaceAll("/", ".")}.`;
    return extra.map((name) => `${base}${String(name)}`).join(", ");
  }
  return instancePath === "" ? "(root)" : instancePath.slice(1).replaceAll("/", ".");
}

/**
 * Compiles a schema once. Throws `McpError("invalid_definition")` when the schema cannot be
 * compiled, naming `where` it came from.
 */
export function compileSchema(schema: SchemaInput, where: string): CompiledSchema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    throw new McpError("invalid_definition", `${where}: the schema must be a JSON Schema object or a TypeBox type`);
  }
  const json = JSON.parse(JSON.stringify(schema)) as JsonSchemaObject;
  let validator: ReturnType<typeof Compile>;
  try {
    validator = Compile(schema as TSchema);
  } catch (error) {
    throw new McpError("invalid_definition", `${where}: the schema does not compile: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    json,
    check: (value) => validator.Check(value),
    explain(value) {
      const seen = new Set<string>();
      for (const error of validator.Errors(value)) {
        if (error.keyword === "boolean" && error.instancePath !== "") {
          seen.add(`${describeField(error.instancePath, {})}: unexpected property`);
          continue;
        }
        seen.add(`${describeField(error.instancePath, error.params)}: ${error.message}`);
      }
      if (seen.size === 0) seen.add("(root): value does not match the schema");
      return [...seen];
    },
  };
}

/** Input schemas must describe objects (the spec requires `type: "object"`). */
export function compileObjectSchema(schema: SchemaInput, where: string): CompiledSchema {
  const compiled = compileSchema(schema, where);
  if (compiled.json.type !== "object") {
    throw new McpError(
      "invalid_definition",
      `${where}: the schema must have type "object" (tool arguments and structured content are objects)`,
    );
  }
  return compiled;
}
