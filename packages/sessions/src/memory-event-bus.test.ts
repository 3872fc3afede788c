import { describe, expect, it } from "vitest";
import { MemoryEventBus } from "./memory-event-bus.js";

describe("MemoryEventBus", () => {
  it("delivers copies to every subscriber of a channel and none after unsubscribe", async () => {
    const bus = new MemoryEventBus();
    const seen: unknown[] = [];
    const unsubscribe = await bus.subscribe("c", (message) => seen.push(message));
    await bus.subscribe("other", () => seen.push("wrong channel"));
    const sent = { n: 1 };
    expect(await bus.publish("c", sent)).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(seen[0]).not.toBe(sent);
    await unsubscribe();
    expect(await bus.publish("c", { n: 2 })).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it("keeps delivering when one handler throws, and reports the error", async () => {
    const errors: unknown[] = [];
    const bus = new MemoryEventBus({ onHandlerError: (error) => errors.push(error) });
    const seen: unknown[] = [];
    await bus.subscribe("c", () => {
      throw new Error("handler bug");
    });
    await bus.subscribe("c", (message) => seen.push(message));
    await bus.publish("c", "hello");
    expect(seen).toEqual(["hello"]);
    expect(errors).toHaveLength(1);
  });

  it("rejects unserialisable messages and empty channels with invalid_argument", async () => {
    const bus = new MemoryEventBus();
    await expect(bus.publish("c", 10n)).rejects.toMatchObject({ code: "invalid_argument" });
    await expect(bus.subscribe("", () => undefined)).rejects.toMatchObject({ code: "invalid_argument" });
  });
});
