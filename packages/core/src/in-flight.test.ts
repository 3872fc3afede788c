import { describe, expect, it } from "vitest";
import { InFlightRequests, type Abortable } from "./in-flight.js";

function running(name: string, log: string[]): Abortable {
  return { abort: (reason) => log.push(`${name}:${String(reason)}`) };
}

describe("InFlightRequests", () => {
  it("finds requests by id, newest first, and forgets removed ones", () => {
    const list = new InFlightRequests();
    const log: string[] = [];
    const a = running("a", log);
    const b = running("b", log);
    const c = running("c", log);
    const entryA = list.add(1, a);
    const entryB = list.add("two", b);
    const entryC = list.add(3, c);
    expect(list.size).toBe(3);
    expect(list.get(1)).toBe(a);
    expect(list.get("two")).toBe(b);
    expect(list.get(2)).toBeUndefined();
    expect(list.values()).toEqual([c, b, a]);

    list.remove(entryB); // the middle
    expect(list.get("two")).toBeUndefined();
    expect(list.values()).toEqual([c, a]);
    list.remove(entryC); // the newest
    list.remove(entryC); // twice is harmless
    expect(list.values()).toEqual([a]);
    expect(list.size).toBe(1);
    list.remove(entryA); // the last
    expect(list.size).toBe(0);
    expect(list.values()).toEqual([]);
    expect(entryA.running).toBeUndefined();
  });

  it("lets a reused id shadow the older request until the newer one ends", () => {
    const list = new InFlightRequests();
    const log: string[] = [];
    const first = running("first", log);
    const second = running("second", log);
    list.add(7, first);
    const newer = list.add(7, second);
    expect(list.get(7)).toBe(second);
    list.remove(newer);
    expect(list.get(7)).toBe(first);
  });

  it("clear() empties the list and makes later removals no-ops", () => {
    const list = new InFlightRequests();
    const log: string[] = [];
    const entries = [list.add(1, running("a", log)), list.add(2, running("b", log))];
    list.clear();
    expect(list.size).toBe(0);
    for (const entry of entries) list.remove(entry);
    expect(list.size).toBe(0);
    const again = list.add(3, running("c", log));
    expect(list.values()).toHaveLength(1);
    list.remove(again);
    expect(list.size).toBe(0);
  });

  it("keeps its order when requests end oldest first, and after clear() and reuse", () => {
    const list = new InFlightRequests();
    const log: string[] = [];
    const entries = [1, 2, 3, 4].map((id) => list.add(id, running(String(id), log)));
    list.remove(entries[0]!);
    list.remove(entries[1]!);
    expect(list.values().length).toBe(2);
    expect(list.get(3)).toBeDefined();
    expect(list.get(1)).toBeUndefined();
    list.clear();
    list.remove(entries[2]!);
    expect(list.size).toBe(0);
    const again = running("again", log);
    list.add(3, again);
    expect(list.get(3)).toBe(again);
    expect(list.values()).toEqual([again]);
  });
});
