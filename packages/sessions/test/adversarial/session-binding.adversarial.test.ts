/**
 * Regression: "a 2025-era session is not bound to the identity that created it", with real
 * JWTs checked by `@chuk-mcp/auth`'s resource server, on the memory and the Redis backends,
 * across two instances. User B with user A's Mcp-Session-Id gets 404 on POST, GET (and
 * resumption) and DELETE, on either instance, and A's session stays as it was; a session an
 * attacker created is not usable by the victim it is handed to; session tools see only the
 * bound user.
 */
import { createResourceServer } from "@chuk-mcp/auth";
import { McpServer, Type } from "@chuk-mcp/core";
import { serve, type RunningServer } from "@chuk-mcp/http/node";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpSessionBackend, registerSessionTools, type HttpSessionBackend } from "../../src/index.js";
import { ACCEPT_BOTH, INITIALIZE } from "../http-helpers.js";
import { connectTestRedis, deleteKeysUnder, uniqueDeploymentId } from "../redis-helpers.js";
import type { RedisConnection } from "../../src/redis-connection.js";

const SECRET = new TextEncoder().encode("adversarial-test-secret-0123456789abcdef");
const ISSUER = "https://issuer.test";
const AUDIENCE = "https://mcp.test/mcp";

function token(subject: string, clientId = "client-1"): Promise<string> {
  return new SignJWT({ scope: "mcp", client_id: clientId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(SECRET);
}

function serverWithTools(backend: HttpSessionBackend): McpServer {
  const server = new McpServer({ name: "binding", version: "1.0.0" });
  server.tool({ name: "whoami", input: Type.Object({}), handler: async (_args, ctx) => JSON.stringify({ sessionId: ctx.sessionId, userId: ctx.userId ?? null }) });
  registerSessionTools(server, backend.manager, { enable: ["get_current_session", "set_session", "get_session_info", "list_sessions"] });
  return server;
}

function post(url: string, bearer: string | undefined, body: unknown, sessionId?: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: ACCEPT_BOTH,
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
      ...(sessionId === undefined ? {} : { "mcp-session-id": sessionId }),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

async function initialize(url: string, bearer: string): Promise<string> {
  const response = await post(url, bearer, INITIALIZE);
  expect(response.status).toBe(200);
  await response.text();
  const sessionId = response.headers.get("mcp-session-id") as string;
  expect((await post(url, bearer, { jsonrpc: "2.0", method: "notifications/initialized" }, sessionId)).status).toBe(202);
  return sessionId;
}

function call(url: string, bearer: string, sessionId: string, name: string, args: Record<string, unknown> = {}): Promise<Response> {
  return post(url, bearer, { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name, arguments: args } }, sessionId);
}

async function toolJson(response: Response): Promise<Record<string, unknown>> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as { result: { isError?: boolean; content: Array<{ text: string }> } };
  return { isError: body.result.isError === true, ...(body.result.isError ? { text: body.result.content[0]?.text } : (JSON.parse(body.result.content[0]?.text ?? "{}") as object)) };
}

function other(url: string, bearer: string, method: "GET" | "DELETE", sessionId: string, lastEventId?: string): Promise<Response> {
  return fetch(url, {
    method,
    headers: { authorization: `Bearer ${bearer}`, accept: "text/event-stream", "mcp-session-id": sessionId, ...(lastEventId === undefined ? {} : { "last-event-id": lastEventId }) },
    signal: AbortSignal.timeout(10_000),
  });
}

for (const provider of ["memory", "redis"] as const) {
  describe(`session binding with real tokens on the ${provider} backend (regression: sessions not bound to their identity)`, () => {
    const deploymentId = uniqueDeploymentId();
    const resourceServer = createResourceServer({ resource: AUDIENCE, jwt: { secret: SECRET, issuer: ISSUER } });
    const authenticate = (input: Parameters<typeof resourceServer.authenticate>[0]) => resourceServer.authenticate(input);
    let connection: RedisConnection | undefined;
    const backends: HttpSessionBackend[] = [];
    const instances: RunningServer[] = [];
    let alice: string;
    let bob: string;

    beforeAll(async () => {
      [alice, bob] = [await token("alice"), await token("bob")];
      if (provider === "redis") connection = await connectTestRedis();
      const shared = provider === "memory" ? await createHttpSessionBackend({ provider, env: {}, sandboxId: "sbx" }) : undefined;
      for (let index = 0; index < 2; index++) {
        const backend =
          shared ?? (await createHttpSessionBackend({ provider: "redis", connection, environment: "test", deploymentId, sandboxId: "sbx", env: {} }));
        backends.push(backend);
        instances.push(await serve(serverWithTools(backend), { port: 0, keepAliveMs: 0, authenticate, ...backend, sessionStore: backend.sessionStore }));
      }
    });

    afterAll(async () => {
      for (const instance of instances) await instance.close();
      for (const backend of new Set(backends)) await backend.close();
      if (connection !== undefined) {
        await deleteKeysUnder(connection, `test:${deploymentId}:`);
        await connection.close();
      }
    });

    it("answers user B's POST, GET, resumption and DELETE on user A's session with 404 on both instances, and A's session is intact", async () => {
      const [a, b] = instances.map((instance) => instance.url) as [string, string];
      const sessionId = await initialize(a, alice);
      await toolJson(await call(a, alice, sessionId, "set_session", { metadata: { secret: "alice's" } }));
      for (const url of [a, b]) {
        const stolen = await call(url, bob, sessionId, "get_current_session");
        expect(stolen.status).toBe(404);
        expect(await stolen.json()).toMatchObject({ error: { code: -32001 } });
        expect((await other(url, bob, "GET", sessionId)).status).toBe(404);
        expect((await other(url, bob, "GET", sessionId, `${sessionId}.x_1`)).status).toBe(404);
        expect((await other(url, bob, "DELETE", sessionId)).status).toBe(404);
      }
      // The same subject through another OAuth client is another identity.
      expect((await call(b, await token("alice", "client-2"), sessionId, "whoami")).status).toBe(404);
      const mine = await toolJson(await call(b, alice, sessionId, "get_current_session"));
      expect(mine).toMatchObject({ sessionId, userId: "alice", metadata: { secret: "alice's" } });
      expect((await backends[0]!.manager.get(sessionId))?.userId).toBe("alice");
      expect((await other(b, alice, "DELETE", sessionId)).status).toBe(200);
      // Without an event bus (memory) the other instance's live copy is not told; with Redis it is.
      for (const url of provider === "redis" ? [a, b] : [b]) expect((await call(url, alice, sessionId, "whoami")).status).toBe(404);
    });

    it("refuses fixation: the session an attacker created is 404 for the victim, and nothing the victim stores lands in it", async () => {
      const [a, b] = instances.map((instance) => instance.url) as [string, string];
      const planted = await initialize(a, await token("mallory"));
      for (const url of [a, b]) expect((await call(url, alice, planted, "set_session", { metadata: { card: "4111" } })).status).toBe(404);
      const attackerView = await toolJson(await call(a, await token("mallory"), planted, "get_current_session"));
      expect(attackerView).toMatchObject({ userId: "mallory", metadata: {} });
    });

    it("lets session tools reach only the bound user's sessions: get_session_info of another user's id is not found", async () => {
      const [a] = instances.map((instance) => instance.url) as [string];
      const aliceSession = await initialize(a, alice);
      const bobSession = await initialize(a, bob);
      const probe = await toolJson(await call(a, bob, bobSession, "get_session_info", { session_id: aliceSession }));
      expect(probe).toMatchObject({ isError: true, text: expect.stringContaining("not found") });
      const listed = (await toolJson(await call(a, bob, bobSession, "list_sessions"))) as { sessions: Array<{ sessionId: string }> };
      expect(listed.sessions.map((session) => session.sessionId)).not.toContain(aliceSession);
    });
  });
}
