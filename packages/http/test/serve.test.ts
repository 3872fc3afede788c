import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { serve, type RunningServer } from "../src/node.js";
import { TRANSPORT } from "../src/handler.js";
import type { ServeOptions } from "../src/node.js";
import { BOTH, createFixtureServer, INIT_BODY, sseIds, sseMessages, statelessBody, statelessHeaders } from "./fixtures.js";

let running: RunningServer | undefined;

async function start(options: ServeOptions = {}) {
  const fixture = createFixtureServer();
  running = await serve(fixture.server, { port: 0, ...options });
  return { running, ...fixture };
}

afterEach(async () => {
  await running?.close();
  running = undefined;
});

function post(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: BOTH, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: signal ?? AbortSignal.timeout(10_000),
  });
}

async function initialize(url: string): Promise<string> {
  const response = await post(url, INIT_BODY);
  expect(response.status).toBe(200);
  await response.text();
  const sessionId = response.headers.get("mcp-session-id") as string;
  expect((await post(url, { jsonrpc: "2.0", method: "notifications/initialized" }, { "mcp-session-id": sessionId })).status).toBe(202);
  return sessionId;
}

/** Reads SSE text until `until` matches or the stream ends. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: (text: string) => boolean): Promise<{ text: string; done: boolean }> {
  let text = "";
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { text, done: true };
    text += decoder.decode(value, { stream: true });
    if (until(text)) return { text, done: false };
  }
}

/** Raw request with full control of Host and body (fetch forbids setting Host). */
function rawRequest(
  url: string,
  options: { method: string; headers: Record<string, string | number>; body?: Buffer | string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = httpRequest(
      { hostname: target.hostname, port: target.port, path: target.pathname, method: options.method, headers: options.headers },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error("timed out")));
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

describe("serve() on a real socket", () => {
  it("binds a free port on 127.0.0.1 and answers initialize, tools/call, health and ready", async () => {
    const { running } = await start();
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/mcp`);
    const sessionId = await initialize(running.url);
    const call = await post(running.url, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 20, b: 22 } } }, { "mcp-session-id": sessionId });
    expect(await call.json()).toEqual({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "42" }] } });
    const base = `http://127.0.0.1:${running.port}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it("sends JSON answers and 202s with Content-Length, not chunked (regression: every reply went out chunked)", async () => {
    const { running } = await start();
    const body = JSON.stringify(statelessBody(7, "tools/call", { name: "add", arguments: { a: 1, b: 2 } }));
    const headers = { ...statelessHeaders("tools/call", "add"), "content-length": Buffer.byteLength(body) };
    const answer = await rawRequest(running.url, { method: "POST", headers, body });
    expect(answer.status).toBe(200);
    expect(answer.headers["transfer-encoding"]).toBeUndefined();
    expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength(answer.body)));
    expect(JSON.parse(answer.body)).toMatchObject({ id: 7, result: { content: [{ type: "text", text: "3" }] } });
    const refused = await rawRequest(running.url, { method: "POST", headers: { ...headers, "content-type": "text/plain" }, body });
    expect(refused.status).toBe(415);
    expect(refused.headers["content-length"]).toBe(String(Buffer.byteLength(refused.body)));
    const sessionId = await initialize(running.url);
    const note = JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" });
    const accepted = await rawRequest(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: BOTH, "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25", "content-length": note.length },
      body: note,
    });
    expect(accepted.status).toBe(202);
    expect(accepted.headers["transfer-encoding"]).toBeUndefined();
    expect(accepted.headers["content-length"]).toBe("0");
  });

  it("aborts a running handler when the client closes the connection, in both eras", async () => {
    const { running, controls } = await start();
    const sessionId = await initialize(running.url);
    const calls = [
      () => {
        const controller = new AbortController();
        const call = { jsonrpc: "2.0", id: 21, method: "tools/call", params: { name: "slow", arguments: { ms: 10_000 } } };
        return { controller, done: post(running.url, call, { "mcp-session-id": sessionId }, controller.signal) };
      },
      () => {
        const controller = new AbortController();
        const call = statelessBody(22, "tools/call", { name: "slow", arguments: { ms: 10_000 } });
        return { controller, done: post(running.url, call, statelessHeaders("tools/call", "slow"), controller.signal) };
      },
    ];
    for (const [index, begin] of calls.entries()) {
      const { controller, done } = begin();
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
      await done.catch(() => undefined);
      const deadline = Date.now() + 3_000;
      while (controls.aborted.length <= index && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(controls.aborted).toHaveLength(index + 1);
    }
  });

  it("streams progress over SSE and resumes a dropped stream with Last-Event-ID", async () => {
    const { running, controls } = await start();
    const sessionId = await initialize(running.url);
    const controller = new AbortController();
    const response = await post(
      running.url,
      { jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "wait_for_release", arguments: {}, _meta: { progressToken: 9 } } },
      { "mcp-session-id": sessionId },
      controller.signal,
    );
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await readUntil(reader, (text) => text.includes("waiting"));
    const seen = sseIds(first.text);
    expect(seen.length).toBe(2);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    controls.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const resumed = await fetch(running.url, {
      headers: { accept: "text/event-stream", "mcp-session-id": sessionId, "last-event-id": seen.at(-1) as string },
      signal: AbortSignal.timeout(5_000),
    });
    expect(resumed.status).toBe(200);
    const text = await resumed.text();
    const messages = sseMessages(text);
    expect(messages.map((message) => message.method ?? "result")).toEqual(["notifications/progress", "result"]);
    expect(messages[1]).toMatchObject({ id: 9, result: { content: [{ text: "released" }] } });
    expect(sseIds(text).every((id) => !seen.includes(id))).toBe(true);
  });

  it("closes a POST stream early on request (SEP-1699) and delivers the result on the resumed GET", async () => {
    const { running, controls } = await start({ retryMs: 250 });
    const sessionId = await initialize(running.url);
    const response = await post(
      running.url,
      { jsonrpc: "2.0", id: "r1", method: "tools/call", params: { name: "wait_for_release", arguments: {}, _meta: { progressToken: 1 } } },
      { "mcp-session-id": sessionId },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await readUntil(reader, (text) => text.includes("waiting"));
    expect(first.text).toContain("retry: 250");
    expect(running.handler.closeRequestStream(sessionId, "r1")).toBe(true);
    const rest = await readUntil(reader, () => false);
    expect(rest.done).toBe(true);
    expect(rest.text).toBe("");
    const lastId = sseIds(first.text).at(-1) as string;
    const resumed = await fetch(running.url, {
      headers: { accept: "text/event-stream", "mcp-session-id": sessionId, "last-event-id": lastId },
      signal: AbortSignal.timeout(5_000),
    });
    const resumedReader = (resumed.body as ReadableStream<Uint8Array>).getReader();
    setTimeout(() => controls.release(), 30);
    const replay = await readUntil(resumedReader, () => false);
    expect(sseMessages(replay.text).at(-1)).toMatchObject({ id: "r1", result: { content: [{ text: "released" }] } });
    expect(running.handler.closeRequestStream(sessionId, "r1")).toBe(false);
  });

  it("rejects Last-Event-ID values from other sessions with 400", async () => {
    const { running } = await start();
    const sessionId = await initialize(running.url);
    const response = await fetch(running.url, { headers: { accept: "text/event-stream", "mcp-session-id": sessionId, "last-event-id": "someone-else.x_3" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("Last-Event-ID") } });
  });

  it("terminates a session with DELETE", async () => {
    const { running } = await start();
    const sessionId = await initialize(running.url);
    const deleted = await fetch(running.url, { method: "DELETE", headers: { "mcp-session-id": sessionId } });
    expect(deleted.status).toBe(200);
    const after = await post(running.url, { jsonrpc: "2.0", id: 2, method: "tools/list" }, { "mcp-session-id": sessionId });
    expect(after.status).toBe(404);
  });

  it("rejects a DNS-rebinding Host and Origin with 403 and accepts localhost names", async () => {
    const { running } = await start();
    const body = JSON.stringify(INIT_BODY);
    const base = { "content-type": "application/json", accept: BOTH, "content-length": Buffer.byteLength(body) };
    const evil = await rawRequest(running.url, { method: "POST", headers: { ...base, host: "evil.example.com", origin: "http://evil.example.com" }, body });
    expect(evil.status).toBe(403);
    for (const host of [`localhost:${running.port}`, `127.0.0.1:${running.port}`, `[::1]:${running.port}`]) {
      const good = await rawRequest(running.url, { method: "POST", headers: { ...base, host, origin: `http://${host}` }, body });
      expect(good.status, host).toBe(200);
    }
    // Regression (ready skips the Host check): the probes get the same DNS-rebinding check.
    for (const probe of ["/health", "/ready"]) {
      const evilGet = await rawRequest(`http://127.0.0.1:${running.port}${probe}`, { method: "GET", headers: { host: "evil.example.com" } });
      expect(evilGet.status, probe).toBe(403);
      const good = await rawRequest(`http://127.0.0.1:${running.port}${probe}`, { method: "GET", headers: { host: `localhost:${running.port}` } });
      expect(good.status, probe).toBe(200);
    }
    const evilStream = await rawRequest(running.url, { method: "GET", headers: { host: "evil.example.com", accept: "text/event-stream" } });
    expect(evilStream.status).toBe(403);
  });

  it("counts sessions per client by the socket's peer address on the Node fast path and through the app", async () => {
    const { running } = await start({ maxSessionsPerClient: 2, authenticate: async (input) => (input.headers.authorization === "Bearer bob" ? { ok: true, auth: { subject: "bob", scopes: [] } } : { ok: true, auth: { scopes: [] } }) });
    const ids = [await initialize(running.url), await initialize(running.url), await initialize(running.url)];
    const registry = running.handler[TRANSPORT].registry;
    expect(registry?.sessionsOf("address:ip4:127.0.0.1")).toBe(2);
    expect((await post(running.url, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { "mcp-session-id": ids[0] as string })).status).toBe(404);
    // GET and DELETE go through the Hono app: the binding holds there too.
    const stolen = await fetch(running.url, { method: "DELETE", headers: { "mcp-session-id": ids[2] as string, authorization: "Bearer bob" } });
    expect(stolen.status).toBe(404);
    const own = await fetch(running.url, { method: "DELETE", headers: { "mcp-session-id": ids[2] as string } });
    expect(own.status).toBe(200);
  });

  it("answers 413 to a 5 MiB body without hanging, and keeps serving", async () => {
    const { running } = await start();
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const started = Date.now();
    const declared = await rawRequest(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: BOTH, "content-length": big.length },
      body: big,
    }).catch((error: unknown) => ({ status: -1, body: String(error), headers: {} }));
    expect(declared.status).toBe(413);
    const chunked = await fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: BOTH },
      body: new ReadableStream({
        start(controller) {
          for (let index = 0; index < 5; index++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
          controller.close();
        },
      }),
      duplex: "half",
      signal: AbortSignal.timeout(10_000),
    } as RequestInit).then(
      (response) => response.status,
      (error: unknown) => String(error),
    );
    expect(chunked).toBe(413);
    expect(Date.now() - started).toBeLessThan(5_000);
    const ok = await post(running.url, INIT_BODY);
    expect(ok.status).toBe(200);
  });

  it("loads the Hono routes only when first needed and hands out the same app after", async () => {
    const { running: server } = await start();
    const first = await server.loadApp();
    expect(typeof first.fetch).toBe("function");
    expect(await server.loadApp()).toBe(first);
    const health = await fetch(server.url.replace(/\/mcp$/, "/health"));
    expect(health.status).toBe(200);
  });

  it("serves 50 concurrent requests, each with its own answer", async () => {
    const { running } = await start();
    const sessionId = await initialize(running.url);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        post(running.url, { jsonrpc: "2.0", id: index, method: "tools/call", params: { name: "add", arguments: { a: index, b: 1000 } } }, { "mcp-session-id": sessionId }).then(
          (response) => response.json() as Promise<{ id: number; result: { content: Array<{ text: string }> } }>,
        ),
      ),
    );
    for (const [index, answer] of answers.entries()) {
      expect(answer.id).toBe(index);
      expect(answer.result.content[0]?.text).toBe(String(index + 1000));
    }
  });

  it("shuts down gracefully: readiness fails, the in-flight request finishes, then the port closes", async () => {
    const running = (await start()).running;
    const sessionId = await initialize(running.url);
    const base = `http://127.0.0.1:${running.port}`;
    const inFlight = post(running.url, { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "slow", arguments: { ms: 300 } } }, { "mcp-session-id": sessionId });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = running.close();
    expect(running.handler.closing).toBe(true);
    const answer = await inFlight;
    expect(await answer.json()).toMatchObject({ id: 3, result: { content: [{ text: "slept 300" }] } });
    await closing;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });

  it("ends open GET streams at shutdown so close() does not hang", async () => {
    const running = (await start()).running;
    const sessionId = await initialize(running.url);
    const get = await fetch(running.url, { headers: { accept: "text/event-stream", "mcp-session-id": sessionId } });
    expect(get.status).toBe(200);
    const reader = (get.body as ReadableStream<Uint8Array>).getReader();
    await readUntil(reader, (text) => text.includes("\n\n"));
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    const rest = await readUntil(reader, () => false).catch(() => ({ text: "", done: true }));
    expect(rest.done).toBe(true);
  });
});
