/**
 * `Later<T>`: a value that arrives later, passed along without native promises. The engine
 * chains the steps after an async handler (normalize the result, build the reply text, hand it
 * to the transport) with it, so a request costs the handler's own promise plus one reaction
 * rather than a promise per step. Where AsyncLocalStorage is on (Node 20), every native promise
 * also runs promise hooks, so this is most of what an async tools/call costs over a sync one.
 *
 * Unlike a promise, `then` calls back synchronously when the value is already there, and a
 * rejection nobody handles is dropped (the engine always handles them). It is a `PromiseLike`,
 * so `await` and `Promise.resolve()` accept it.
 *
 * `listen` subscribes an object rather than two callbacks: a step of the engine can be a class
 * that is both the listener of the step before it and the `Later` of its own outcome, so a
 * step costs one allocation instead of a derived `Later` plus a closure per callback.
 */
const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;

type SettledState = typeof FULFILLED | typeof REJECTED;

/** Receives the outcome of a `Later` (or of any thenable through {@link listenTo}). */
export interface LaterListener<T> {
  fulfilled(value: T): void;
  rejected(error: unknown): void;
}

/**
 * A synchronous step a `Later` applies to its own outcome before its listeners hear it (see
 * {@link Later.addStep}): the return value is the next value (a thenable is waited for), and
 * a throw makes the outcome a rejection.
 */
export interface LaterStep<T, U> {
  fulfilled(value: T): U | PromiseLike<U>;
  /** What a rejection turns into; rethrow to keep it a rejection. */
  rejected(error: unknown): U | PromiseLike<U>;
}

/** True for promises, `Later`s and other thenables. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as PromiseLike<unknown>).then === "function";
}

/** Subscribes `listener` to any thenable: directly for a `Later`, through `then` otherwise. */
export function listenTo<T>(thenable: PromiseLike<T>, listener: LaterListener<T>): void {
  if (thenable instanceof Later) {
    (thenable as Later<T>).listen(listener);
    return;
  }
  thenable.then(
    (value) => listener.fulfilled(value),
    (error: unknown) => listener.rejected(error),
  );
}

export class Later<T> implements PromiseLike<T> {
  #state: typeof PENDING | SettledState = PENDING;
  #value: unknown;
  #listeners: LaterListener<T> | LaterListener<T>[] | undefined;
  #resolving = false;
  /** The steps still to run, in order: the first two in fields (an async tools/call has two), the rest in a list. */
  #step: LaterStep<unknown, unknown> | undefined;
  #nextStep: LaterStep<unknown, unknown> | undefined;
  #moreSteps: LaterStep<unknown, unknown>[] | undefined;

