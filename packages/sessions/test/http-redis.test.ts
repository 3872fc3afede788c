import { Type } from "@chuk-mcp/core";
import { serve } from "@chuk-mcp/http/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpSessionBackend } from "../src/index.js";
import { createTestServer, delay, initialize, openStream, post, readUntil, sseIds, sseMessages } from "./http-helpers.js";
import { connectTestRedis, deleteKeysUnder, uniqueDeploymentId } from "./redis-helpers.js";

/** One instance: its own server, Redis connection and backend, as separate processes would have. */
async function startInstance(deploymentId: string) {
  const connection = await connectTestRedis();
  const backend = await createHttpSessionBackend({ provider: "redis", connection, environment: "test", deploymentId, sandboxId: "sbx", env: {} });
  const { server, release } = createTestServer();
  const running = await serve(server, {
    port: 0,
    keepAliveMs: 0,
    sessionStore: backend.sessionStore,
    eventStore: backend.eventStore,
    eventBus: backend.eventBus,
  });
  return { connection, backend, server, release, running };
}

type Instance = Awaited<ReturnType<typeof startInstance>>;

describe("two HTTP instances sharing one Redis", () => {
  const deploymentId = uniqueDeploymentId();
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    a = await startInstance(deploymentId);
    b = await startInstance(deploymentId);
  });

  afterAll(async () => {
    for (const instance of [a, b]) {
      await instance?.running.close();
      await instance?.backend.close();
    }
    if (a) await deleteKeysUnder(a.connection, `test:${deploymentId}:`);
    await a?.connection.close();
    await b?.connection.close();
  });

  it("serves on B a session opened on A, and keeps its state in Redis", async () => {
    const sessionId = await initialize(a.running.url);
    const call = await post(b.running.url, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 40, b: 2 } } }, { "mcp-session-id": sessionId });
    expect(call.status).toBe(200);
    expect(await call.json()).toEqual({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "42" }] } });
    const record = await a.backend.manager.get(sessionId);
    expect(record?.state).toMatchObject({ protocolVersion: "2025-11-25", clientInfo: { name: "sessions-test" } });
    const unknown = await post(b.running.url, { jsonrpc: "2.0", id: 2, method: "ping" }, { "mcp-session-id": "no-such-session" });
    expect(unknown.status).toBe(404);
  });

  it("resumes on B, with Last-Event-ID, a request stream A is still writing", async () => {
    const sessionId = await initialize(a.running.url);
    const call = await post(
      a.running.url,
      { jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "wait_for_release", arguments: {}, _meta: { progressToken: "t" } } },
      { "mcp-session-id": sessionId },
    );
    expect(call.headers.get("content-type")).toBe("text/event-stream");
    const first = await readUntil(call, (text) => text.includes('"waiting"'));
    const lastEventId = sseIds(first.text).at(-1)!;
    expect(a.running.handler.closeRequestStream(sessionId, 5)).toBe(true);
    await delay(50);
    const resumed = await openStream(b.running.url, sessionId, lastEventId);
    expect(resumed.status).toBe(200);
    await delay(50);
    a.release();
    const { text, done } = await readUntil(resumed, () => false);
    expect(done).toBe(true);
    const messages = sseMessages(text);
    expect(messages[0]).toMatchObject({ method: "notifications/progress", params: { progress: 2, message: "released" } });
    expect(messages.at(-1)).toEqual({ jsonrpc: "2.0", id: 5, result: { content: [{ type: "text", text: "released" }] } });
  });

  it("delivers a notification raised on A to the GET stream held by B (Redis pub/sub)", async () => {
    const sessionId = await initialize(a.running.url);
    const controller = new AbortController();
    const stream = await openStream(b.running.url, sessionId, undefined, controller.signal);
    expect(stream.status).toBe(200);
    await readUntil(stream, (text) => text.includes("data:"));
    await delay(100);
    a.server.tool({ name: "added_on_a", input: Type.Object({}), handler: async () => "new" });
    const { text } = await readUntil(stream, (received) => received.includes("list_changed"));
    expect(sseMessages(text)).toContainEqual({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    controller.abort();
  });

  it("ends a session everywhere when B deletes it", async () => {
    const sessionId = await initialize(a.running.url);
    const deleted = await fetch(b.running.url, { method: "DELETE", headers: { "mcp-session-id": sessionId }, signal: AbortSignal.timeout(5_000) });
    expect(deleted.status).toBe(200);
    // The termination reaches A over the Redis bus; on a loaded machine that can take longer
    // than a fixed 100 ms, so ask A (pings are side-effect free) until it answers 404, bounded.
    let status = 0;
    for (const deadline = Date.now() + 3_000; status !== 404 && Date.now() < deadline; ) {
      await delay(50);
      status = (await post(a.running.url, { jsonrpc: "2.0", id: 3, method: "ping" }, { "mcp-session-id": sessionId })).status;
    }
    expect(status).toBe(404);
    expect(await a.backend.manager.get(sessionId)).toBeUndefined();
  });
});
