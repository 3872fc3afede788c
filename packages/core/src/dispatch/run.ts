/**
 * Runs a user handler for one request: builds its context, makes it ambient, races it
 * against cancel and timeout, and reads back 2026 input-required answers.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation
 */
import { callWithContext } from "../context.js";
import { describeError, ErrorCode, McpError, ProtocolError } from "../errors.js";
import { InputRequiredSignal, readInputResponses } from "../input-required.js";
import { ProtocolEras } from "../versions.js";
import { afterQueuedReactions, type Deferred } from "./after-reactions.js";
import { isThenable, Later, listenTo, thenStep, type LaterListener, type LaterStep } from "./later.js";
import { clearDeadline, setDeadline, type Deadline } from "./deadlines.js";
import { RequestContextImpl, type AbortListener, type TaskHooks } from "./request-context.js";
import { envelopeResult, type Outcome, type RequestScope } from "./scope.js";

/** How a handler run ended. */
export type RunResult<T> =
  | { kind: "value"; value: T }
  | { kind: "error"; error: unknown }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "cancelled" }
  | { kind: "input_required"; outcome: Outcome };

const STATE_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * The 2026 `requestState` + `inputResponses` of a request, checked; `target` names the tool,
 * prompt or URI. Synchronous (no promise) unless there is a `requestState` to verify.
 */
export function readAnswers(
  scope: RequestScope,
  target: string,
): Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined> {
  if (scope.envelope.era !== ProtocolEras.Stateless) return undefined;
  const responses = readInputResponses(scope.params);
  const state = scope.params.requestState;
  if (state === undefined) return responses;
  if (typeof state !== "string") {
    throw new ProtocolError(ErrorCode.InvalidParams, "Invalid params: requestState must be the string the server returned; echo it unchanged");
  }
  return verifyState(scope, target, state, responses);
}

