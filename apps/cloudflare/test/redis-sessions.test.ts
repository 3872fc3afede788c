/**
 * 2025-11-25 sessions in Redis from the real workerd runtime: two `wrangler dev --local`
 * processes (two isolates that share nothing but Redis) behind a round-robin "load balancer",
 * driven by the official SDK clients. The session one isolate opens is served by the other,
 * and the record is in Redis under the deployment's key.
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { startLocalRuntime, stopAllRuntimes, type LocalRuntime } from "@chuk-mcp/app-serverless-examples/testing";
import { createRedisConnection, RedisSessionStore, type RedisConnection } from "@chuk-mcp/sessions";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as TransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const deploymentId = `test-cloudflare-${randomUUID()}`;
const runtimes: LocalRuntime[] = [];
let redis: RedisConnection;
let store: RedisSessionStore;

function startIsolate(name: string): Promise<LocalRuntime> {
  const vars = { REDIS_URL, ENVIRONMENT: "test", DEPLOYMENT_ID: deploymentId, MCP_SANDBOX_ID: name };
  return startLocalRuntime({
    command: "pnpm",
    args: ["run", "--silent", "serve:local", ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`])],
    cwd: appDirectory,
    env: { WRANGLER_SEND_METRICS: "false", CI: "true" },
    startupTimeoutMs: 100_000,
  });
}

beforeAll(async () => {
  runtimes.push(...(await Promise.all([startIsolate("isolate-a"), startIsolate("isolate-b")])));
  redis = await createRedisConnection({ url: REDIS_URL, env: {} });
  store = new RedisSessionStore({ connection: redis, environment: "test", deploymentId, sandboxId: "test" });
});

afterAll(async () => {
  await stopAllRuntimes();
  if (redis === undefined) return;
  for (const record of await store.list()) await store.delete(record.id);
  await redis.close();
});

/** Sends each request to the next runtime in turn and records which one served which JSON-RPC method. */
function roundRobin(): { fetch: typeof fetch; served: Array<{ port: number; method: string; session: string | null }> } {
  let next = 0;
  const served: Array<{ port: number; method: string; session: string | null }> = [];
  const balanced = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const runtime = runtimes[next++ % runtimes.length] as LocalRuntime;
    const target = new URL(input instanceof Request ? input.url : String(input));
    target.port = String(runtime.port);
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === "string" ? init.body : "";
    served.push({ port: runtime.port, method: init?.method === "POST" ? (JSON.parse(body || "{}").method ?? "response") : (init?.method ?? "GET"), session: headers.get("mcp-session-id") });
    return fetch(target, init);
  }) as typeof fetch;
  return { fetch: balanced, served };
}

const CLIENTS = [
  {
    label: "SDK v1 client",
    async connect(url: URL, balanced: typeof fetch) {
      const client = new ClientV1({ name: "workers-sessions-v1", version: "1.0.0" });
      const transport = new TransportV1(url, { fetch: balanced });
      await client.connect(transport);
      return {
        sessionId: () => transport.sessionId,
        add: (a: number, b: number) => client.callTool({ name: "add", arguments: { a, b } }),
        listTools: () => client.listTools(),
        terminate: () => transport.terminateSession(),
        close: () => client.close(),
      };
    },
  },
  {
    label: "SDK v2 client (2025-11-25)",
    async connect(url: URL, balanced: typeof fetch) {
      const client = new ClientV2({ name: "workers-sessions-v2", version: "1.0.0" });
      const transport = new TransportV2(url, { fetch: balanced });
      await client.connect(transport);
      expect(client.getNegotiatedProtocolVersion()).toBe("2025-11-25");
      return {
        sessionId: () => transport.sessionId,
        add: (a: number, b: number) => client.callTool({ name: "add", arguments: { a, b } }),
        listTools: () => client.listTools(),
        terminate: () => transport.terminateSession(),
        close: () => client.close(),
      };
    },
  },
];

describe("2025 sessions in Redis across two workerd isolates", () => {
  for (const { label, connect } of CLIENTS) {
    it(`${label}: initialize on one isolate, the session's later requests served by both, the record in Redis`, async () => {
      const balancer = roundRobin();
      const session = await connect(new URL(runtimes[0]?.url as string), balancer.fetch);
      const sessionId = session.sessionId();
      expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

      const record = await store.get(sessionId as string);
      expect(record?.state).toMatchObject({ protocolVersion: "2025-11-25" });
      expect(await redis.run("test", (client) => client.pttl(store.sessionKey(sessionId as string)))).toBeGreaterThan(0);

      expect(((await session.add(2, 3)) as { structuredContent?: unknown }).structuredContent).toEqual({ sum: 5 });
      expect((await session.listTools()).tools.map((tool) => tool.name)).toContain("calculate");
      expect(((await session.add(40, 2)) as { structuredContent?: unknown }).structuredContent).toEqual({ sum: 42 });
      // notifications/initialized was a background write on whichever isolate got it; ctx.waitUntil let it land.
      expect((await store.get(sessionId as string))?.state).toMatchObject({ initialized: true });

      const withSession = balancer.served.filter((request) => request.session === sessionId && request.method !== "GET");
      const ports = new Set(withSession.map((request) => request.port));
      expect(ports.size, JSON.stringify(balancer.served)).toBe(2);

      await session.terminate();
      expect(await store.get(sessionId as string)).toBeUndefined();
      await session.close();
    });
  }

  it("answers 404 on any isolate for a session id Redis does not know", async () => {
    for (const runtime of runtimes) {
      const response = await fetch(runtime.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-session-id": randomUUID(), "mcp-protocol-version": "2025-11-25" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
      expect(response.status).toBe(404);
    }
  });
});
