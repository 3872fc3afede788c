import { afterEach, describe, expect, it } from "vitest";
import { createFixtureServer, INIT_BODY, postHeaders, sseIds, sseMessages } from "../test/fixtures.js";
import { createMcpHandler, type McpHandler } from "./handler.js";

const URL_ = "http://127.0.0.1/mcp";
let handler: McpHandler | undefined;

afterEach(async () => {
  await handler?.close();
  handler = undefined;
});

async function post(target: McpHandler, body: unknown, headers: Record<string, string>): Promise<Response> {
  return target.fetch(new Request(URL_, { method: "POST", headers, body: JSON.stringify(body) }));
}

async function startSession(): Promise<{ handler: McpHandler; sessionId: string; release: () => void }> {
  const fixture = createFixtureServer();
  handler = createMcpHandler(fixture.server, { responseMode: "sse" });
  const initialized = await post(handler, INIT_BODY, postHeaders());
  const sessionId = initialized.headers.get("mcp-session-id") as string;
  await initialized.text();
  await (await post(handler, { jsonrpc: "2.0", method: "notifications/initialized" }, postHeaders({ "mcp-session-id": sessionId }))).text();
  return { handler, sessionId, release: fixture.controls.release };
}

async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const { value } = await reader.read();
  return value === undefined ? "" : new TextDecoder().decode(value);
}

describe("RequestExchange with responseMode sse", () => {
  it("sends an answer finished within the turn as one chunk: priming event, then the result, both resumable", async () => {
    const { handler, sessionId } = await startSession();
    const call = { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 } } };
    // The first call loads the schema compiler (a dynamic import, past the turn): use the second.
    await (await post(handler, call, postHeaders({ "mcp-session-id": sessionId }))).text();
    const response = await post(handler, call, postHeaders({ "mcp-session-id": sessionId }));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const text = await readChunk(reader);
    const [primingId, resultId] = sseIds(text);
    expect(text).toBe(`id: ${primingId}\nretry: 1000\ndata: \n\nid: ${resultId}\ndata: {"jsonrpc":"2.0","id":3,"result":{"content":[{"type":"text","text":"5"}]}}\n\n`);
    expect((await reader.read()).done).toBe(true);
    const resumed = await handler.fetch(
      new Request(URL_, { headers: { accept: "text/event-stream", "mcp-session-id": sessionId, "last-event-id": primingId as string } }),
    );
    expect(resumed.status).toBe(200);
    const replay = await resumed.text();
    expect(sseIds(replay)).toEqual([resultId]);
    expect(sseMessages(replay)).toEqual([{ jsonrpc: "2.0", id: 3, result: { content: [{ type: "text", text: "5" }] } }]);
  });

  it("opens the stream with everything so far while the handler is still running, then continues live", async () => {
    const { handler, sessionId, release } = await startSession();
    const call = { jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "wait_for_release", arguments: {}, _meta: { progressToken: 4 } } };
    const response = await post(handler, call, postHeaders({ "mcp-session-id": sessionId }));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await readChunk(reader);
    expect(first).toContain("retry: 1000\ndata: \n\n");
    expect(sseMessages(first).map((message) => message.method)).toEqual(["notifications/progress"]);
    release();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(sseMessages(rest).map((message) => message.method ?? "result")).toEqual(["notifications/progress", "result"]);
    expect(new Set(sseIds(first + rest)).size).toBe(4);
  });
});
