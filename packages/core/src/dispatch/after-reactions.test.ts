import { describe, expect, it } from "vitest";
import { afterQueuedReactions } from "./after-reactions.js";

describe("afterQueuedReactions", () => {
  it("runs after the reactions of settled promises queued before it, even later ones of the same batch", async () => {
    const order: string[] = [];
    void Promise.resolve().then(() => order.push("reaction 1"));
    afterQueuedReactions({ run: () => order.push("deferred 1") });
    void Promise.resolve().then(() => order.push("reaction 2"));
    afterQueuedReactions({ run: () => order.push("deferred 2") });
    expect(order).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(["reaction 1", "reaction 2", "deferred 1", "deferred 2"]);
  });
});
