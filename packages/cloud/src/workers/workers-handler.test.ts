import { randomUUID } from "node:crypto";
import { isBuiltin } from "node:module";
import { connect as connectTcp } from "node:net";
import { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import type { SocketConnect } from "@chuk-mcp/sessions/workers";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { createTestServer, statelessCall } from "../../test/server.js";
import { cloudflareHandler } from "../cloudflare.js";
import { createWorkersHandler, type WorkersHandler } from "./workers-handler.js";

/** `cloudflare:sockets`' `connect` shape on Node TCP, to reach the real Redis from vitest (workerd runs in apps/cloudflare). */
const connect: SocketConnect = ({ hostname, port }) => {
  const socket = connectTcp({ host: hostname, port });
  const { readable, writable } = Duplex.toWeb(socket);
  return { readable: readable as ReadableStream<Uint8Array>, writable: writable as WritableStream<Uint8Array>, close: () => void socket.destroy() };
};

const handlers: WorkersHandler[] = [];
afterAll(async () => {
  await Promise.all(handlers.map((handler) => handler.dispose()));
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("https://w.workers.dev/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });
const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } };

describe("the workers entry", () => {
  it("bundles for the browser platform with no Node built-in and no ioredis reachable", async () => {
    const reached: string[] = [];
    await build({
      entryPoints: [fileURLToPath(new URL("../workers.ts", import.meta.url))],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      logLevel: "silent",
      plugins: [
        {
          name: "no-node",
          setup: (builder) =>
            builder.onResolve({ filter: /.*/ }, (args) => (isBuiltin(args.path) || args.path === "ioredis" ? (reached.push(`${args.path} from ${args.importer}`), { path: args.path, external: true }) : undefined)),
        },
      ],
    });
    expect(reached).toEqual([]);
  });
});

describe("createWorkersHandler", () => {
  it("is stateless without REDIS_URL / SESSION_PROVIDER: no Mcp-Session-Id", async () => {
    const handler = await createWorkersHandler(createTestServer(), { env: { SOME_KV: {} } });
    handlers.push(handler);
    expect(handler.sessions).toBe("stateless");
    expect((await handler.fetch(post(initialize))).headers.get("mcp-session-id")).toBeNull();
  });

  it("refuses Redis sessions without a socket, saying which import to pass", async () => {
    await expect(createWorkersHandler(createTestServer(), { env: { REDIS_URL: "redis://127.0.0.1:6379" } })).rejects.toThrow(/import \{ connect \} from "cloudflare:sockets"/);
  });

  it("keeps 2025 sessions in Redis over the socket client, so a second isolate serves a session the first opened", async () => {
    const deploymentId = `cloud-workers-${randomUUID()}`;
    const env = { REDIS_URL: "redis://127.0.0.1:6379", ENVIRONMENT: "test", DEPLOYMENT_ID: deploymentId, MCP_SANDBOX_ID: "isolate" };
    const first = await createWorkersHandler(createTestServer(), { env, connect });
    const second = await createWorkersHandler(createTestServer(), { env, connect });
    handlers.push(first, second);
    expect(first.sessions).toBe("redis");
    const waited: Promise<unknown>[] = [];
    const context = { waitUntil: (promise: Promise<unknown>) => void waited.push(promise) };
    const worker = cloudflareHandler(first);
    const init = await worker.fetch(post(initialize), {}, context);
    const sessionId = init.headers.get("mcp-session-id") as string;
    expect(sessionId).toMatch(/.+/);
    await init.text();
    const headers = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" };
    expect((await worker.fetch(post({ jsonrpc: "2.0", method: "notifications/initialized" }, headers), {}, context)).status).toBe(202);
    // What a Worker's runtime does with ctx.waitUntil: keep the isolate until the writes land.
    expect(waited.length).toBe(2);
    await Promise.all(waited);
    const call = await second.fetch(post({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } } }, headers));
    expect(call.status).toBe(200);
    expect((await call.json()).result.structuredContent).toEqual({ sum: 3 });
    const deleted = await second.fetch(new Request("https://w.workers.dev/mcp", { method: "DELETE", headers }));
    expect(deleted.status).toBeLessThan(300);
    // Gone from Redis: an isolate that never held it live answers 404. (One that holds a live
    // copy keeps it until it idles out: telling it needs an event bus, i.e. a Durable Object.)
    const third = await createWorkersHandler(createTestServer(), { env, connect });
    handlers.push(third);
    expect((await third.fetch(post({ jsonrpc: "2.0", id: 3, method: "tools/list" }, headers))).status).toBe(404);
  });

  it("still answers the 2026-07-28 era statelessly with sessions on", async () => {
    const handler = await createWorkersHandler(createTestServer(), { env: { SESSION_PROVIDER: "redis" }, connect });
    handlers.push(handler);
    const call = statelessCall(1, "tools/list");
    const response = await handler.fetch(new Request("https://w.workers.dev/mcp", { method: "POST", headers: call.headers, body: call.body }));
    expect(response.status).toBe(200);
    expect(response.headers.get("mcp-session-id")).toBeNull();
  });
});
