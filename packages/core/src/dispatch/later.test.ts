import { describe, expect, it } from "vitest";
import { isThenable, Later } from "./later.js";

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
});
