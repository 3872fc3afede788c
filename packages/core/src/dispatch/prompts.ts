/**
 * prompts/get and completion/complete.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/prompts
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion
 */
import { describeError, ErrorCode, ProtocolError } from "../errors.js";
import { normalizePromptResult } from "../results.js";
import type { CompleteCallback } from "../types.js";
import { createContext, readAnswers, runHandler, settleProtocolRun } from "./run.js";
import { envelopeResult, type Outcome, type RequestScope } from "./scope.js";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** prompts/get. */
export async function getPrompt(scope: RequestScope): Promise<Outcome | undefined> {
  const { params, server } = scope;
  const name = params.name;
  if (typeof name !== "string" || name === "") {
    throw new ProtocolError(ErrorCode.InvalidParams, 'Invalid params: prompts/get needs "name" (string), the prompt to get');
  }
  const entry = server.prompts.get(name);
  if (entry === undefined || !entry.enabled) {
    throw new ProtocolError(ErrorCode.InvalidParams, `Unknown prompt: "${name}"; call prompts/list to see the available prompts`, { name });
  }
  const raw = params.arguments ?? {};
  if (!isPlainObject(raw)) {
    throw new ProtocolError(ErrorCode.InvalidParams, `Invalid params: prompt "${name}" arguments must be an object of strings`);
  }
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string") {
      throw new ProtocolError(ErrorCode.InvalidParams, `Invalid params: prompt "${name}" argument "${key}" must be a string`);
    }
    args[key] = value;
  }
  for (const argument of entry.definition.arguments ?? []) {
    if (argument.required === true && args[argument.name] === undefined) {
      throw new ProtocolError(ErrorCode.InvalidParams, `Invalid params: prompt "${name}" needs argument "${argument.name}"`);
    }
  }
  const found = readAnswers(scope, name);
  const answers = found instanceof Promise ? await found : found;
  const ctx = createContext(scope, answers);
  const ending = await runHandler(scope, ctx, name, server.toolTimeoutMs, (input, context) => entry.definition.get(input, context), args);
  const settled = settleProtocolRun(ending, `prompt "${name}"`);
  if (settled.kind === "done") return settled.outcome;
  try {
    const result = normalizePromptResult(settled.value, entry.definition.description);
    return { result: envelopeResult(scope, { ...result }, "none") };
  } catch (error) {
    throw new ProtocolError(ErrorCode.InternalError, `Internal error: prompt "${name}": ${describeError(error)}`, undefined, { cause: error });
  }
}

const MAX_COMPLETIONS = 100;

/** completion/complete for prompt arguments (`ref/prompt`) and template variables (`ref/resource`). */
export async function complete(scope: RequestScope): Promise<Outcome> {
  const { params, server } = scope;
  const ref = params.ref;
  const argument = params.argument;
  if (!isPlainObject(ref) || typeof ref.type !== "string") {
    throw new ProtocolError(ErrorCode.InvalidParams, 'Invalid params: completion/complete needs "ref" ({ type: "ref/prompt", name } or { type: "ref/resource", uri })');
  }
  if (!isPlainObject(argument) || typeof argument.name !== "string" || typeof argument.value !== "string") {
    throw new ProtocolError(ErrorCode.InvalidParams, 'Invalid params: completion/complete needs "argument" ({ name: string, value: string })');
  }
  const context = isPlainObject(params.context) && isPlainObject(params.context.arguments) ? params.context.arguments : {};
  const contextArguments: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) if (typeof value === "string") contextArguments[key] = value;

  let completer: CompleteCallback | undefined;
  if (ref.type === "ref/prompt") {
    const entry = typeof ref.name === "string" ? server.prompts.get(ref.name) : undefined;
    if (entry === undefined || !entry.enabled) {
      throw new ProtocolError(ErrorCode.InvalidParams, `Unknown prompt: "${String(ref.name)}"; call prompts/list to see the available prompts`);
    }
    completer = entry.definition.complete?.[argument.name];
  } else if (ref.type === "ref/resource") {
    const entry = server.templates.enabled().find((item) => item.listing.uriTemplate === ref.uri);
    if (entry === undefined) {
      throw new ProtocolError(ErrorCode.InvalidParams, `Unknown resource template: "${String(ref.uri)}"; call resources/templates/list to see them`);
    }
    completer = entry.definition.complete?.[argument.name];
  } else {
    throw new ProtocolError(ErrorCode.InvalidParams, `Invalid params: ref.type must be "ref/prompt" or "ref/resource", got "${ref.type}"`);
  }
  let values: string[] = [];
  if (completer !== undefined) {
    try {
      const found = await completer(argument.value, { arguments: contextArguments });
      values = Array.isArray(found) ? found.filter((item): item is string => typeof item === "string") : [];
    } catch (error) {
      throw new ProtocolError(ErrorCode.InternalError, `Internal error: completing "${argument.name}" failed: ${describeError(error)}`, undefined, {
        cause: error,
      });
    }
  }
  const completion = {
    values: values.slice(0, MAX_COMPLETIONS),
    total: values.length,
    hasMore: values.length > MAX_COMPLETIONS,
  };
  return { result: envelopeResult(scope, { completion }, "none") };
}
