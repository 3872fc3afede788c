import { describe, expect, it } from "vitest";
import { ErrorCode, McpError } from "@chuk-mcp/core";
import { call, demoServer, ERAS } from "../../test/helpers.js";
import { MemoryRateLimitStore } from "./memory-store.js";
import { rateLimit } from "./rate-limit.js";
import type { RateLimitStore } from "./store.js";

const ann = { auth: { subject: "ann", scopes: [] } };
const bob = { auth: { subject: "bob", scopes: [] } };

describe.each(ERAS)("rateLimit() in the %s era", (era) => {
  it("refuses a caller past `default` with -32005 whose data says when to retry, other callers unaffected", async () => {
    const store = new MemoryRateLimitStore({ now: () => 5_000 }); // a still clock: exact retry times
    const server = demoServer().use(rateLimit({ default: { requests: 2, window_seconds: 60, per: "user" } }, { store }));
    expect((await call(server, era, "tools/call", { name: "write" }, ann)).result).toBeDefined();
    expect((await call(server, era, "tools/list", {}, ann)).result).toBeDefined();
    const refused = await call(server, era, "tools/call", { name: "write" }, ann);
    expect(refused.error?.code).toBe(ErrorCode.RateLimited);
    expect(refused.error?.message).toBe('Rate limited: rate limit "default" (2 requests per 60 s) exceeded; retry after 30 s');
    expect(refused.error?.data).toEqual({ retryAfterSeconds: 30, retryAfterMs: 30_000, rule: "default", limit: 2, windowSeconds: 60, reason: "limit_exceeded" });
    expect((await call(server, era, "tools/call", { name: "write" }, bob)).result).toBeDefined();
  });

  it("limits one tool by `tools` without touching the others", async () => {
    const server = demoServer().use(rateLimit({ tools: { write: { requests: 1, window_seconds: 10 } } }));
    expect((await call(server, era, "tools/call", { name: "write" }, ann)).result).toBeDefined();
    expect((await call(server, era, "tools/call", { name: "write" }, ann)).error?.data.rule).toBe("tool:write");
    expect((await call(server, era, "tools/call", { name: "echo", arguments: { text: "x" } }, ann)).result).toBeDefined();
  });

  it("limits every tool of an upstream server by `servers` (dotted proxy names)", async () => {
    const server = demoServer().use(rateLimit({ servers: { github: { requests: 2, window_seconds: 60, per: "global" } } }));
    expect((await call(server, era, "tools/call", { name: "github.search" }, ann)).result).toBeDefined();
    expect((await call(server, era, "tools/call", { name: "github.issues" }, bob)).result).toBeDefined();
    expect((await call(server, era, "tools/call", { name: "github.search" }, bob)).error?.data.rule).toBe("server:github");
    expect((await call(server, era, "tools/call", { name: "write" }, bob)).result).toBeDefined();
  });

  it("shares one `global` budget among all callers", async () => {
    const server = demoServer().use(rateLimit({ global: { requests: 1, window_seconds: 60 } }));
    expect((await call(server, era, "tools/list", {}, ann)).result).toBeDefined();
    expect((await call(server, era, "tools/list", {}, bob)).error?.data.rule).toBe("global");
  });

  it("counts per ip from the proxy's header, and anonymous callers together", async () => {
    const server = demoServer().use(rateLimit({ default: { requests: 1, window_seconds: 60, per: "ip" } }));
    const from = (ip: string) => ({ headers: { "x-forwarded-for": `${ip}, 10.0.0.1`, ...(era === "2026" ? { "mcp-protocol-version": "2026-07-28" } : {}) } });
    expect((await call(server, era, "tools/list", {}, from("192.0.2.1"))).result).toBeDefined();
    expect((await call(server, era, "tools/list", {}, from("192.0.2.1"))).error?.code).toBe(-32005);
    expect((await call(server, era, "tools/list", {}, from("192.0.2.2"))).result).toBeDefined();
    expect((await call(server, era, "tools/list")).result).toBeDefined();
    expect((await call(server, era, "tools/list")).error?.code).toBe(-32005);
  });

  it("fails open on a store error by default, telling onStoreError", async () => {
    const errors: unknown[] = [];
    const broken: RateLimitStore = { take: () => Promise.reject(new Error("store down")) };
    const server = demoServer().use(rateLimit({ default: { requests: 1, window_seconds: 60 } }, { store: broken, onStoreError: (error) => errors.push(error) }));
    expect((await call(server, era, "tools/list", {}, ann)).result).toBeDefined();
    expect((await call(server, era, "tools/list", {}, ann)).result).toBeDefined();
    expect(errors).toHaveLength(2);
  });

  it("fails closed when on_store_error is closed, with a -32005 saying the store is unreachable", async () => {
    const broken: RateLimitStore = {
      take: () => {
        throw new Error("store down");
      },
    };
    const server = demoServer().use(rateLimit({ default: { requests: 5, window_seconds: 60 }, on_store_error: "closed" }, { store: broken }));
    const refused = await call(server, era, "tools/list", {}, ann);
    expect(refused.error?.code).toBe(-32005);
    expect(refused.error?.data).toMatchObject({ reason: "store_unavailable", retryAfterSeconds: 1 });
    expect(refused.error?.message).toMatch(/store is unreachable/);
  });
});

