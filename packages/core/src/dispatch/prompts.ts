/**
 * prompts/get and completion/complete.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/prompts
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion
 */
import { describeError, ErrorCode, ProtocolError } from "../errors.js";
import { normalizePromptResult } from "../results.js";
import type { RequestContext } from "../context.js";
import type { PromptEntry } from "../registry/entries.js";
import { ownValue, recordWithoutPrototype } from "../own-keys.js";
import type { CompleteCallback } from "../types.js";
import { afterRun, createContext, readAnswers, runHandler, settleProtocolRun, type RunResult } from "./run.js";
import { envelopedOutcome, envelopeResult, type Outcome, type RequestScope } from "./scope.js";
import { isPlainObject } from "../is-plain-object.js";

/** prompts/get. Not `async`: a synchronous prompt answers without a promise. */
export function getPrompt(scope: RequestScope): Outcome | undefined | PromiseLike<Outcome | undefined> {
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
  const args = recordWithoutPrototype<string>();
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
  const call: PromptCall = { entry, args };
  if (found instanceof Promise) return found.then((answers) => startPrompt(scope, call, answers));
  return startPrompt(scope, call, found);
}

/** A prompts/get being served: the prompt and its checked arguments. */
interface PromptCall {
  entry: PromptEntry;
  args: Record<string, string>;
}

function startPrompt(scope: RequestScope, call: PromptCall, answers: Record<string, unknown> | undefined) {
  const ctx = createContext(scope, answers);
  return afterRun(scope, runHandler(scope, ctx, call.entry.key, scope.server.toolTimeoutMs, callPrompt, call), call, endPrompt);
}

function callPrompt(call: PromptCall, ctx: RequestContext): unknown {
  return call.entry.definition.get(call.args, ctx);
}

function endPrompt(scope: RequestScope, call: PromptCall, ending: RunResult<unknown>): Outcome | undefined {
  const name = call.entry.key;
  const settled = settleProtocolRun(ending, `prompt "${name}"`);
  if (settled.kind === "done") return settled.outcome;
  try {
    const result = normalizePromptResult(settled.value, call.entry.definition.description);
    return envelopedOutcome(scope, { ...result }, "none");
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
  const contextArguments = recordWithoutPrototype<string>();
  for (const [key, value] of Object.entries(context)) if (typeof value === "string") contextArguments[key] = value;

  let completer: CompleteCallback | undefined;
  if (ref.type === "ref/prompt") {
    const entry = typeof ref.name === "string" ? server.prompts.get(ref.name) : undefined;
    if (entry === undefined || !entry.enabled) {
      throw new ProtocolError(ErrorCode.InvalidParams, `Unknown prompt: "${String(ref.name)}"; call prompts/list to see the available prompts`);
    }
    completer = ownValue(entry.definition.complete, argument.name);
  } else if (ref.type === "ref/resource") {
    const entry = server.templates.enabled().find((item) => item.listing.uriTemplate === ref.uri);
    if (entry === undefined) {
      throw new ProtocolError(ErrorCode.InvalidParams, `Unknown resource template: "${String(ref.uri)}"; call resources/templates/list to see them`);
    }
    completer = ownValue(entry.definition.complete, argument.name);
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
