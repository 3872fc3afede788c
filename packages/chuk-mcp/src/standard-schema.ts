/**
 * Standard Schema validators (zod 4, valibot, arktype...) as tool `input`/`output`, next to
 * TypeBox and plain JSON Schema. The listing needs JSON Schema: it comes from the validator's
 * Standard JSON Schema interface (`~standard.jsonSchema`, which zod 4 implements) or from an
 * explicit `inputJsonSchema` / `outputJsonSchema` (valibot: `@valibot/to-json-schema`). Core
 * checks arguments against that JSON Schema; then the validator itself runs, so refinements
 * and transforms apply and the handler receives its output type.
 * @see https://standardschema.dev
 */
import { McpError, type RequestContext, type SchemaInput, type ToolDefinition, type ToolHandlerReturn } from "@chuk-mcp/core";

type Issue = { readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> };
type ValidationResult<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<Issue> };

/** The Standard Schema v1 interface (the part chuk-mcp reads). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => ValidationResult<Output> | Promise<ValidationResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
    readonly jsonSchema?: {
      readonly input: (options: { readonly target: string }) => Record<string, unknown>;
      readonly output: (options: { readonly target: string }) => Record<string, unknown>;
    };
  };
}

/** The type a Standard Schema validator produces. */
export type InferStandardOutput<S extends StandardSchemaV1> = NonNullable<S["~standard"]["types"]>["output"];

/** A tool whose `input` (and optionally `output`) is a Standard Schema validator. */
export interface StandardToolDefinition<Input extends StandardSchemaV1, Output extends StandardSchemaV1 | SchemaInput = SchemaInput>
  extends Omit<ToolDefinition, "input" | "output" | "handler"> {
  input: Input;
  /** JSON Schema for `tools/list` when the validator cannot emit one (valibot: `@valibot/to-json-schema`). */
  inputJsonSchema?: Record<string, unknown>;
  output?: Output;
  outputJsonSchema?: Record<string, unknown>;
  handler: (
    args: InferStandardOutput<Input>,
    ctx: RequestContext,
  ) => ToolHandlerReturn<Output extends StandardSchemaV1 ? InferStandardOutput<Output> : Record<string, unknown>> | Promise<ToolHandlerReturn<Output extends StandardSchemaV1 ? InferStandardOutput<Output> : Record<string, unknown>>>;
}

/** True for a Standard Schema v1 validator. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const standard = (value as { "~standard"?: { version?: unknown; validate?: unknown } } | null | undefined)?.["~standard"];
  return typeof standard === "object" && standard !== null && standard.version === 1 && typeof standard.validate === "function";
}

function jsonSchemaOf(schema: StandardSchemaV1, direction: "input" | "output", explicit: Record<string, unknown> | undefined, where: string): Record<string, unknown> {
  if (explicit !== undefined) return explicit;
  const convert = schema["~standard"].jsonSchema?.[direction];
  if (convert === undefined) {
    throw new McpError(
      "invalid_definition",
      `${where}: the ${schema["~standard"].vendor} ${direction} schema cannot emit JSON Schema for tools/list; pass ${direction}JsonSchema (for valibot: toJsonSchema() from @valibot/to-json-schema)`,
    );
  }
  try {
    return convert({ target: "draft-2020-12" });
  } catch (error) {
    throw new McpError("invalid_definition", `${where}: could not convert the ${direction} schema to JSON Schema: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function describeIssues(issues: ReadonlyArray<Issue>): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((part) => String(typeof part === "object" ? part.key : part)).join(".");
      return path === "" ? issue.message : `${path}: ${issue.message}`;
    })
    .join("; ");
}

/** Turns a Standard Schema tool into a core tool: JSON Schema for the listing, the validator before the handler. */
export function toCoreToolDefinition(definition: StandardToolDefinition<StandardSchemaV1, StandardSchemaV1 | SchemaInput>): ToolDefinition {
  const where = `tool "${String(definition.name)}"`;
  const { input, inputJsonSchema, output, outputJsonSchema, handler, ...rest } = definition;
  const inputIsStandard = isStandardSchema(input);
  const inputJson = inputIsStandard ? jsonSchemaOf(input, "input", inputJsonSchema, where) : (input as SchemaInput | undefined);
  const outputJson = output === undefined ? undefined : isStandardSchema(output) ? jsonSchemaOf(output, "output", outputJsonSchema, where) : output;
  return {
    ...rest,
    ...(inputJson === undefined ? {} : { input: inputJson }),
    ...(outputJson === undefined ? {} : { output: outputJson }),
    handler: !inputIsStandard
      ? handler
      : async (args: unknown, ctx: RequestContext) => {
          const result = await input["~standard"].validate(args);
          if (result.issues !== undefined) throw new Error(`Invalid arguments for ${where}: ${describeIssues(result.issues)}`);
          return handler(result.value as never, ctx) as never;
        },
  } as ToolDefinition;
}
