/**
 * tasks/get, tasks/update and tasks/cancel (tasks extension, SEP-2663). Each needs the
 * caller to declare the extension in its request capabilities (-32021 otherwise) and a
 * `taskId` this server issued to the same caller (-32602 otherwise).
 * @see https://modelcontextprotocol.io/seps/2663-tasks-extension
 */
import { ErrorCode, McpError, ProtocolError } from "../errors.js";
import { decodeHeaderValue } from "../header-value.js";
import { isValidInputResponse, readInputResponses } from "../input-required.js";
import { taskFields } from "../tasks/task-run.js";
import { isTerminal, TASKS_EXTENSION, type TaskRecord } from "../tasks/task-store.js";
import { envelopeResult, type Outcome, type RequestScope } from "./scope.js";
import { isPlainObject } from "../is-plain-object.js";

/** True when the request's client capabilities declare the tasks extension. */
export function declaresTasks(clientCapabilities: Record<string, unknown>): boolean {
  const extensions = clientCapabilities.extensions;
  return isPlainObject(extensions) && isPlainObject(extensions[TASKS_EXTENSION]);
}

/** The -32021 error for a caller that did not declare the tasks extension. */
export function tasksCapabilityError(what: string): ProtocolError {
  return new ProtocolError(
    ErrorCode.MissingRequiredClientCapability,
    `Missing required client capability: ${what} needs the "${TASKS_EXTENSION}" extension; declare it under clientCapabilities.extensions`,
    { requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } },
  );
}

function findTask(scope: RequestScope): TaskRecord {
  const method = scope.request.method;
  if (!declaresTasks(scope.envelope.clientCapabilities)) throw tasksCapabilityError(method);
  const taskId = scope.params.taskId;
  if (typeof taskId !== "string" || taskId === "") {
    throw new ProtocolError(ErrorCode.InvalidParams, `Invalid params: ${method} needs "taskId" (string), as returned in the CreateTaskResult`);
  }
  const nameHeader = scope.options.headers?.["mcp-name"];
  if (typeof nameHeader === "string" && decodeHeaderValue(nameHeader) !== taskId) {
    throw new ProtocolError(ErrorCode.HeaderMismatch, `Header mismatch: the Mcp-Name header does not match params.taskId ("${taskId}"); send the task id in both`);
  }
  const record = scope.server.tasks.get(taskId, scope.options.auth?.subject);
  if (record === undefined) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Invalid params: unknown taskId "${taskId}" (it never existed, expired, or belongs to another caller)`,
      { taskId },
    );
  }
  return record;
}

const ACK = (scope: RequestScope): Outcome => ({ result: envelopeResult(scope, {}, "none") });

/** tasks/get: the task, with its result, error or pending input requests inlined. */
export function getTask(scope: RequestScope): Outcome {
  const record = findTask(scope);
  const body: Record<string, unknown> = taskFields(record);
  if (record.status === "completed" && record.result !== undefined) body.result = record.result;
  if (record.status === "failed" && record.error !== undefined) body.error = record.error;
  if (record.status === "input_required") {
    const inputRequests: Record<string, unknown> = {};
    for (const [key, pending] of record.pending) inputRequests[key] = { method: pending.method, params: pending.params };
    body.inputRequests = inputRequests;
  }
  return { result: envelopeResult(scope, body, "none") };
}

/** tasks/update: answers some or all pending input requests; unknown keys are ignored. */
export function updateTask(scope: RequestScope): Outcome {
  const record = findTask(scope);
  const responses = readInputResponses(scope.params) ?? {};
  for (const [key, value] of Object.entries(responses)) {
    const pending = record.pending.get(key);
    if (pending === undefined) continue;
    if (!isValidInputResponse(pending.method, value)) {
      throw new ProtocolError(ErrorCode.InvalidParams, `Invalid params: inputResponses["${key}"] is not a valid ${pending.method} result`);
    }
    record.pending.delete(key);
    pending.resolve(value as Record<string, unknown>);
  }
  if (record.status === "input_required" && record.pending.size === 0) scope.server.tasks.setStatus(record, "working");
  return ACK(scope);
}

/** tasks/cancel: stops a running task; idempotent on finished ones. */
export function cancelTask(scope: RequestScope): Outcome {
  const record = findTask(scope);
  if (!isTerminal(record.status)) {
    scope.server.tasks.setStatus(record, "cancelled");
    const reason = new McpError("request_cancelled", `task ${record.taskId} was cancelled by the client`);
    for (const pending of record.pending.values()) pending.reject(reason);
    record.pending.clear();
    record.cancel?.(reason);
  }
  return ACK(scope);
}
