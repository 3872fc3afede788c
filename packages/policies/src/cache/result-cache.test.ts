import { describe, expect, it } from "vitest";
import { visibility } from "@chuk-mcp/core";
import { call, demoServer, ERAS } from "../../test/helpers.js";
import { resultCache } from "./result-cache.js";

const ann = { auth: { subject: "ann", scopes: [] } };
const bob = { auth: { subject: "bob", scopes: [] } };
const text = (reply: { result?: { content?: { text: string }[] } }) => reply.result?.content?.[0]?.text;

describe.each(ERAS)("resultCache() in the %s era", (era) => {
  it("serves a readOnlyHint tool's repeated call from the cache, per caller and per arguments", async () => {
    const cache = resultCache({ ttl_seconds: 60 });
    const server = demoServer().use(cache);
    const first = text(await call(server, era, "tools/call", { name: "echo", arguments: { text: "a" } }, ann));
    expect(text(await call(server, era, "tools/call", { name: "echo", arguments: { text: "a" } }, ann))).toBe(first);
    expect(text(await call(server, era, "tools/call", { name: "echo", arguments: { text: "b" } }, ann))).not.toBe(first);
    expect(text(await call(server, era, "tools/call", { name: "echo", arguments: { text: "a" } }, bob))).not.toBe(first);
    expect(cache.size).toBe(3);
  });

  it("never caches tools without the hints, tool errors, or resources unless asked", async () => {
    const server = demoServer().use(resultCache());
    expect(text(await call(server, era, "tools/call", { name: "write" }))).not.toBe(text(await call(server, era, "tools/call", { name: "write" })));
    await call(server, era, "tools/call", { name: "broken" });
    const doc = async () => (await call(server, era, "resources/read", { uri: "test://doc" })).result?.contents[0].text;
    expect(await doc()).not.toBe(await doc());
  });

  it("caches resources/read with resources: true and expires entries after the TTL", async () => {
    let now = 0;
    const server = demoServer().use(resultCache({ resources: true, ttl_seconds: 10 }, { now: () => now }));
    const doc = async () => (await call(server, era, "resources/read", { uri: "test://doc" })).result?.contents[0].text as string;
    const first = await doc();
    now = 9_999;
    expect(await doc()).toBe(first);
    now = 10_001;
    expect(await doc()).not.toBe(first);
  });
});

describe("resultCache()", () => {
  it("keeps the eras apart (a 2025 result is never served to a 2026 caller)", async () => {
    const server = demoServer().use(resultCache({ scope: "shared" }));
    const legacy = await call(server, "2025", "tools/call", { name: "echo", arguments: { text: "a" } });
    const modern = await call(server, "2026", "tools/call", { name: "echo", arguments: { text: "a" } });
    expect(legacy.result.resultType).toBeUndefined();
    expect(modern.result.resultType).toBe("complete");
  });

  it("treats argument key order as the same call and honours an explicit tool list", async () => {
    const server = demoServer().use(resultCache({ tools: ["write"] }));
    expect(text(await call(server, "2025", "tools/call", { name: "write", arguments: { a: 1, b: 2 } }))).toBe(
      text(await call(server, "2025", "tools/call", { name: "write", arguments: { b: 2, a: 1 } })),
    );
    const echo = () => call(server, "2025", "tools/call", { name: "echo", arguments: { text: "a" } });
    expect(text(await echo())).not.toBe(text(await echo()));
  });

  it("drops the least recently used entry past max_entries, and clear() empties it", async () => {
    const cache = resultCache({ max_entries: 2 });
    const server = demoServer().use(cache);
    for (const value of ["a", "b", "c"]) await call(server, "2025", "tools/call", { name: "echo", arguments: { text: value } });
    expect(cache.size).toBe(2);
    await cache.clear();
    expect(cache.size).toBe(0);
  });

  it("regression: installed after visibility(), a cached result is not served to a caller who may not see the tool", async () => {
    const server = demoServer()
      .use(visibility({ tools: (tool, context) => tool.name !== "echo" || context.userId === "ann" }))
      .use(resultCache({ scope: "shared" }));
    expect(text(await call(server, "2025", "tools/call", { name: "echo", arguments: { text: "a" } }, ann))).toMatch(/^echo a/);
    expect((await call(server, "2025", "tools/call", { name: "echo", arguments: { text: "a" } }, bob)).error?.message).toMatch(/Unknown tool/);
  });

  it("rejects a bad ttl or size", () => {
    expect(() => resultCache({ ttl_seconds: 0 })).toThrow(/ttl_seconds/);
    expect(() => resultCache({ max_entries: 1.5 })).toThrow(/max_entries/);
  });
});
