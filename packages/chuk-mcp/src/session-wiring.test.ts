import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { createSessionWiring, type SessionWiringInput } from "./session-wiring.js";
import { UsageError } from "./usage-error.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const quiet = createLogger({ level: "critical", stream: { write: () => undefined } });

function input(overrides: Partial<SessionWiringInput> = {}): SessionWiringInput {
  return { provider: "redis", env: { REDIS_URL, ENVIRONMENT: "chuk-mcp-test", DEPLOYMENT_ID: `wiring-${randomUUID()}` }, http: {}, logger: quiet, ...overrides };
}

describe("createSessionWiring", () => {
  it("adds nothing for the memory provider, so the transport keeps its own bounded stores", async () => {
    const wiring = await createSessionWiring(input({ provider: "memory" }));
    expect(wiring.options).toEqual({});
    await wiring.close();
  });

  it("leaves a user's own sessionStore alone", async () => {
    const logged: string[] = [];
    const logger = createLogger({ level: "info", stream: { write: (text: string) => logged.push(text) } });
    const sessionStore = { get: async () => undefined, set: async () => undefined, touch: async () => undefined, delete: async () => undefined };
    const wiring = await createSessionWiring(input({ http: { sessionStore }, logger }));
    expect(wiring.options).toEqual({});
    expect(logged.join("")).toContain("supplies its own session store");
  });

  it("gives the transport a Redis session store, event store and event bus", async () => {
    const wiring = await createSessionWiring(input());
    try {
      expect(Object.keys(wiring.options).sort()).toEqual(["eventBus", "eventStore", "sessionStore"]);
      const id = randomUUID();
      const state = { protocolVersion: "2025-11-25", initialized: true };
      await wiring.options.sessionStore?.set(id, state as never, 60_000);
      expect(await wiring.options.sessionStore?.get(id)).toMatchObject(state);
      await wiring.options.sessionStore?.delete(id);
      expect(await wiring.options.sessionStore?.get(id)).toBeUndefined();
    } finally {
      await wiring.close();
    }
  });

  // Regression: the transport saves state in the background; closing the connection right
  // away lost the write ("Connection is closed") and the next instance saw a stale session.
  it("lets background writes land before closing the connection", async () => {
    const env = input().env;
    const first = await createSessionWiring(input({ env }));
    const id = randomUUID();
    void first.options.sessionStore?.set(id, { protocolVersion: "2025-11-25", initialized: true } as never, 60_000);
    await first.close();
    const second = await createSessionWiring(input({ env }));
    try {
      expect(await second.options.sessionStore?.get(id)).toMatchObject({ initialized: true });
      await second.options.sessionStore?.delete(id);
    } finally {
      await second.close();
    }
  });

  it("turns a malformed REDIS_URL into a UsageError that names the variable", async () => {
    const error = await createSessionWiring(input({ env: { REDIS_URL: "redis://127.0.0.1:99999" } })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^Invalid REDIS_URL "redis:\/\/127\.0\.0\.1:99999": .* Use redis:\/\/\[user:password@\]host:port/);
  });

  // Regression (a 2025-era session is not bound to the identity that created it): through the
  // Redis wiring, the binding is stored with the state, so another instance refuses another user.
  it("keeps each session bound to its user across two instances sharing the wired Redis", async () => {
    const { createMcpHandler } = await import("@chuk-mcp/http");
    const { McpServer } = await import("@chuk-mcp/core");
    const env = input({ env: { ...input().env, ENVIRONMENT: "chuk:mcp-test" } }).env;
    const wirings = [await createSessionWiring(input({ env })), await createSessionWiring(input({ env }))];
    const authenticate = async (request: { headers: Record<string, string | undefined> }) => {
      const subject = request.headers.authorization?.replace(/^Bearer /, "");
      return subject ? { ok: true as const, auth: { subject, scopes: [] } } : { ok: false as const, status: 401, headers: {}, body: "{}" };
    };
    const handlers = wirings.map((wiring) => createMcpHandler(new McpServer({ name: "bound", version: "1.0.0" }), { ...wiring.options, authenticate, onError: () => undefined }));
    const post = (index: number, user: string, body: unknown, sessionId?: string) =>
      handlers[index]!.fetch(new Request("http://127.0.0.1/mcp", {
        method: "POST",
        headers: { host: "127.0.0.1", "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${user}`, ...(sessionId ? { "mcp-session-id": sessionId } : {}) },
        body: JSON.stringify(body),
      }));
    try {
      const init = await post(0, "alice", { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } });
      expect(init.status).toBe(200);
      const sessionId = init.headers.get("mcp-session-id") as string;
      const stored = await wirings[1]!.options.sessionStore?.get(sessionId);
      expect(stored).toMatchObject({ owner: { subject: "alice" } });
      expect((await post(1, "bob", { jsonrpc: "2.0", id: 1, method: "ping" }, sessionId)).status).toBe(404);
      expect((await post(1, "alice", { jsonrpc: "2.0", id: 2, method: "ping" }, sessionId)).status).toBe(200);
    } finally {
      for (const handler of handlers) await handler.close();
      for (const wiring of wirings) await wiring.close();
    }
  });
});