describe("rateLimit() configuration", () => {
  it("rejects an unknown algorithm or rule key, naming where", () => {
    expect(() => rateLimit({ default: { requests: 1, window_seconds: 1, algorithm: "leaky" as never } })).toThrow(/rate_limits.default.algorithm: must be token_bucket or sliding_window, not "leaky"/);
    expect(() => rateLimit({ algorithm: "fixed" as never })).toThrow(/rate_limits.algorithm: must be token_bucket or sliding_window/);
    expect(() => rateLimit({ tools: { t: { requests: 1, window_seconds: 1, burst: 3 } as never } })).toThrow(/rate_limits.tools.t.burst: unknown key/);
  });

  it("counts a rule in a sliding window when the rule or the top level says so", async () => {
    let now = 0;
    const store = new MemoryRateLimitStore({ now: () => now });
    const server = demoServer().use(rateLimit({ algorithm: "sliding_window", tools: { write: { requests: 2, window_seconds: 10, per: "global" } } }, { store }));
    expect((await call(server, "2025", "tools/call", { name: "write" })).result).toBeDefined();
    expect((await call(server, "2026", "tools/call", { name: "write" })).result).toBeDefined();
    const refused = await call(server, "2025", "tools/call", { name: "write" });
    expect(refused.error?.data).toMatchObject({ rule: "tool:write", retryAfterMs: 15_000, retryAfterSeconds: 15 });
    now = 15_000; // half the previous window still counts: 2 × 0.5 = 1, one more fits
    expect((await call(server, "2025", "tools/call", { name: "write" })).result).toBeDefined();
    expect((await call(server, "2025", "tools/call", { name: "write" })).error?.code).toBe(-32005);
  });

  it("rejects malformed rules with a message naming the key and what to write", () => {
    expect(() => rateLimit({ default: { requests: 0, window_seconds: 60 } })).toThrow(/rate_limits.default.requests: must be a positive integer/);
    expect(() => rateLimit({ default: { requests: 1, window_seconds: -1 } })).toThrow(/window_seconds/);
    expect(() => rateLimit({ default: { requests: 1, window_seconds: 1, per: "planet" as never } })).toThrow(/per: must be one of ip, user, session, global/);
    expect(() => rateLimit({ tools: { x: { requests: 1 } as never } })).toThrow(/rate_limits.tools.x.window_seconds/);
    expect(() => rateLimit({ store: "postgres" as never })).toThrow(/"memory" or "redis"/);
    expect(() => rateLimit({ defaults: {} } as never)).toThrow(McpError);
  });

  it("takes no store call for a request no rule covers", async () => {
    let takes = 0;
    const store: RateLimitStore = { take: () => (takes++, { allowed: true, remaining: 1, retryAfterMs: 0 }) };
    const server = demoServer().use(rateLimit({ tools: { write: { requests: 1, window_seconds: 1 } } }, { store }));
    await call(server, "2025", "tools/list");
    await call(server, "2025", "tools/call", { name: "echo", arguments: { text: "a" } });
    expect(takes).toBe(0);
    await call(server, "2025", "tools/call", { name: "write" });
    expect(takes).toBe(1);
  });
});