async function verifyState(
  scope: RequestScope,
  target: string,
  state: string,
  responses: Record<string, unknown> | undefined,
): Promise<Record<string, unknown>> {
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
export function createContext(scope: RequestScope, answers: Record<string, unknown> | undefined, tasks?: TaskHooks): RequestContextImpl {
  return new RequestContextImpl(scope, answers, tasks);
}



/**
 * Runs `handler(arg, ctx)` under `ctx` with a timeout; returns (or resolves, never rejects) with
 * how it ended. `arg` spares callers a closure per call. In the 2026 era, asks without answers turn into an `input_required` outcome.
 *
 * The handler is called synchronously; a synchronous handler gets its result without any
 * promise. Only a handler whose promise is still pending once the reactions queued with it ran
 * gets a deadline (on the shared timer, see `deadlines.ts`) and a listener on the transport's
 * abort signal: synchronous and already-settled handlers cost neither.
 */
export function runHandler<T, A = void>(
  scope: RequestScope,
  ctx: RequestContextImpl,
  target: string,
  timeoutMs: number,
  handler: (arg: A, ctx: RequestContextImpl) => T | Promise<T>,
  arg: A,
): RunResult<T> | PromiseLike<RunResult<T>> {
  const { session, request } = scope;
  if (session !== undefined) ctx.inFlightEntry = session.inFlight.add(request.id, ctx);
  let value: T | Promise<T>;
  try {
    value = scope.server.ambientContext ? callWithContext(ctx, handler, arg) : handler(arg, ctx);
  } catch (error) {
    return conclude(scope, ctx, target, ctx.isAborted ? { kind: "cancelled" } : { kind: "error", error });
  }
  if (!isThenable(value)) return conclude(scope, ctx, target, { kind: "value", value });
  const run = new HandlerRun<T>(scope, ctx, target, timeoutMs);
  run.wait(value);
  return run;
}

/** How a method turns the end of its handler run into its outcome (a module-level function: no closure per call). */
export type RunEnding<S> = (scope: RequestScope, subject: S, ending: RunResult<unknown>) => Outcome | undefined | PromiseLike<Outcome | undefined>;

/**
 * `end(scope, subject, ending)` once the run has ended: at once for a synchronous run (a throw
 * propagates to the caller), else as a step of the run's `Later` (a throw rejects it).
 */
export function afterRun<S>(
  scope: RequestScope,
  running: RunResult<unknown> | PromiseLike<RunResult<unknown>>,
  subject: S,
  end: RunEnding<S>,
): Outcome | undefined | PromiseLike<Outcome | undefined> {
  if (!isThenable(running)) return end(scope, subject, running);
  return thenStep(running, new RunEnd(scope, subject, end));
}

/** The step after an async handler: the method's outcome from how the run ended. */
class RunEnd<S> implements LaterStep<RunResult<unknown>, Outcome | undefined> {
  constructor(
    private readonly scope: RequestScope,
    private readonly subject: S,
    private readonly end: RunEnding<S>,
  ) {}

  fulfilled(ending: RunResult<unknown>): Outcome | undefined | PromiseLike<Outcome | undefined> {
    return this.end(this.scope, this.subject, ending);
  }

  rejected(error: unknown): never {
    throw error;
  }
}

/** After the handler ended: forget it, and turn pending 2026 asks into `input_required`. */
function conclude<T>(scope: RequestScope, ctx: RequestContextImpl, target: string, ending: RunResult<T>): RunResult<T> | Promise<RunResult<T>> {
  const { session, request } = scope;
  if (ctx.inFlightEntry !== undefined) session?.inFlight.remove(ctx.inFlightEntry);
  const round = ctx.round;
  if (round !== undefined && round.pending && ending.kind !== "timeout" && ending.kind !== "cancelled") {
    if (ending.kind === "error" && ending.error instanceof ProtocolError) return ending;
    return scope.server.signer.sign({ m: request.method, t: target, r: round.consumed, iat: Date.now() }).then((requestState) => {
      const result = envelopeResult(scope, { resultType: "input_required", inputRequests: round.requests, requestState }, "none");
      return { kind: "input_required", outcome: { result } };
    });
  }
  if (ending.kind === "error" && ending.error instanceof InputRequiredSignal) {
    return { kind: "error", error: new McpError("input_required", ending.error.message, { cause: ending.error }) };
  }
  return ending;
}

/**
 * Waits for an async handler, racing it against cancel, the transport's abort and the timeout,
 * and is the `Later` of how it ended: one object per run instead of a handful of closures.
 */
class HandlerRun<T> extends Later<RunResult<T>> implements LaterListener<T>, AbortListener, Deferred {
  #done = false;
  #timedOut = false;
  #deadline: Deadline | undefined;
  #signal: AbortSignal | undefined;
  #onTransportAbort: (() => void) | undefined;

  constructor(
    private readonly scope: RequestScope,
    private readonly ctx: RequestContextImpl,
    private readonly target: string,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  wait(running: PromiseLike<T>): void {
    const { ctx } = this;
    ctx.abortListener = this;
    listenTo(running, this);
    if (ctx.isAborted) {
      this.finish({ kind: "cancelled" });
      return;
    }
    // An already-settled promise finishes in the reaction queued above, before this runs.
    afterQueuedReactions(this);
  }

  fulfilled(value: T): void {
    this.finish({ kind: "value", value });
  }

  rejected(error: unknown): void {
    this.finish(this.#timedOut ? { kind: "timeout", timeoutMs: this.timeoutMs } : this.ctx.isAborted ? { kind: "cancelled" } : { kind: "error", error });
  }

  aborted(): void {
    this.finish(this.#timedOut ? { kind: "timeout", timeoutMs: this.timeoutMs } : { kind: "cancelled" });
  }

  /** Still running once the reactions queued with it ran: arm the deadline, listen to the transport's abort. */
  run(): void {
    if (this.#done) return;
    const { ctx, scope, timeoutMs } = this;
    this.#deadline = setDeadline(timeoutMs, () => {
      this.#timedOut = true;
      ctx.abort(new McpError("request_timeout", `${scope.request.method} timed out after ${timeoutMs} ms`));
    });
    const signal = scope.options.signal;
    if (signal === undefined) return;
    const onTransportAbort = (): void => ctx.abort(new McpError("request_cancelled", "the client went away"));
    if (signal.aborted) {
      onTransportAbort();
      return;
    }
    this.#signal = signal;
    this.#onTransportAbort = onTransportAbort;
    signal.addEventListener("abort", onTransportAbort, { once: true });
  }

  private finish(ending: RunResult<T>): void {
    if (this.#done) return;
    this.#done = true;
    this.ctx.abortListener = undefined;
    if (this.#deadline !== undefined) clearDeadline(this.#deadline);
    if (this.#onTransportAbort !== undefined) this.#signal?.removeEventListener("abort", this.#onTransportAbort);
    this.resolve(conclude(this.scope, this.ctx, this.target, ending));
  }
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
