/**
 * Runs a user handler for one request: builds its context, makes it ambient, races it
 * against cancel and timeout, and reads back 2026 input-required answers.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation
 */
import { runWithContext } from "../context.js";
import { describeError, ErrorCode, McpError, ProtocolError } from "../errors.js";
import { InputRequiredSignal, readInputResponses } from "../input-required.js";
import type { JsonRpcMessage } from "../jsonrpc.js";
import { ProtocolEras } from "../versions.js";
import { RequestContextImpl, type ContextInit } from "./request-context.js";
import { envelopeResult, readProgressToken, type Outcome, type RequestScope } from "./scope.js";

/** How a handler run ended. */
export type RunResult<T> =
  | { kind: "value"; value: T }
  | { kind: "error"; error: unknown }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "cancelled" }
  | { kind: "input_required"; outcome: Outcome };

const STATE_MAX_AGE_MS = 60 * 60 * 1000;

/** Reads and checks the 2026 `requestState` + `inputResponses` of a request; `target` names the tool, prompt or URI. */
export async function readAnswers(scope: RequestScope, target: string): Promise<Record<string, unknown> | undefined> {
  if (scope.envelope.era !== ProtocolEras.Stateless) return undefined;
  const responses = readInputResponses(scope.params);
  const state = scope.params.requestState;
  if (state === undefined) return responses;
  if (typeof state !== "string") {
    throw new ProtocolError(ErrorCode.InvalidParams, "Invalid params: requestState must be the string the server returned; echo it unchanged");
  }
  const payload = await scope.server.signer.verify(state);
  if (payload === undefined) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      "Invalid params: requestState failed its integrity check (it was altered or issued by another server); retry the request without requestState",
    );
  }
  if (payload.m !== scope.request.method || payload.t !== target) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Invalid params: requestState was issued for ${String(payload.m)} "${String(payload.t)}", not this ${scope.request.method}; retry without it`,
    );
  }
  if (typeof payload.iat !== "number" || Date.now() - payload.iat > STATE_MAX_AGE_MS) {
    throw new ProtocolError(ErrorCode.InvalidParams, "Invalid params: requestState has expired; retry the request without requestState");
  }
  const carried = typeof payload.r === "object" && payload.r !== null ? (payload.r as Record<string, unknown>) : {};
  return { ...carried, ...responses };
}

/** Builds the context for a request whose handler will run. */
export function createContext(
  scope: RequestScope,
  answers: Record<string, unknown> | undefined,
  tasks?: Pick<ContextInit, "asker" | "escalate">,
): RequestContextImpl {
  const { request, options, session, envelope } = scope;
  let send: ((message: JsonRpcMessage) => void | Promise<void>) | undefined;
  if (options.send !== undefined) {
    send = options.send;
  } else if (session !== undefined) {
    send = (message) => session.send(message, { relatedRequestId: request.id });
  }
  return new RequestContextImpl({
    requestId: request.id,
    method: request.method,
    era: envelope.era,
    protocolVersion: envelope.protocolVersion,
    clientCapabilities: envelope.clientCapabilities,
    headers: options.headers ?? {},
    session,
    auth: options.auth,
    progressToken: readProgressToken(scope.params),
    requestLogLevel: envelope.logLevel,
    send,
    pending: scope.server.sessionlessRequests,
    answers,
    ...tasks,
  });
}

/**
 * Runs `handler` under `ctx` with a timeout; resolves (never rejects) with how it ended.
 * In the 2026 era, asks without answers turn into an `input_required` outcome.
 */
export async function runHandler<T>(
  scope: RequestScope,
  ctx: RequestContextImpl,
  target: string,
  timeoutMs: number,
  handler: () => T | Promise<T>,
): Promise<RunResult<T>> {
  const { session, options, request } = scope;
  let timedOut = false;
  let stop: ((reason: unknown) => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    stop = reject;
  });
  stopped.catch(() => undefined);
  ctx.onAbort = (reason) => stop?.(reason);
  const timer = setTimeout(() => {
    timedOut = true;
    ctx.abort(new McpError("request_timeout", `${request.method} timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const onTransportAbort = (): void => ctx.abort(new McpError("request_cancelled", "the client went away"));
  if (options.signal?.aborted) onTransportAbort();
  options.signal?.addEventListener("abort", onTransportAbort, { once: true });
  session?.inFlight.set(request.id, ctx);
  let ending: RunResult<T>;
  try {
    const running = Promise.resolve().then(() => runWithContext(ctx, handler));
    const value = await Promise.race([running, stopped]);
    ending = { kind: "value", value };
  } catch (error) {
    if (timedOut) ending = { kind: "timeout", timeoutMs };
    else if (ctx.isAborted) ending = { kind: "cancelled" };
    else ending = { kind: "error", error };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onTransportAbort);
    if (session?.inFlight.get(request.id) === ctx) session.inFlight.delete(request.id);
  }
  const round = ctx.round;
  if (round !== undefined && round.pending && ending.kind !== "timeout" && ending.kind !== "cancelled") {
    if (ending.kind === "error" && ending.error instanceof ProtocolError) return ending;
    const requestState = await scope.server.signer.sign({
      m: request.method,
      t: target,
      r: round.consumed,
      iat: Date.now(),
    });
    const result = envelopeResult(scope, { resultType: "input_required", inputRequests: round.requests, requestState }, "none");
    return { kind: "input_required", outcome: { result } };
  }
  if (ending.kind === "error" && ending.error instanceof InputRequiredSignal) {
    return { kind: "error", error: new McpError("input_required", ending.error.message, { cause: ending.error }) };
  }
  return ending;
}

/**
 * For `prompts/get` and `resources/read`, whose failures are JSON-RPC errors (tools turn them
 * into `isError` results instead): the handler's value, or the outcome that ends the request
 * (`input_required`, or `undefined` when cancelled). A timeout or a thrown error becomes -32603
 * naming `subject` (e.g. `prompt "greet"`); a thrown `ProtocolError` goes on the wire as-is.
 */
export function settleProtocolRun<T>(
  ending: RunResult<T>,
  subject: string,
): { kind: "value"; value: T } | { kind: "done"; outcome: Outcome | undefined } {
  switch (ending.kind) {
    case "value":
      return ending;
    case "input_required":
      return { kind: "done", outcome: ending.outcome };
    case "cancelled":
      return { kind: "done", outcome: undefined };
    case "timeout":
      throw new ProtocolError(ErrorCode.InternalError, `Internal error: ${subject} timed out after ${ending.timeoutMs} ms`);
    case "error":
      if (ending.error instanceof ProtocolError) throw ending.error;
      throw new ProtocolError(ErrorCode.InternalError, `Internal error: ${subject} failed: ${describeError(ending.error)}`, undefined, {
        cause: ending.error,
      });
  }
}
