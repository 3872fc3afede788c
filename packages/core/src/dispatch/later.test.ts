import { describe, expect, it } from "vitest";
import { isThenable, Later, thenStep, type LaterStep } from "./later.js";

describe("Later", () => {
  it("calls back synchronously once the value is there, and chains like then()", () => {
    const later = new Later<number>();
    const seen: number[] = [];
    const doubled = later.then((value) => value * 2);
    doubled.then((value) => seen.push(value));
    expect(seen).toEqual([]);
    later.resolve(21);
    expect(seen).toEqual([42]);
    later.then((value) => seen.push(value));
    expect(seen).toEqual([42, 21]);
  });

  it("turns a throwing callback into a rejection of the next step", () => {
    const later = new Later<number>();
    const errors: unknown[] = [];
    later
      .then(() => {
        throw new Error("step failed");
      })
      .then(undefined, (error) => errors.push(error));
    later.resolve(1);
    expect((errors[0] as Error).message).toBe("step failed");
  });

  it("adopts a promise it is resolved with, and settles only once", async () => {
    const later = new Later<string>();
    later.resolve(Promise.resolve("from a promise"));
    later.resolve("ignored");
    later.reject(new Error("ignored too"));
    await expect(later).resolves.toBe("from a promise");
    const rejected = new Later<string>();
    rejected.resolve(Promise.reject(new Error("no")));
    await expect(Promise.resolve(rejected)).rejects.toThrow("no");
  });

  it("is recognised as a thenable, strings and plain objects are not", () => {
    expect(isThenable(new Later())).toBe(true);
    expect(isThenable(Promise.resolve())).toBe(true);
    expect(isThenable("text")).toBe(false);
    expect(isThenable({ result: {} })).toBe(false);
    expect(isThenable(undefined)).toBe(false);
  });

  describe("steps", () => {
    function step<T, U>(fulfilled: (value: T) => U | PromiseLike<U>, rejected?: (error: unknown) => U): LaterStep<T, U> {
      return {
        fulfilled,
        rejected:
          rejected ??
          ((error) => {
            throw error;
          }),
      };
    }

    it("applies steps in order to the outcome, on the same object", () => {
      const later = new Later<number>();
      const plusOne = later.addStep(step((value: number) => value + 1));
      const text = plusOne?.addStep(step((value: number) => `n=${value}`));
      expect(text).toBe(later);
      const seen: string[] = [];
      text?.listen({ fulfilled: (value) => seen.push(value), rejected: () => seen.push("rejected") });
      later.resolve(41);
      expect(seen).toEqual(["n=42"]);
    });

    it("keeps the order of more steps than it holds in fields, also across a step that waits", async () => {
      const later = new Later<string>();
      let chained: Later<string> | undefined = later;
      for (const name of ["a", "b", "c", "d", "e"]) {
        chained = chained?.addStep(step(name === "c" ? async (value: string) => `${value}${name}` : (value: string) => `${value}${name}`));
      }
      expect(chained).toBe(later);
      later.resolve(">");
      await expect(later).resolves.toBe(">abcde");
    });

    it("turns a throwing step into a rejection, and lets a later step recover it", () => {
      const later = new Later<number>();
      const failing = later.addStep(
        step(() => {
          throw new Error("step failed");
        }),
      );
      const recovered = failing?.addStep(step((value: string) => value, (error) => `recovered: ${(error as Error).message}`));
      const seen: string[] = [];
      recovered?.listen({ fulfilled: (value) => seen.push(value), rejected: () => seen.push("rejected") });
      later.resolve(1);
      expect(seen).toEqual(["recovered: step failed"]);
    });

    it("waits for a step that returns a promise, then runs the remaining steps", async () => {
      const later = new Later<number>();
      const order: string[] = [];
      later
        .addStep(
          step(async (value: number) => {
            order.push("async step");
            return value * 10;
          }),
        )
        ?.addStep(
          step((value: number) => {
            order.push("sync step");
            return value + 1;
          }),
        );
      later.resolve(4);
      expect(order).toEqual(["async step"]);
      await expect(later).resolves.toBe(41);
      expect(order).toEqual(["async step", "sync step"]);
    });

    it("refuses a step once someone listens or the outcome is there", () => {
      const listened = new Later<number>();
      listened.listen({ fulfilled: () => {}, rejected: () => {} });
      expect(listened.addStep(step((value: number) => value))).toBeUndefined();
      const settled = new Later<number>();
      settled.resolve(1);
      expect(settled.addStep(step((value: number) => value))).toBeUndefined();
    });

    it("thenStep falls back to a new Later for promises and Laters that refuse steps", async () => {
      const fromPromise = thenStep(Promise.resolve(2), step((value: number) => value * 3));
      await expect(fromPromise).resolves.toBe(6);
      const settled = new Later<number>();
      settled.resolve(5);
      const fromSettled = thenStep(settled, step((value: number) => value + 1));
      expect(fromSettled).not.toBe(settled);
      await expect(fromSettled).resolves.toBe(6);
      const rejected = thenStep(Promise.reject(new Error("no")), step((value: number) => value));
      await expect(Promise.resolve(rejected)).rejects.toThrow("no");
    });
  });
});
