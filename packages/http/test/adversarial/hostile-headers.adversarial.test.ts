/**
 * Hostile headers: forwarding headers from untrusted peers (regression: presigned links took
 * their scheme from a client-sent X-Forwarded-Proto), prototype-named, duplicated and huge
 * headers, prototype-named session ids, and the probes' Host check (regression: /ready skips
 * the Host check).
 */
import { describe, expect, it } from "vitest";
import { createMcpApp, createMcpHandler } from "../../src/index.js";
import { callTool, ENDPOINT, initialize, probeServer, send, toolText } from "./helpers.js";
import { INIT_BODY } from "../fixtures.js";

const FORWARDED = {
  "x-forwarded-proto": "https",
  "x-forwarded-host": "evil.example",
  "x-forwarded-for": "10.0.0.1",
  forwarded: "for=10.0.0.1;proto=https;host=evil.example",
  "x-real-ip": "10.0.0.1",
};

describe("forwarding headers (regression: a client-sent X-Forwarded-Proto is believed)", () => {
  it("removes them before the engine sees a request from an untrusted peer (default trustProxy: false)", async () => {
    const handler = createMcpHandler(probeServer().server);
    const caller = { address: "203.0.113.5", headers: FORWARDED };
    const sessionId = await initialize(handler, caller);
    expect(await toolText(await callTool(handler, caller, sessionId, "whoami"))).toMatchObject({ forwardedProto: null, forwardedHost: null, forwardedFor: null });
    await handler.close();
  });

  it("keeps them from a trusted proxy, by address or CIDR, and from anyone with trustProxy: true", async () => {
    for (const [trustProxy, address] of [[["10.0.0.0/8"], "10.1.2.3"], [["::1"], "::1"], [true, "203.0.113.5"]] as const) {
      const handler = createMcpHandler(probeServer().server, { trustProxy: trustProxy as boolean | string[] });
      const caller = { address, headers: FORWARDED };
      const sessionId = await initialize(handler, caller);
      expect(await toolText(await callTool(handler, caller, sessionId, "whoami"))).toMatchObject({ forwardedProto: "https", forwardedHost: "evil.example" });
      await handler.close();
    }
    const listed = createMcpHandler(probeServer().server, { trustProxy: ["10.0.0.0/8"] });
    const outsider = { address: "11.0.0.1", headers: FORWARDED };
    const sessionId = await initialize(listed, outsider);
    expect(await toolText(await callTool(listed, outsider, sessionId, "whoami"))).toMatchObject({ forwardedProto: null });
    await listed.close();
  });

  it("reports the real scheme of a request served over TLS directly", async () => {
    const handler = createMcpHandler(probeServer().server);
    const init = await handler.fetch(new Request("https://127.0.0.1/mcp", { method: "POST", headers: { host: "127.0.0.1", "content-type": "application/json", accept: "application/json, text/event-stream" }, body: JSON.stringify(INIT_BODY) }));
    const sessionId = init.headers.get("mcp-session-id") as string;
    const who = await handler.fetch(new Request("https://127.0.0.1/mcp", {
      method: "POST",
      headers: { host: "127.0.0.1", "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": sessionId },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "whoami", arguments: {} } }),
    }));
    expect(await toolText(who)).toMatchObject({ forwardedProto: "https" });
    await handler.close();
  });

  it("refuses a malformed trustProxy option at construction", () => {
    expect(() => createMcpHandler(probeServer().server, { trustProxy: ["not-an-ip"] })).toThrow(/trustProxy entry "not-an-ip"/);
    expect(() => createMcpHandler(probeServer().server, { trustProxy: "10.0.0.0/8" as never })).toThrow(/trustProxy must be/);
  });
});

describe("prototype-named, duplicated and huge headers", () => {
  it("answers prototype-named session ids with 404, never 500", async () => {
    const handler = createMcpHandler(probeServer().server);
    for (const id of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      const response = await callTool(handler, {}, id, "whoami");
      expect(response.status, id).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: -32001 } });
      expect((await send(handler, {}, "DELETE", { "mcp-session-id": id })).status, id).toBe(404);
      expect((await send(handler, {}, "GET", { accept: "text/event-stream", "mcp-session-id": id })).status, id).toBe(404);
    }
    await handler.close();
  });

  it("serves a request with prototype-named header names like any other", async () => {
    const handler = createMcpHandler(probeServer().server);
    const caller = { headers: { constructor: "x", ["__proto__"]: "y", tostring: "z", hasownproperty: "w" } as Record<string, string> };
    const sessionId = await initialize(handler, caller);
    const response = await callTool(handler, caller, sessionId, "whoami");
    expect(response.status).toBe(200);
    await handler.close();
  });

  it("answers two Mcp-Session-Id values (joined by the runtime) with 404, not another session", async () => {
    const handler = createMcpHandler(probeServer().server);
    const first = await initialize(handler, {});
    const second = await initialize(handler, {});
    const headers = new Headers({ host: "127.0.0.1", "content-type": "application/json", accept: "application/json, text/event-stream" });
    headers.append("mcp-session-id", first);
    headers.append("mcp-session-id", second);
    const response = await handler.fetch(new Request(ENDPOINT, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }) }));
    expect(response.status).toBe(404);
    await handler.close();
  });

  it("answers a 64 KiB session id and a 64 KiB Last-Event-ID without crashing", async () => {
    const handler = createMcpHandler(probeServer().server);
    const huge = "a".repeat(65_536);
    expect((await callTool(handler, {}, huge, "whoami")).status).toBe(404);
    const sessionId = await initialize(handler, {});
    const resumed = await send(handler, {}, "GET", { accept: "text/event-stream", "mcp-session-id": sessionId, "last-event-id": huge });
    expect(resumed.status).toBe(400);
    expect(await resumed.json()).toMatchObject({ error: { code: -32000 } });
    await handler.close();
  });
});

describe("probes (regression: /ready skips the Host check)", () => {
  it("applies the endpoint's Host/Origin policy to /health and /ready", async () => {
    const app = createMcpApp(probeServer().server, { allowedHosts: ["api.example.com"] });
    for (const path of ["/health", "/ready"]) {
      const evil = await app.fetch(new Request(`http://api.example.com${path}`, { headers: { host: "evil.example" } }));
      expect(evil.status, path).toBe(403);
      expect(await evil.json()).toMatchObject({ error: { message: expect.stringContaining("allowedHosts") } });
      const crossOrigin = await app.fetch(new Request(`http://api.example.com${path}`, { headers: { host: "api.example.com", origin: "http://evil.example" } }));
      expect(crossOrigin.status, path).toBe(403);
      const good = await app.fetch(new Request(`http://api.example.com${path}`, { headers: { host: "api.example.com" } }));
      expect(good.status, path).toBe(200);
    }
    await app.mcp.close();
  });
});

describe("prototype-named JSON-RPC methods in the transport's own lookups", () => {
  it("finds no routing parameter for them (the name table has no prototype)", async () => {
    const { checkRoutingHeaders } = await import("../../src/request-validation.js");
    for (const method of ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"]) {
      const params = { "[object Object]": "x", name: "x" };
      expect(checkRoutingHeaders({ "mcp-method": method }, method, params, 1), method).toBeUndefined();
    }
    expect(checkRoutingHeaders({ "mcp-method": "tools/call" }, "tools/call", { name: "x" }, 1)?.status).toBe(400);
  });
});
