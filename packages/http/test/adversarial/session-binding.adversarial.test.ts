/**
 * Regression: "a 2025-era session is not bound to the identity that created it". Another
 * user's token with someone's Mcp-Session-Id, on every route, on one instance and across
 * instances sharing a store, must find nothing (the same 404 as an unknown id) and leave the
 * owner's session as it was; fixation (a session created by someone else) fails the same way.
 */
import { describe, expect, it } from "vitest";
import { createMcpHandler, MemoryEventStore, MemorySessionStateStore, type McpHandler } from "../../src/index.js";
import { TRANSPORT } from "../../src/handler.js";
import { bearer, callTool, initialize, post, probeServer, send, toolText, type Caller } from "./helpers.js";

const alice: Caller = { token: "alice" };
const bob: Caller = { token: "bob" };
const anonymous: Caller = {};
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

function authenticated(options: Parameters<typeof createMcpHandler>[1] = {}): McpHandler {
  return createMcpHandler(probeServer().server, { authenticate: bearer, ...options });
}

async function notFoundBody(handler: McpHandler, caller: Caller): Promise<unknown> {
  const response = await callTool(handler, caller, UNKNOWN, "whoami");
  expect(response.status).toBe(404);
  return response.json();
}

describe("session binding (regression: a 2025-era session is not bound to the identity that created it)", () => {
  it("answers another user's POST, GET, resumption and DELETE on a session with the 404 of an unknown id, and leaves the session intact", async () => {
    const handler = authenticated();
    const sessionId = await initialize(handler, alice);
    const expected = await notFoundBody(handler, bob);

    const stolenPost = await callTool(handler, bob, sessionId, "whoami");
    expect(stolenPost.status).toBe(404);
    expect(await stolenPost.json()).toEqual(expected);

    const stolenGet = await send(handler, bob, "GET", { accept: "text/event-stream", "mcp-session-id": sessionId });
    expect(stolenGet.status).toBe(404);
    const resumed = await send(handler, bob, "GET", { accept: "text/event-stream", "mcp-session-id": sessionId, "last-event-id": `${sessionId}.x_0` });
    expect(resumed.status).toBe(404);
    const stolenDelete = await send(handler, bob, "DELETE", { "mcp-session-id": sessionId });
    expect(stolenDelete.status).toBe(404);

    const owner = await callTool(handler, alice, sessionId, "whoami");
    expect(owner.status).toBe(200);
    expect(await toolText(owner)).toMatchObject({ sessionId, userId: "alice" });
    const stream = await send(handler, alice, "GET", { accept: "text/event-stream", "mcp-session-id": sessionId });
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
    expect((await send(handler, alice, "DELETE", { "mcp-session-id": sessionId })).status).toBe(200);
    expect((await callTool(handler, alice, sessionId, "whoami")).status).toBe(404);
    await handler.close();
  });

  it("refuses session fixation: a session created by an attacker is not usable by the victim it was handed to", async () => {
    const handler = authenticated();
    const planted = await initialize(handler, { token: "mallory" });
    const victim = await callTool(handler, alice, planted, "whoami");
    expect(victim.status).toBe(404);
    // And the attacker still sees only their own session, with nothing of the victim in it.
    expect(await toolText(await callTool(handler, { token: "mallory" }, planted, "whoami"))).toMatchObject({ userId: "mallory" });
    await handler.close();
  });

  it("binds to the client id too: the same subject through another OAuth client gets 404", async () => {
    const handler = authenticated();
    const sessionId = await initialize(handler, { token: "alice@desktop" });
    expect((await callTool(handler, { token: "alice@evil-app" }, sessionId, "whoami")).status).toBe(404);
    expect((await callTool(handler, alice, sessionId, "whoami")).status).toBe(404);
    expect((await callTool(handler, { token: "alice@desktop" }, sessionId, "whoami")).status).toBe(200);
    await handler.close();
  });

  it("keeps sessions usable without authentication, but an authenticated session is not usable anonymously and vice versa", async () => {
    const open = createMcpHandler(probeServer().server);
    const anon = await initialize(open, anonymous);
    expect((await callTool(open, anonymous, anon, "whoami")).status).toBe(200);
    await open.close();

    // A hook that lets anonymous callers through (no token: no auth) next to signed-in ones.
    const mixed = createMcpHandler(probeServer().server, {
      authenticate: async (input) => (input.headers.authorization === undefined ? { ok: true, auth: { scopes: [] } } : bearer(input)),
    });
    const signedIn = await initialize(mixed, alice);
    const anonymousSession = await initialize(mixed, anonymous);
    expect((await callTool(mixed, anonymous, signedIn, "whoami")).status).toBe(404);
    expect((await callTool(mixed, alice, anonymousSession, "whoami")).status).toBe(404);
    expect((await callTool(mixed, alice, signedIn, "whoami")).status).toBe(200);
    expect((await callTool(mixed, anonymous, anonymousSession, "whoami")).status).toBe(200);
    await mixed.close();
  });

  it("holds across instances sharing a store: the other instance does not even load a session for the wrong user", async () => {
    const sessionStore = new MemorySessionStateStore();
    const eventStore = new MemoryEventStore();
    const first = authenticated({ sessionStore, eventStore });
    const second = authenticated({ sessionStore, eventStore });
    const sessionId = await initialize(first, alice);
    for (const method of ["POST", "GET", "DELETE"] as const) {
      const response =
        method === "POST"
          ? await callTool(second, bob, sessionId, "whoami")
          : await send(second, bob, method, { accept: "text/event-stream", "mcp-session-id": sessionId });
      expect(response.status, method).toBe(404);
    }
    expect(second[TRANSPORT].registry?.size).toBe(0);
    expect(await sessionStore.get(sessionId)).toMatchObject({ owner: { subject: "alice" } });
    const moved = await callTool(second, alice, sessionId, "whoami");
    expect(moved.status).toBe(200);
    expect(await toolText(moved)).toMatchObject({ sessionId, userId: "alice" });
    await first.close();
    await second.close();
  });

  it("keeps the binding when the engine rewrites the session state (logging/setLevel)", async () => {
    const sessionStore = new MemorySessionStateStore();
    const handler = authenticated({ sessionStore });
    const sessionId = await initialize(handler, alice);
    const level = await post(handler, alice, { jsonrpc: "2.0", id: 5, method: "logging/setLevel", params: { level: "debug" } }, { "mcp-session-id": sessionId });
    await level.text();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await sessionStore.get(sessionId)).toMatchObject({ owner: { subject: "alice" } });
    await handler.close();
  });

  it("treats a stored session without a binding (written before bindings existed) as anonymous", async () => {
    const sessionStore = new MemorySessionStateStore();
    const handler = authenticated({ sessionStore });
    await sessionStore.set("legacy-session", { clientCapabilities: {}, subscriptions: [], initialized: true, protocolVersion: "2025-11-25" }, 60_000);
    expect((await callTool(handler, alice, "legacy-session", "whoami")).status).toBe(404);
    await handler.close();
  });
});
