import { afterEach, describe, expect, it } from "vitest";
import { clearDeadline, pendingDeadlines, setDeadline, type Deadline } from "./deadlines.js";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("shared deadline timer", () => {
  const registered: Deadline[] = [];
  afterEach(() => {
    for (const entry of registered.splice(0)) clearDeadline(entry);
  });

  it("fires a deadline once its time has passed, and forgets it", async () => {
    let fired = 0;
    registered.push(setDeadline(20, () => (fired += 1)));
    expect(pendingDeadlines()).toBe(1);
    await wait(60);
    expect(fired).toBe(1);
    expect(pendingDeadlines()).toBe(0);
  });

  it("never fires a cleared deadline", async () => {
    let fired = false;
    const entry = setDeadline(15, () => (fired = true));
    clearDeadline(entry);
    await wait(45);
    expect(fired).toBe(false);
  });

  it("fires deadlines in order even when a shorter one is added after a longer one", async () => {
    const order: string[] = [];
    registered.push(setDeadline(80, () => order.push("long")));
    registered.push(setDeadline(10, () => order.push("short")));
    await wait(40);
    expect(order).toEqual(["short"]);
    await wait(80);
    expect(order).toEqual(["short", "long"]);
  });
});
