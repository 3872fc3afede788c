import { Type } from "@chuk-mcp/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMcpHandler,
  MemoryEventStore,
  MemorySessionStateStore,
  type McpHandler,
  type SessionEventBus,
  type SessionStateStore,
} from "../src/index.js";
import { BOTH, createFixtureServer, INIT_BODY, postHeaders, sseIds, sseMessages } from "./fixtures.js";

const ENDPOINT = "http://127.0.0.1/mcp";

/** A process-local pub/sub with JSON round-trips, standing in for Redis between two handlers. */
function createLoopbackBus(): SessionEventBus & { published: number } {
  const channels = new Map<string, Set<(message: unknown, channel: string) => void>>();
  const bus = {
    published: 0,
    async publish(channel: string, message: unknown) {
      bus.published++;
      const text = JSON.stringify(message);
      for (const handler of channels.get(channel) ?? []) queueMicrotask(() => handler(JSON.parse(text), channel));
      return channels.get(channel)?.size ?? 0;
    },
    async subscribe(channel: string, handler: (message: unknown, channel: string) => void) {
      let set = channels.get(channel);
      if (set === undefined) channels.set(channel, (set = new Set()));
      set.add(handler);
      return async () => void set.delete(handler);
    },
  };
  return bus;
}

const handlers: McpHandler[] = [];
afterEach(async () => {
  await Promise.all(handlers.splice(0).map((handler) => handler.close()));
});

function twoInstances() {
  const shared = { sessionStore: new MemorySessionStateStore(), eventStore: new MemoryEventStore(), eventBus: createLoopbackBus(), keepAliveMs: 0 };
  const a = createFixtureServer();
  const b = createFixtureServer();
  const instanceA = createMcpHandler(a.server, shared);
  const instanceB = createMcpHandler(b.server, shared);
  handlers.push(instanceA, instanceB);
  return { a, b, instanceA, instanceB, shared };
}

function post(handler: McpHandler, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return handler.fetch(new Request(ENDPOINT, { method: "POST", headers: postHeaders(headers), body: JSON.stringify(body) }));
}

async function initialize(handler: McpHandler): Promise<string> {
  const response = await post(handler, INIT_BODY);
  expect(response.status).toBe(200);
  await response.text();
  const sessionId = response.headers.get("mcp-session-id")!;
  expect((await post(handler, { jsonrpc: "2.0", method: "notifications/initialized" }, { "mcp-session-id": sessionId })).status).toBe(202);
  return sessionId;
}

function get(handler: McpHandler, sessionId: string, lastEventId?: string): Promise<Response> {
  const headers: Record<string, string> = { accept: "text/event-stream", host: "127.0.0.1", "mcp-session-id": sessionId };
  if (lastEventId !== undefined) headers["last-event-id"] = lastEventId;
  return handler.fetch(new Request(ENDPOINT, { method: "GET", headers }));
}

/** Reads SSE text until `until` matches or the stream ends (bounded by the test timeout). */
async function readUntil(response: Response, until: (text: string) => boolean): Promise<{ text: string; done: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { text, done: true };
    text += decoder.decode(value, { stream: true });
    if (until(text)) {
      reader.releaseLock();
      return { text, done: false };
    }
  }
}

