import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAll, launch, waitForUrl, type AppProcess } from "./app-process.js";


/** POSTs one JSON-RPC message and returns the JSON-RPC reply, whether sent as JSON or SSE. */
async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body,
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("text/event-stream")
    ? text
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => JSON.parse(line.slice(5)) as Record<string, unknown>)
        .find((message) => "result" in message || "error" in message)
    : text === ""
      ? undefined
      : (JSON.parse(text) as Record<string, unknown>);
  return { status: response.status, headers: response.headers, json: json as Record<string, any> | undefined };
}

const rpc = (id: number, method: string, params?: unknown) => JSON.stringify({ jsonrpc: "2.0", id, method, params });

let server: AppProcess;
let url: string;
let session: Record<string, string>;

beforeAll(async () => {
  server = launch({ PORT: "0" });
  url = await waitForUrl(server);
  const init = await post(url, rpc(1, "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "smoke", version: "1" } }));
  expect(init.status).toBe(200);
  const id = init.headers.get("mcp-session-id");
  session = { "mcp-protocol-version": "2025-11-25", ...(id === null ? {} : { "mcp-session-id": id }) };
  await post(url, JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }), session);
});

afterAll(() => {
  killAll();
});

describe("apps/http (built, in a child process)", () => {
  it("prints its MCP URL on 127.0.0.1 to stderr", () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it("serves the shared example tools, calculator included", async () => {
    const list = await post(url, rpc(2, "tools/list"), session);
    expect(list.json?.result.tools.map((tool: { name: string }) => tool.name).sort()).toEqual(["add", "calculate", "hello", "whoami"]);
    const calculated = await post(url, rpc(3, "tools/call", { name: "calculate", arguments: { expression: "(1 + 2) * 3 ^ 2" } }), session);
    expect(calculated.json?.result.structuredContent).toEqual({ expression: "(1 + 2) * 3 ^ 2", result: 27 });
    const broken = await post(url, rpc(4, "tools/call", { name: "calculate", arguments: { expression: "2 +* 2" } }), session);
    expect(broken.json?.result.isError).toBe(true);
  });

  it("serves the 2026-07-28 era statelessly on the same endpoint", async () => {
    const meta = {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28",
      "io.modelcontextprotocol/clientCapabilities": {},
      "io.modelcontextprotocol/clientInfo": { name: "smoke", version: "1" },
    };
    const reply = await post(url, rpc(5, "tools/call", { name: "hello", arguments: { name: "Ada" }, _meta: meta }), {
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": "tools/call",
      "mcp-name": "hello",
    });
    expect(reply.json?.result.content[0].text).toBe("Hello, Ada!");
  });

  it("tells an unauthenticated caller that it is anonymous", async () => {
    const reply = await post(url, rpc(6, "tools/call", { name: "whoami", arguments: {} }), session);
    expect(reply.json?.result.content[0].text).toBe("anonymous");
  });

  it("answers a malformed body with HTTP 400 and JSON-RPC -32700", async () => {
    const reply = await post(url, "{not json", session);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ id: null, error: { code: -32700 } });
  });

  it("defaults to port 8000 without PORT (or says clearly that 8000 is taken)", async () => {
    const other = launch({});
    const started = Date.now();
    while (!/listening on|already in use/.test(other.stderr()) && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const output = other.stderr();
    if (output.includes("already in use")) {
      expect(output).toContain("Port 8000 on 127.0.0.1 is already in use");
      expect((await other.exited)[0]).toBe(1);
    } else {
      expect(output).toContain("http://127.0.0.1:8000/mcp");
      other.child.kill("SIGTERM");
      expect((await other.exited)[0]).toBe(0);
    }
  });

  it("rejects a bad --port with exit code 2 and no stack trace", async () => {
    const bad = launch({}, ["--port", "abc"]);
    const [code] = await bad.exited;
    expect(code).toBe(2);
    expect(bad.stderr()).toContain("Invalid --port 'abc'");
    expect(bad.stderr()).not.toMatch(/\n\s+at /);
  });

  it("shuts down with exit code 0 on SIGTERM", async () => {
    server.child.kill("SIGTERM");
    const [code] = await server.exited;
    expect(code).toBe(0);
  });
});
