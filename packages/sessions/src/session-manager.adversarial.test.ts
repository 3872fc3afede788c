/**
 * Client-chosen metadata keys on the session layer: prototype-named keys are ordinary keys
 * (stored, read back, removed), never a prototype write.
 */
import { describe, expect, it } from "vitest";
import { MemorySessionRecordStore } from "./memory-session-record-store.js";
import { SessionManager } from "./session-manager.js";

describe("SessionManager metadata with prototype-named keys", () => {
  it("stores __proto__, constructor and toString as plain keys and removes them again", async () => {
    const manager = new SessionManager({ store: new MemorySessionRecordStore({ reapIntervalMs: 0 }), sandboxId: "s" });
    const record = await manager.create({ id: "proto-keys" });
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c", "toString": 1}') as Record<string, unknown>;
    const updated = await manager.update(record.id, { metadata: hostile });
    expect(Object.keys(updated.metadata).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.getPrototypeOf(updated.metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const stored = await manager.get(record.id);
    expect(Object.hasOwn(stored?.metadata ?? {}, "__proto__")).toBe(true);
    const cleared = await manager.update(record.id, { metadata: JSON.parse('{"__proto__": null, "constructor": null}') as Record<string, unknown> });
    // null is a value here (the tools turn null into removal); undefined removes.
    expect(Object.keys(cleared.metadata).sort()).toEqual(["__proto__", "constructor", "toString"]);
    const removal = Object.fromEntries([["__proto__", undefined], ["constructor", undefined], ["toString", undefined]]);
    expect(Object.keys((await manager.update(record.id, { metadata: removal })).metadata)).toEqual([]);
  });
});