describe("two instances sharing stores and an event bus", () => {
  it("serves on B a session that was opened on A", async () => {
    const { instanceA, instanceB } = twoInstances();
    const sessionId = await initialize(instanceA);
    const call = await post(instanceB, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 } } }, { "mcp-session-id": sessionId });
    expect(call.status).toBe(200);
    expect(await call.json()).toEqual({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "5" }] } });
  });

  it("delivers a notification raised on A to the GET stream held by B", async () => {
    const { a, instanceA, instanceB } = twoInstances();
    const sessionId = await initialize(instanceA);
    const stream = await get(instanceB, sessionId);
    expect(stream.status).toBe(200);
    await readUntil(stream, (text) => text.includes("data:"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    a.server.tool({ name: "added_on_a", input: Type.Object({}), handler: async () => "new" });
    const { text } = await readUntil(stream, (received) => received.includes("list_changed"));
    expect(sseMessages(text)).toContainEqual({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    await stream.body?.cancel();
  });

  it("resumes on B a request stream that A is still writing, through to its result", async () => {
    const { a, instanceA, instanceB } = twoInstances();
    const sessionId = await initialize(instanceA);
    const call = await post(
      instanceA,
      { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "wait_for_release", arguments: {}, _meta: { progressToken: "p1" } } },
      { "mcp-session-id": sessionId },
    );
    expect(call.headers.get("content-type")).toBe("text/event-stream");
    const first = await readUntil(call, (text) => text.includes('"waiting"'));
    const lastId = sseIds(first.text).at(-1)!;
    expect(instanceA.closeRequestStream(sessionId, 7)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const resumed = await get(instanceB, sessionId, lastId);
    expect(resumed.status).toBe(200);
    a.controls.release();
    const { text, done } = await readUntil(resumed, () => false);
    expect(done).toBe(true);
    const messages = sseMessages(text);
    expect(messages.map((message) => (message.params as { message?: string } | undefined)?.message ?? message.result)).toEqual([
      "released",
      { content: [{ type: "text", text: "released" }] },
    ]);
    expect(messages.at(-1)?.id).toBe(7);
  });

  it("drops A's live copy when B ends the session, so A answers 404 too", async () => {
    const { instanceA, instanceB } = twoInstances();
    const sessionId = await initialize(instanceA);
    await (await post(instanceB, { jsonrpc: "2.0", id: 1, method: "ping" }, { "mcp-session-id": sessionId })).text();
    const deleted = await instanceB.fetch(new Request(ENDPOINT, { method: "DELETE", headers: { host: "127.0.0.1", "mcp-session-id": sessionId } }));
    expect(deleted.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await post(instanceA, { jsonrpc: "2.0", id: 2, method: "ping" }, { "mcp-session-id": sessionId });
    expect(after.status).toBe(404);
  });
});

describe("a failing session store", () => {
  function failingStore(code: string): SessionStateStore {
    const failure = Object.assign(new Error("Redis at 127.0.0.1:1 is unavailable"), { code });
    return {
      get: async () => {
        throw failure;
      },
      set: async () => {
        throw failure;
      },
      touch: async () => undefined,
      delete: async () => undefined,
    };
  }

  it("answers 503 with a JSON-RPC error and Retry-After when the store is unreachable", async () => {
    const errors: unknown[] = [];
    const handler = createMcpHandler(createFixtureServer().server, { sessionStore: failingStore("store_unavailable"), onError: (error) => errors.push(error) });
    handlers.push(handler);
    const call = await post(handler, { jsonrpc: "2.0", id: 9, method: "ping" }, { "mcp-session-id": "unknown-here" });
    expect(call.status).toBe(503);
    expect(call.headers.get("retry-after")).toBe("1");
    const body = (await call.json()) as { id: number; error: { code: number; message: string } };
    expect(body.id).toBe(9);
    expect(body.error.message).toMatch(/session store cannot be reached/);
    expect(errors).toHaveLength(1);
  });

  it("refuses an initialize it could not persist with 503 and no session id", async () => {
    const handler = createMcpHandler(createFixtureServer().server, { sessionStore: failingStore("store_unavailable"), onError: () => undefined });
    handlers.push(handler);
    const response = await post(handler, INIT_BODY);
    expect(response.status).toBe(503);
    expect(response.headers.get("mcp-session-id")).toBeNull();
    expect(((await response.json()) as { id: number }).id).toBe(0);
  });

  it("answers 503 to a DELETE whose store delete failed, so the client retries it", async () => {
    const memory = new MemorySessionStateStore();
    const store: SessionStateStore = {
      get: (id) => memory.get(id),
      set: (id, state, ttl) => memory.set(id, state, ttl),
      touch: (id, ttl) => memory.touch(id, ttl),
      delete: async () => {
        throw Object.assign(new Error("Redis down"), { code: "store_unavailable" });
      },
    };
    const handler = createMcpHandler(createFixtureServer().server, { sessionStore: store, onError: () => undefined });
    handlers.push(handler);
    const sessionId = await initialize(handler);
    const deleted = await handler.fetch(new Request(ENDPOINT, { method: "DELETE", headers: { host: "127.0.0.1", "mcp-session-id": sessionId } }));
    expect(deleted.status).toBe(503);
    expect(await memory.get(sessionId)).toBeDefined();
  });

  it("answers 500 for other store failures", async () => {
    const handler = createMcpHandler(createFixtureServer().server, { sessionStore: failingStore("store_failed"), onError: () => undefined });
    handlers.push(handler);
    const call = await post(handler, { jsonrpc: "2.0", id: 1, method: "ping" }, { "mcp-session-id": "x" });
    expect(call.status).toBe(500);
    expect(((await call.json()) as { error: { message: string } }).error.message).toMatch(/session store failed/);
  });
});

void BOTH;
