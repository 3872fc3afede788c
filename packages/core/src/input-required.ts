/**
 * 2026-07-28 "ask the client" by input-required results: a handler's `ctx.elicit()` (or
 * `sample`, `listRoots`) is answered from the request's `inputResponses` (plus answers
 * carried forward in the signed `requestState`), or the handler ends and the client is
 * sent an `input_required` result listing what to answer. The client retries; the handler
 * runs again from the top and this time finds the answers.
 * @see https://modelcontextprotocol.io/specification/draft/basic/utilities/mrtr
 */
import { ErrorCode, ProtocolError } from "./errors.js";
import { isPlainObject } from "./is-plain-object.js";

/** Which server→client request an ask stands for. */
export type InputMethod = "elicitation/create" | "sampling/createMessage" | "roots/list";

/** Thrown (as a rejection) from an ask that has no answer yet; the engine turns it into `input_required`. */
export class InputRequiredSignal extends Error {
  override readonly name = "InputRequiredSignal";

  constructor(readonly key: string) {
    super(`input "${key}" is required from the client; the request ends with an input_required result`);
  }
}

const ELICIT_ACTIONS = new Set(["accept", "decline", "cancel"]);

/** True when `value` has the shape of the client result for `method`. */
export function isValidInputResponse(method: InputMethod, value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  switch (method) {
    case "elicitation/create":
      return typeof value.action === "string" && ELICIT_ACTIONS.has(value.action) && (value.content === undefined || isPlainObject(value.content));
    case "sampling/createMessage":
      return (value.role === "user" || value.role === "assistant") && typeof value.content === "object" && value.content !== null;
    case "roots/list":
      return Array.isArray(value.roots) && value.roots.every((root) => isPlainObject(root) && typeof root.uri === "string");
  }
}

/** The asks of one run of a handler in the stateless era. */
export class InputRound {
  /** Requests to send back in `inputRequests`, by key. */
  readonly requests: Record<string, { method: InputMethod; params: Record<string, unknown> }> = {};
  /** Answers the handler consumed this run (carried forward in requestState). */
  readonly consumed: Record<string, unknown> = {};
  private readonly counters = { elicit: 0, sample: 0, roots: 0 };

  constructor(private readonly answers: Record<string, unknown>) {}

  get pending(): boolean {
    for (const _key in this.requests) return true;
    return false;
  }

  /** The default key for the next ask of a kind: `elicit-1`, `sample-1`, `roots-1`, … */
  nextKey(kind: "elicit" | "sample" | "roots"): string {
    this.counters[kind] += 1;
    return `${kind}-${this.counters[kind]}`;
  }

  /** Answers an ask from the known responses, or records it and rejects with `InputRequiredSignal`. */
  ask(key: string, method: InputMethod, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = Object.hasOwn(this.answers, key) ? this.answers[key] : undefined;
    if (answer !== undefined && isValidInputResponse(method, answer)) {
      this.consumed[key] = answer;
      return Promise.resolve(answer as Record<string, unknown>);
    }
    this.requests[key] = { method, params };
    return Promise.reject(new InputRequiredSignal(key));
  }
}

/** Reads `inputResponses`: absent is fine, anything but an object is a -32602 error. */
export function readInputResponses(params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (params === undefined || !("inputResponses" in params)) return undefined;
  const value = params.inputResponses;
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      "Invalid params: inputResponses must be an object mapping each inputRequests key to the client's result",
    );
  }
  return value;
}