  /** Settles with `value`, or with the outcome of `value` when it is a thenable. Later calls are ignored. */
  resolve(value: T | PromiseLike<T>): void {
    if (this.#resolving) return;
    this.#resolving = true;
    if (isThenable(value)) {
      listenTo(value, new Adopt(this));
      return;
    }
    this.#settle(FULFILLED, value);
  }

  /** Rejects with `error` unless already resolved. */
  reject(error: unknown): void {
    if (this.#resolving) return;
    this.#resolving = true;
    this.#settle(REJECTED, error);
  }

  /**
   * Makes `step` part of this Later: its listeners will hear the step's result instead of the
   * current outcome. Saves the object, the subscription and the notification a listening
   * `Later` per step would cost. Only possible while the outcome has not arrived and nobody
   * listens yet; returns undefined otherwise (see {@link thenStep}, which falls back).
   */
  addStep<U>(step: LaterStep<T, U>): Later<U> | undefined {
    if (this.#state !== PENDING || this.#listeners !== undefined) return undefined;
    const added = step as LaterStep<unknown, unknown>;
    if (this.#step === undefined) this.#step = added;
    else if (this.#nextStep === undefined) this.#nextStep = added;
    else (this.#moreSteps ??= []).push(added);
    return this as unknown as Later<U>;
  }

  /** Calls `listener` once with the outcome: now, if it is already there. */
  listen(listener: LaterListener<T>): void {
    if (this.#state === FULFILLED) listener.fulfilled(this.#value as T);
    else if (this.#state === REJECTED) listener.rejected(this.#value);
    else if (this.#listeners === undefined) this.#listeners = listener;
    else if (Array.isArray(this.#listeners)) this.#listeners.push(listener);
    else this.#listeners = [this.#listeners, listener];
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((error: unknown) => B | PromiseLike<B>) | null,
  ): Later<A | B> {
    const next = new ThenStep<T, A, B>(onFulfilled, onRejected);
    this.listen(next);
    return next;
  }

  /** Removes and returns the next step to run. */
  #takeStep(): LaterStep<unknown, unknown> | undefined {
    const step = this.#step;
    if (step === undefined) return undefined;
    this.#step = this.#nextStep;
    this.#nextStep = this.#moreSteps?.shift();
    return step;
  }

  /** Settles an adopted thenable's outcome (see `resolve`). */
  settleAdopted(state: SettledState, value: unknown): void {
    this.#settle(state, value);
  }

  #settle(state: SettledState, value: unknown): void {
    if (this.#state !== PENDING) return;
    for (let step = this.#takeStep(); step !== undefined; step = this.#takeStep()) {
      try {
        value = state === FULFILLED ? step.fulfilled(value) : step.rejected(value);
        state = FULFILLED;
      } catch (error) {
        value = error;
        state = REJECTED;
      }
      if (state === FULFILLED && isThenable(value)) {
        // Wait for it; the remaining steps run when it settles.
        listenTo(value, new Adopt(this));
        return;
      }
    }
    this.#state = state;
    this.#value = value;
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners === undefined) return;
    if (Array.isArray(listeners)) for (const listener of listeners) notify(listener, state, value);
    else notify(listeners, state, value);
  }
}

/** `thenable` followed by `step`, as one `Later`: the same object when `thenable` is a `Later` that can take the step. */
export function thenStep<T, U>(thenable: PromiseLike<T>, step: LaterStep<T, U>): Later<U> {
  if (thenable instanceof Later) {
    const same = (thenable as Later<T>).addStep(step);
    if (same !== undefined) return same;
  }
  const next = new Later<T>();
  const stepped = next.addStep(step) as Later<U>;
  next.resolve(thenable);
  return stepped;
}

function notify<T>(listener: LaterListener<T>, state: SettledState, value: unknown): void {
  if (state === FULFILLED) listener.fulfilled(value as T);
  else listener.rejected(value);
}

/** Settles a `Later` with the outcome of the thenable it was resolved with. */
class Adopt<T> implements LaterListener<T> {
  constructor(private readonly target: Later<T>) {}

  fulfilled(value: T): void {
    this.target.settleAdopted(FULFILLED, value);
  }

  rejected(error: unknown): void {
    this.target.settleAdopted(REJECTED, error);
  }
}

/** `then(onFulfilled, onRejected)` as a listener that settles the next `Later` of the chain. */
class ThenStep<T, A, B> extends Later<A | B> implements LaterListener<T> {
  constructor(
    private readonly onFulfilled: ((value: T) => A | PromiseLike<A>) | null | undefined,
    private readonly onRejected: ((error: unknown) => B | PromiseLike<B>) | null | undefined,
  ) {
    super();
  }

  fulfilled(value: T): void {
    const callback = this.onFulfilled;
    if (typeof callback !== "function") {
      this.resolve(value as unknown as A);
      return;
    }
    this.settleWith(callback, value);
  }

  rejected(error: unknown): void {
    const callback = this.onRejected;
    if (typeof callback !== "function") {
      this.reject(error);
      return;
    }
    this.settleWith(callback, error);
  }

  private settleWith<V>(callback: (value: V) => A | B | PromiseLike<A | B>, value: V): void {
    let result: A | B | PromiseLike<A | B>;
    try {
      result = callback(value);
    } catch (error) {
      this.reject(error);
      return;
    }
    this.resolve(result);
  }
}
