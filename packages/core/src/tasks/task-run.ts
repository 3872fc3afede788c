/**
 * Running a tool call as a task (SEP-2663): the task record exists before the
 * `CreateTaskResult` goes out (a `tasks/get` right after it resolves), then the handler runs
 * in the background, detached from the HTTP request. Its asks park the task in
 * `input_required` until `tasks/update` answers them; the outcome is inlined on `tasks/get`.
 * Tool failures complete the task with `isError: true`; a `ProtocolError` fails it.
 * @see https://modelcontextprotocol.io/seps/2663-tasks-extension
 */
import type { RequestContext } from "../context.js";
import { describeError, McpError, ProtocolError } from "../errors.js";
import type { ToolEntry } from "../registry/entries.js";
import { normalizeToolResult, toolError } from "../results.js";
import type { HandleOptions } from "../server-options.js";
import { createContext, runHandler } from "../dispatch/run.js";
import { envelopeResult, type Outcome, type RequestScope } from "../dispatch/scope.js";
import type { TaskAsker } from "../dispatch/request-context.js";
import { isTerminal, type TaskRecord, type TaskStore } from "./task-store.js";

/** Thrown (as a rejection) by `ctx.runAsTask()` to end the request with a new task. */
export class TaskEscalation extends Error {
  override readonly name = "TaskEscalation";

  constructor(readonly work: (ctx: RequestContext) => unknown) {
    super("the handler escalated to a task; the engine answers with a CreateTaskResult");
  }
}

/** The wire shape of a task (CreateTaskResult body, and the base of tasks/get). */
export function taskFields(record: TaskRecord): Record<string, unknown> {
  return {
    taskId: record.taskId,
    status: record.status,
    createdAt: record.createdAt,
    lastUpdatedAt: record.lastUpdatedAt,
    ttlMs: record.ttlMs,
    pollIntervalMs: record.pollIntervalMs,
  };
}

function parkingAsker(store: TaskStore, record: TaskRecord): TaskAsker {
  return (method, key, params) =>
    new Promise((resolve, reject) => {
      if (isTerminal(record.status)) {
        reject(new McpError("request_cancelled", `task ${record.taskId} is ${record.status}`));
        return;
      }
      record.pending.set(key, { method, params, resolve, reject });
      store.setStatus(record, "input_required");
    });
}

/**
 * Creates the task and starts `work` (the tool handler, or what it passed to `runAsTask`).
 * Resolves at once with the `CreateTaskResult`.
 */
export function startTask(scope: RequestScope, entry: ToolEntry, work: (ctx: RequestContext) => unknown): Outcome {
  const { server } = scope;
  const auth = scope.options.auth;
  const record = server.tasks.create(auth?.subject);
  const options: HandleOptions = { headers: scope.options.headers ?? {} };
  if (auth !== undefined) options.auth = auth;
  const taskScope: RequestScope = { ...scope, options, session: undefined };
  const ctx = createContext(taskScope, undefined, { asker: parkingAsker(server.tasks, record) });
  record.cancel = (reason) => ctx.abort(reason);
  const timeoutMs = entry.definition.timeoutMs ?? server.toolTimeoutMs;
  void Promise.resolve(runHandler(taskScope, ctx, entry.key, timeoutMs, (task, context) => task(context), work)).then((ending) => {
    for (const pending of record.pending.values()) pending.reject(new McpError("request_cancelled", `task ${record.taskId} ended`));
    record.pending.clear();
    if (isTerminal(record.status)) return;
    switch (ending.kind) {
      case "value":
        record.result = { ...normalizeToolResult(entry.key, ending.value, entry.output) };
        server.tasks.setStatus(record, "completed");
        return;
      case "timeout":
        record.result = { ...toolError(`Tool "${entry.key}" timed out after ${ending.timeoutMs} ms; raise its timeoutMs if it needs longer`) };
        server.tasks.setStatus(record, "completed");
        return;
      case "cancelled":
        server.tasks.setStatus(record, "cancelled");
        return;
      case "input_required":
        record.error = { code: -32603, message: "Internal error: the task asked for input outside the task channel" };
        server.tasks.setStatus(record, "failed");
        return;
      case "error": {
        const error = ending.error;
        if (error instanceof ProtocolError) {
          record.error = error.data === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, data: error.data };
          server.tasks.setStatus(record, "failed");
          return;
        }
        record.result = { ...toolError(`Tool "${entry.key}" failed: ${describeError(error)}`) };
        server.tasks.setStatus(record, "completed");
      }
    }
  }).catch((error: unknown) => {
    record.error = { code: -32603, message: `Internal error: ${describeError(error)}` };
    server.tasks.setStatus(record, "failed");
  });
  return { result: envelopeResult(scope, { resultType: "task", ...taskFields(record) }, "none") };
}
