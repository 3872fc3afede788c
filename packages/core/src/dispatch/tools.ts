/**
 * tools/call: check the caller may use the tool (auth scopes, SEP-2243 `Mcp-Param-*` headers,
 * tasks extension), validate arguments against the compiled input schema, then run the handler
 * with a timeout (or start it as a task) and turn whatever happens into a tool result.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#calling-tools
 */
import type { RequestContext } from "../context.js";
import { describeError, ErrorCode, ProtocolError } from "../errors.js";
import { checkParamHeaders } from "../param-headers.js";
import type { ToolEntry } from "../registry/entries.js";
import { normalizeToolResult, toolError } from "../results.js";
import type { ToolResult } from "../types.js";
import { startTask, TaskEscalation } from "../tasks/task-run.js";
import { insufficientScopeError, isToolVisible } from "../tool-auth.js";
import { ProtocolEras } from "../versions.js";
import { afterRun, createContext, readAnswers, runHandler, type RunResult } from "./run.js";
import { hasAnyKey } from "./era.js";
import { envelopeResult, textToolOutcome, type Outcome, type RequestScope } from "./scope.js";
import { declaresTasks, tasksCapabilityError } from "./tasks.js";
import { isPlainObject } from "../is-plain-object.js";

/**
 * Whether this call runs as a task: the tool supports tasks and the 2026 caller declared the
 * extension. A tool that requires tasks refuses other 2026 callers with -32021; the 2025 era
 * always runs tools synchronously.
 */
function taskSupportOf(scope: RequestScope, entry: ToolEntry): boolean {
  const support = entry.definition.taskSupport;
  if (support === undefined || scope.envelope.era !== ProtocolEras.Stateless) return false;
  if (declaresTasks(scope.envelope.clientCapabilities)) return true;
  if (support === "required") throw tasksCapabilityError(`tool "${entry.key}"`);
  return false;
}

/**
 * Handles tools/call. Resolves undefined when the request was cancelled (no response is sent).
 * Not `async`: a call whose handler is synchronous answers without any promise, and a call
 * that has to wait adds one promise per step that waits.
 */
export function callTool(scope: RequestScope): Outcome | undefined | PromiseLike<Outcome | undefined> {
  const { params, server } = scope;
  const name = params.name;
  if (typeof name !== "string" || name === "") {
    throw new ProtocolError(ErrorCode.InvalidParams, 'Invalid params: tools/call needs "name" (string), the tool to call');
  }
  const entry = server.tools.get(name);
  if (entry === undefined || !entry.enabled) {
    throw new ProtocolError(ErrorCode.InvalidParams, `Unknown tool: "${name}"; call tools/list to see the available tools`, { name });
  }
  if (entry.auth !== undefined && !isToolVisible(entry.auth, scope.options.auth)) {
    throw insufficientScopeError(name, entry.auth, scope.options.auth);
  }
  const args = params.arguments ?? {};
  if (!isPlainObject(args)) {
    return finish(scope, toolError(`Invalid arguments for tool "${name}": "arguments" must be an object`));
  }
  if (entry.paramHeaders.length > 0 && scope.envelope.era === ProtocolEras.Stateless) {
    const headers = scope.options.headers;
    if (headers !== undefined && hasAnyKey(headers)) {
      const rejected = checkParamHeaders(entry.paramHeaders, args, headers);
      if (rejected !== undefined) throw rejected;
    }
  }
  const tasks = taskSupportOf(scope, entry);
  if (!entry.input.ready || (entry.output !== undefined && !entry.output.ready)) {
    return prepareSchemas(entry).then(() => callValidated(scope, entry, args, tasks));
  }
  return callValidated(scope, entry, args, tasks);
}

async function prepareSchemas(entry: ToolEntry): Promise<void> {
  if (!entry.input.ready) await entry.input.prepare();
  if (entry.output !== undefined && !entry.output.ready) await entry.output.prepare();
}

function finish(scope: RequestScope, result: ToolResult): Outcome {
  return { result: envelopeResult(scope, result as unknown as Record<string, unknown>, "none") };
}

/** Validates the arguments (the schemas are compiled), then runs the handler or starts the task. */
function callValidated(
  scope: RequestScope,
  entry: ToolEntry,
  args: Record<string, unknown>,
  tasks: boolean,
): Outcome | undefined | PromiseLike<Outcome | undefined> {
  const name = entry.key;
  if (!entry.input.check(args)) {
    return finish(scope, toolError(`Invalid arguments for tool "${name}": ${entry.input.explain(args).join("; ")}`));
  }
  const handler = entry.definition.handler as (args: unknown, context: RequestContext) => unknown;
  if (tasks && entry.definition.taskStart !== "handler") return startTask(scope, entry, (ctx) => handler(args, ctx));
  const found = readAnswers(scope, name);
  if (found instanceof Promise) return found.then((answers) => runTool(scope, entry, args, tasks, answers));
  return runTool(scope, entry, args, tasks, found);
}

function runTool(
  scope: RequestScope,
  entry: ToolEntry,
  args: Record<string, unknown>,
  tasks: boolean,
  answers: Record<string, unknown> | undefined,
): Outcome | undefined | PromiseLike<Outcome | undefined> {
  const handler = entry.definition.handler as (args: Record<string, unknown>, context: RequestContext) => unknown;
  const ctx = createContext(scope, answers, tasks ? { escalate: (work) => Promise.reject(new TaskEscalation(work)) } : undefined);
  const timeoutMs = entry.definition.timeoutMs ?? scope.server.toolTimeoutMs;
  return afterRun(scope, runHandler(scope, ctx, entry.key, timeoutMs, handler, args), entry, endTool);
}

/** Turns how the handler ended into the tool's outcome (undefined: cancelled, no reply). */
function endTool(scope: RequestScope, entry: ToolEntry, ending: RunResult<unknown>): Outcome | undefined | Promise<Outcome | undefined> {
  const name = entry.key;
  switch (ending.kind) {
    case "value":
      if (typeof ending.value === "string" && entry.output === undefined) return textToolOutcome(scope, ending.value);
      return finish(scope, normalizeToolResult(name, ending.value, entry.output));
    case "input_required":
      return ending.outcome;
    case "cancelled":
      return undefined;
    case "timeout":
      return finish(
        scope,
        toolError(
          `Tool "${name}" timed out after ${ending.timeoutMs} ms; raise its timeoutMs (or the MCP_TOOL_TIMEOUT environment variable, in seconds) if it needs longer`,
        ),
      );
    case "error":
      if (ending.error instanceof TaskEscalation) return startTask(scope, entry, ending.error.work);
      if (ending.error instanceof ProtocolError) throw ending.error;
      return finish(scope, toolError(`Tool "${name}" failed: ${describeError(ending.error)}`));
  }
}
