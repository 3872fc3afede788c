import { McpServer, Type } from "@chuk-mcp/core";
import type { AuthenticateRequest } from "@chuk-mcp/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createLegacySseHandler } from "./legacy-sse-handler.js";
import { serveLegacySse, type RunningLegacySseServer } from "./serve-legacy-sse.js";

function demoServer(): McpServer {
  const server = new McpServer({ name: "legacy-demo", version: "1.0.0" });
  server.tool({
    name: "echo",
    input: Type.Object({ text: Type.String() }),
    handler: async ({ text }, ctx) => {
      await ctx.progress(1, 2, "half");
      // The SDK v1 client handles notifications a microtask late and drops progress that arrives with the result.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return `echo: ${text} (${ctx.userId ?? "anonymous"})`;
    },
  });
  return server;
}

/** Accepts `Bearer alice` and `Bearer bob`; anything else is 401. */
const authenticate: AuthenticateRequest = async ({ headers }) => {
  const token = headers["authorization"]?.replace(/^Bearer /, "");
  if (token === "alice" || token === "bob") return { ok: true, auth: { token, subject: token, scopes: [] } };
  return { ok: false, status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' }, body: "bad token" };
};

async function readEndpoint(response: Response): Promise<{ endpoint: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  const text = new TextDecoder().decode(value);
  const match = /event: endpoint\ndata: (.+)\n/.exec(text);
  if (match === null) throw new Error(`no endpoint event in ${text}`);
  return { endpoint: match[1] as string, reader };
}

/** fetch cannot set Host, so this one goes through node:http. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

let running: RunningLegacySseServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("legacy HTTP+SSE transport", () => {
  it("serves the official SDK v1 SSEClientTransport: initialize, tools/list, tools/call with progress", async () => {
    running = await serveLegacySse(demoServer(), { port: 0 });
    const client = new Client({ name: "sdk-v1", version: "1.0.0" });
    await client.connect(new SSEClientTransport(new URL(running.url)));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["echo"]);
    const progress: number[] = [];
    const result = await client.callTool({ name: "echo", arguments: { text: "hi" } }, undefined, { onprogress: (event) => progress.push(event.progress) });
    expect(result.content).toEqual([{ type: "text", text: "echo: hi (anonymous)" }]);
    expect(progress).toEqual([1]);
    expect(running.handler.sessionCount).toBe(1);
    await client.close();
  });

  it("announces a relative endpoint with the session id and answers POSTs with 202", async () => {
    const handler = createLegacySseHandler(demoServer(), { keepAliveMs: 0 });
    const response = await handler.fetch(new Request("http://localhost/sse"));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const { endpoint, reader } = await readEndpoint(response);
    expect(endpoint).toMatch(/^\/messages\/\?session_id=[0-9a-f-]{36}$/);
    const post = await handler.fetch(
      new Request(`http://localhost${endpoint}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }) }),
    );
    expect(post.status).toBe(202);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n');
    await handler.close();
  });

  it("refuses POSTs without a session id, for an unknown session, with the wrong content type, or with bad JSON", async () => {
    const handler = createLegacySseHandler(demoServer(), { keepAliveMs: 0 });
    const post = (query: string, body: string, type = "application/json") =>
      handler.fetch(new Request(`http://localhost/messages/${query}`, { method: "POST", headers: { "content-type": type }, body }));
    expect((await post("", "{}")).status).toBe(400);
    const unknown = await post("?session_id=nope", "{}");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Could not find session");
    const { endpoint } = await readEndpoint(await handler.fetch(new Request("http://localhost/sse")));
    const id = endpoint.split("session_id=")[1] as string;
    expect((await post(`?session_id=${id}`, "{}", "text/plain")).status).toBe(415);
    const bad = await post(`?session_id=${id}`, "{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
    expect((await handler.fetch(new Request("http://localhost/sse", { method: "POST" }))).status).toBe(405);
    await handler.close();
  });

  it("checks Host and Origin like the Streamable HTTP transport (DNS rebinding)", async () => {
    running = await serveLegacySse(demoServer(), { port: 0 });
    const evilHost = await statusWithHost(running.url, "evil.example");
    expect(evilHost).toBe(403);
    const evilOrigin = await fetch(running.url, { headers: { origin: "https://evil.example" } });
    expect(evilOrigin.status).toBe(403);
    expect(await evilOrigin.text()).toContain("allowedOrigins");
    const health = await fetch(running.url.replace("/sse", "/health"));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", transport: "sse", sessions: 0 });
  });

  it("requires credentials on the stream and the messages, and binds a session to the principal that opened it", async () => {
    const handler = createLegacySseHandler(demoServer(), { authenticate, keepAliveMs: 0 });
    expect((await handler.fetch(new Request("http://localhost/sse"))).status).toBe(401);
    expect((await handler.fetch(new Request("http://localhost/sse", { headers: { authorization: "Bearer forged" } }))).status).toBe(401);
    const opened = await handler.fetch(new Request("http://localhost/sse", { headers: { authorization: "Bearer alice" } }));
    const { endpoint, reader } = await readEndpoint(opened);
    const send = (token: string | undefined) =>
      handler.fetch(
        new Request(`http://localhost${endpoint}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
          body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "ping" }),
        }),
      );
    expect((await send(undefined)).status).toBe(401);
    const hijack = await send("bob");
    expect(hijack.status).toBe(404);
    expect((await send("alice")).status).toBe(202);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"id":7');
    await handler.close();
  });

  it("closes the stream of a client that stops reading once maxQueuedMessages events wait (bounded queue)", async () => {
    const handler = createLegacySseHandler(demoServer(), { maxQueuedMessages: 3, keepAliveMs: 0 });
    const response = await handler.fetch(new Request("http://localhost/sse"));
    expect(handler.sessionCount).toBe(1);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    const endpoint = /data: (.+)\n/.exec(new TextDecoder().decode(first.value))?.[1] as string;
    // After the endpoint event nobody reads: every reply stays queued in the stream.
    for (let id = 1; id <= 5; id++) {
      await handler.fetch(new Request(`http://localhost${endpoint}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id, method: "ping" }) }));
    }
    await expect.poll(() => handler.sessionCount).toBe(0);
    const late = await handler.fetch(new Request(`http://localhost${endpoint}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    expect(late.status).toBe(404);
    await handler.close();
  });

  it("reaps a session idle for longer than idleTimeoutMs", async () => {
    const handler = createLegacySseHandler(demoServer(), { idleTimeoutMs: 200, keepAliveMs: 0 });
    await readEndpoint(await handler.fetch(new Request("http://localhost/sse")));
    expect(handler.sessionCount).toBe(1);
    await expect.poll(() => handler.sessionCount, { timeout: 5_000 }).toBe(0);
    await handler.close();
  });

  it("answers 503 past maxSessions and after close()", async () => {
    const handler = createLegacySseHandler(demoServer(), { maxSessions: 1, keepAliveMs: 0 });
    await readEndpoint(await handler.fetch(new Request("http://localhost/sse")));
    expect((await handler.fetch(new Request("http://localhost/sse"))).status).toBe(503);
    await handler.close();
    expect(handler.sessionCount).toBe(0);
    expect((await handler.fetch(new Request("http://localhost/sse"))).status).toBe(503);
  });
});
