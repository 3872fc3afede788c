/**
 * The web `fetch` handler and the Node fast path must give byte-identical answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMcpHandler, type McpHandler } from "../src/index.js";
import { serve, type RunningServer } from "../src/node.js";
import { createFixtureServer, INIT_BODY, postHeaders, statelessBody, statelessHeaders } from "./fixtures.js";

let running: RunningServer;
let handler: McpHandler;

beforeAll(async () => {
  running = await serve(createFixtureServer().server, { port: 0, sessions: false });
  handler = createMcpHandler(createFixtureServer().server, { sessions: false, allowedHosts: ["127.0.0.1", "localhost", "[::1]"] });
});

afterAll(async () => {
  await running.close();
  await handler.close();
});

interface Answer {
  status: number;
  contentType: string | null;
  sessionHeader: string | null;
  body: string;
}

async function capture(response: Response): Promise<Answer> {
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    sessionHeader: response.headers.get("mcp-session-id"),
    body: await response.text(),
  };
}

const cases: Array<[string, string, Record<string, string>]> = [
  ["initialize", JSON.stringify(INIT_BODY), postHeaders()],
  ["tools/list", JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }), postHeaders()],
  ["a tool call", JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } } }), postHeaders()],
  ["a progress stream", JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "progress", arguments: {}, _meta: { progressToken: 1 } } }), postHeaders()],
  ["a notification", JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }), postHeaders()],
  ["malformed JSON", "{not json", postHeaders()],
  ["a batch", "[]", postHeaders()],
  ["a wrong content type", "{}", postHeaders({ "content-type": "text/plain" })],
  ["a bad Accept", "{}", postHeaders({ accept: "application/json" })],
  ["an unsupported version", JSON.stringify({ jsonrpc: "2.0", id: 4, method: "tools/list" }), postHeaders({ "mcp-protocol-version": "1.0" })],
  ["a stateless tools/list", JSON.stringify(statelessBody(5, "tools/list")), statelessHeaders("tools/list")],
  ["a header mismatch", JSON.stringify(statelessBody(6, "tools/list")), statelessHeaders("prompts/list")],
  ["a removed method", JSON.stringify(statelessBody(7, "ping")), statelessHeaders("ping")],
  ["a foreign origin", JSON.stringify(INIT_BODY), postHeaders({ origin: "http://evil.example.com" })],
  ["an oversized body", JSON.stringify({ ...INIT_BODY, pad: "x".repeat(5 * 1024 * 1024) }), postHeaders()],
];

describe("fetch handler and Node fast path", () => {
  it.each(cases)("answer %s with the same status, type and bytes", async (_label, body, headers) => {
    const { host: _host, ...socketHeaders } = headers;
    const overSocket = await capture(await fetch(running.url, { method: "POST", headers: socketHeaders, body, signal: AbortSignal.timeout(10_000) }));
    const overFetch = await capture(await handler.fetch(new Request("http://127.0.0.1/mcp", { method: "POST", headers: { ...headers, host: `127.0.0.1:${running.port}` }, body })));
    expect(overSocket).toEqual(overFetch);
  });
});
