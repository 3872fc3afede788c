/**
 * `Later<T>`: a value that arrives later, passed along without native promises. The engine
 * chains the steps after an async handler (normalize the result, build the reply text, hand it
 * to the transport) with it, so a request costs the handler's own promise plus one reaction
 * rather than a promise per step. Where AsyncLocalStorage is on (Node), every native promise also
 * runs promise hooks, so this is most of what an async tools/call costs over a sync one.
 *
 * Unlike a promise, `then` calls back synchronously when the value is already there, and a
 * rejection nobody handles is dropped (the engine always handles them). It is a `PromiseLike`,
 * so `await` and `Promise.resolve()` accept it.
 */
const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;

type Reaction = (state: typeof FULFILLED | typeof REJECTED, value: unknown) => void;

/** True for promises, `Later`s and other thenables. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as PromiseLike<unknown>).then === "function";
}

export class Later<T> implements PromiseLike<T> {
  #state: typeof PENDING | typeof FULFILLED | typeof REJECTED = PENDING;
  #value: unknown;
  #reactions: Reaction | Reaction[] | undefined;
  #resolving = false;

  /** Settles with `value`, or with the outcome of `value` when it is a thenable. Later calls are ignored. */
  resolve(value: T | PromiseLike<T>): void {
    if (this.#resolving) return;
    this.#resolving = true;
    if (isThenable(value)) {
      value.then(
        (settled) => this.#settle(FULFILLED, settled),
        (error: unknown) => this.#settle(REJECTED, error),
      );
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

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((error: unknown) => B | PromiseLike<B>) | null,
  ): Later<A | B> {
    const next = new Later<A | B>();
    const react: Reaction = (state, value) => {
      const callback = state === FULFILLED ? onFulfilled : onRejected;
      if (typeof callback !== "function") {
        if (state === FULFILLED) next.resolve(value as A);
        else next.reject(value);
        return;
      }
      let result: A | B | PromiseLike<A | B>;
      try {
        result = (callback as (value: unknown) => A | B | PromiseLike<A | B>)(value);
      } catch (error) {
        next.reject(error);
        return;
      }
      next.resolve(result);
    };
    if (this.#state !== PENDING) react(this.#state, this.#value);
    else if (this.#reactions === undefined) this.#reactions = react;
    else if (typeof this.#reactions === "function") this.#reactions = [this.#reactions, react];
    else this.#reactions.push(react);
    return next;
  }

  #settle(state: typeof FULFILLED | typeof REJECTED, value: unknown): void {
    if (this.#state !== PENDING) return;
    this.#state = state;
    this.#value = value;
    const reactions = this.#reactions;
    this.#reactions = undefined;
    if (reactions === undefined) return;
    if (typeof reactions === "function") reactions(state, value);
    else for (const react of reactions) react(state, value);
  }
}
