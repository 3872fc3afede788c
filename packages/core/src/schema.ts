/**
 * Schema compilation: TypeBox types or plain JSON Schema objects. The shape is checked at
 * registration; the validator is compiled on first use (once), so a server with many tools
 * starts fast. The hot path calls `check`; error details are only computed on failure.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool
 */
import type { Static, TSchema } from "typebox";
import type { Compile } from "typebox/compile";
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
  /** True once `check`/`explain` can run synchronously (the validator is compiled). */
  readonly ready: boolean;
  /** Loads the compiler (once per process) and compiles; rejects with `invalid_definition`. */
  prepare(): Promise<void>;
  /** Throws `McpError("schema_not_ready")` before `prepare()` resolved. */
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

type CompileFn = typeof Compile;
let compileFn: CompileFn | undefined;
let compilerLoading: Promise<CompileFn> | undefined;

/**
 * Loads TypeBox's compiler (a large module graph) on first need rather than at startup; the
 * engine awaits it before the first tools/call. Resolves at once after the first load.
 */
export function loadSchemaCompiler(): Promise<void> {
  compilerLoading ??= import("typebox/compile").then((module) => (compileFn = module.Compile));
  return compilerLoading.then(() => undefined);
}

/**
 * Prepares a schema: its shape is checked now (`McpError("invalid_definition")` for a
 * non-object), its validator is compiled by `prepare()` (or the first `check`/`explain` once the
 * compiler is loaded); a schema that cannot be compiled fails there with `invalid_definition`,
 * naming `where` it came from.
 */
export function compileSchema(schema: SchemaInput, where: string): CompiledSchema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    throw new McpError("invalid_definition", `${where}: the schema must be a JSON Schema object or a TypeBox type`);
  }
  const json = JSON.parse(JSON.stringify(schema)) as JsonSchemaObject;
  let compiled: ReturnType<CompileFn> | undefined;
  const validator = (): ReturnType<CompileFn> => {
    if (compiled !== undefined) return compiled;
    if (compileFn === undefined) {
      throw new McpError("schema_not_ready", `${where}: the schema compiler is not loaded yet; await schema.prepare() before check()`);
    }
    try {
      compiled = compileFn(schema as TSchema);
    } catch (error) {
      throw new McpError("invalid_definition", `${where}: the schema does not compile: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return compiled;
  };
  return {
    json,
    get ready() {
      return compiled !== undefined;
    },
    prepare: () =>
      loadSchemaCompiler().then(() => {
        validator();
      }),
    check: (value) => (compiled ?? validator()).Check(value),
    explain(value) {
      const seen = new Set<string>();
      for (const error of validator().Errors(value)) {
        if (error.keyword === "boolean" && error.instancePath !== "") {
          seen.add(`${describeField(error.instancePath, {})}: unexpected property`);
          continue;
        }
        // TypeBox's text repeats the names ("must have required properties b"); say it once.
        const message = error.keyword === "required" ? "is required" : error.message;
        seen.add(`${describeField(error.instancePath, error.params)}: ${message}`);
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
