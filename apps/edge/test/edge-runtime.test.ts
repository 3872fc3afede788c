/**
 * `@chuk-mcp/core` and the root entry of `@chuk-mcp/http` running in an edge runtime: the worker
 * is bundled with no Node built-ins allowed and evaluated in `@edge-runtime/vm`, where code
 * generation from strings is forbidden (as on Vercel Edge and Cloudflare Workers).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as nodeWorker from "../worker/worker.js";
import { bundleForEdge } from "./bundle.js";
import { ENDPOINT, startEdgeWorker, type EdgeReply, type EdgeWorker } from "./edge-worker.js";

const WORKER_ENTRY = fileURLToPath(new URL("../worker/worker.ts", import.meta.url));
const BAD_ENTRY = fileURLToPath(new URL("../worker/imports-node.ts", import.meta.url));
const SERVER_INFO_META = { "io.modelcontextprotocol/serverInfo": { name: "edge-worker", version: "1.0.0" } };
const BASE_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream", host: "127.0.0.1" };

/** Headers of a 2026-07-28 stateless request. */
function statelessHeaders(method: string, name?: string): Record<string, string> {
  return { ...BASE_HEADERS, "mcp-protocol-version": "2026-07-28", "mcp-method": method, ...(name === undefined ? {} : { "mcp-name": name }) };
}

/** A 2026-07-28 request body (per-request `_meta` instead of a session). */
function statelessBody(id: number, method: string, params: Record<string, unknown> = {}): string {
  const _meta = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": { name: "edge-test", version: "1.0.0" },
  };
  return JSON.stringify({ jsonrpc: "2.0", id, method, params: { ...params, _meta } });
}

function json(reply: EdgeReply): Record<string, unknown> {
  return JSON.parse(reply.body) as Record<string, unknown>;
}

let worker: EdgeWorker;

beforeAll(async () => {
  worker = startEdgeWorker(await bundleForEdge(WORKER_ENTRY, "EdgeWorker"), "EdgeWorker");
});

afterAll(async () => {
  await worker?.close();
  await nodeWorker.close();
});

describe("bundling for the edge", () => {
  it("fails the build when a module imports a Node built-in, naming the import", async () => {
    await expect(bundleForEdge(BAD_ENTRY, "Bad")).rejects.toThrow(/Node built-in "node:fs" imported by .*imports-node\.ts/);
  });
});

describe("the edge VM", () => {
  it("forbids code generation from strings, like Vercel Edge and Workers", async () => {
    const outcome = await worker.evaluateJson<string[]>(`[
      (() => { try { new Function("return 1"); return "allowed"; } catch (error) { return error.message; } })(),
      (() => { try { eval("1"); return "allowed"; } catch (error) { return error.message; } })(),
    ]`);
    expect(outcome).toEqual(["Code generation from strings disallowed for this context", "Code generation from strings disallowed for this context"]);
  });

  it("makes TypeBox fall back to its interpreter instead of compiled validators", async () => {
    expect(await worker.evaluateJson<boolean>("EdgeWorker.typeboxAccelerated()")).toBe(false);
    expect(nodeWorker.typeboxAccelerated()).toBe(true);
  });
});

describe("2026-07-28 stateless requests in the edge VM", () => {
  it("answers server/discover with the versions, capabilities and server info", async () => {
    const reply = await worker.post(statelessHeaders("server/discover"), statelessBody(1, "server/discover"));
    expect(reply.status).toBe(200);
    expect(reply.isEdgeResponse).toBe(true);
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(reply.headers["mcp-session-id"]).toBeUndefined();
    expect(json(reply)).toEqual({
      jsonrpc: "2.0",
      id: 1,
      result: {
        supportedVersions: ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"],
        capabilities: {
          tools: { listChanged: true },
          resources: { subscribe: true, listChanged: true },
          prompts: { listChanged: true },
          logging: {},
          completions: {},
          extensions: { "io.modelcontextprotocol/tasks": {} },
        },
        resultType: "complete",
        ttlMs: 0,
        cacheScope: "public",
        _meta: SERVER_INFO_META,
      },
    });
  });

  it("lists the TypeBox tool with its input and output schemas", async () => {
    const reply = await worker.post(statelessHeaders("tools/list"), statelessBody(2, "tools/list"));
    expect(reply.status).toBe(200);
    expect((json(reply).result as { tools: unknown }).tools).toEqual([
      {
        name: "add",
        description: "Adds two numbers",
        inputSchema: { type: "object", required: ["a", "b"], properties: { a: { type: "number" }, b: { type: "number" } } },
        outputSchema: { type: "object", required: ["sum"], properties: { sum: { type: "number" } } },
      },
    ]);
  });

  it("calls the tool with valid input and returns validated structured content", async () => {
    const reply = await worker.post(statelessHeaders("tools/call", "add"), statelessBody(3, "tools/call", { name: "add", arguments: { a: 2, b: 40 } }));
    expect(reply.status).toBe(200);
    expect(json(reply)).toEqual({
      jsonrpc: "2.0",
      id: 3,
      result: { content: [{ type: "text", text: '{"sum":42}' }], structuredContent: { sum: 42 }, resultType: "complete", _meta: SERVER_INFO_META },
    });
  });

  it("answers a wrongly typed argument with isError naming the field", async () => {
    const reply = await worker.post(statelessHeaders("tools/call", "add"), statelessBody(4, "tools/call", { name: "add", arguments: { a: 1, b: "two" } }));
    expect(reply.status).toBe(200);
    expect(json(reply)).toEqual({
      jsonrpc: "2.0",
      id: 4,
      result: { content: [{ type: "text", text: 'Invalid arguments for tool "add": b: must be number' }], isError: true, resultType: "complete", _meta: SERVER_INFO_META },
    });
  });

  it("answers a missing argument with isError naming the field", async () => {
    const reply = await worker.post(statelessHeaders("tools/call", "add"), statelessBody(5, "tools/call", { name: "add", arguments: { a: 1 } }));
    const result = json(reply).result as { isError: boolean; content: Array<{ text: string }> };
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/^Invalid arguments for tool "add": b: .*required/);
  });

  it("reports invalid input exactly as the compiled validators do under Node", async () => {
    const body = statelessBody(6, "tools/call", { name: "add", arguments: { a: [], c: 1 } });
    const edge = await worker.post(statelessHeaders("tools/call", "add"), body);
    const node = await nodeWorker.fetch(new Request(ENDPOINT, { method: "POST", headers: statelessHeaders("tools/call", "add"), body }));
    expect(edge.status).toBe(node.status);
    expect(json(edge)).toEqual(await node.json());
  });

  it("reads the resource", async () => {
    const reply = await worker.post(statelessHeaders("resources/read", "edge://greeting"), statelessBody(7, "resources/read", { uri: "edge://greeting" }));
    expect(reply.status).toBe(200);
    expect(json(reply).result).toEqual({
      contents: [{ uri: "edge://greeting", mimeType: "text/plain", text: "hello from the edge" }],
      resultType: "complete",
      ttlMs: 0,
      cacheScope: "private",
      _meta: SERVER_INFO_META,
    });
  });

  it("gets the prompt with its argument filled in", async () => {
    const reply = await worker.post(statelessHeaders("prompts/get", "greet"), statelessBody(8, "prompts/get", { name: "greet", arguments: { name: "Ada" } }));
    expect(json(reply).result).toEqual({
      description: "Greets someone by name",
      messages: [{ role: "user", content: { type: "text", text: "Say hello to Ada." } }],
      resultType: "complete",
      _meta: SERVER_INFO_META,
    });
  });

  it("answers a malformed JSON body with 400 and a -32700 parse error", async () => {
    const reply = await worker.post(statelessHeaders("tools/list"), "{not json");
    expect(reply.status).toBe(400);
    const body = json(reply) as { id: unknown; error: { code: number; message: string } };
    expect(body.id).toBeNull();
    expect(body.error.code).toBe(-32700);
    expect(body.error.message).toMatch(/^Parse error: the body is not valid JSON/);
  });
});

describe("2025-11-25 sessions in the edge VM", () => {
  it("initializes, hands out an Mcp-Session-Id and serves tools/call on that session", async () => {
    const init = await worker.post(
      BASE_HEADERS,
      JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "edge-test", version: "1.0.0" } } }),
    );
    expect(init.status).toBe(200);
    const sessionId = init.headers["mcp-session-id"];
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(json(init)).toEqual({
      jsonrpc: "2.0",
      id: 0,
      result: {
        protocolVersion: "2025-11-25",
        capabilities: { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true }, prompts: { listChanged: true }, logging: {}, completions: {} },
        serverInfo: { name: "edge-worker", version: "1.0.0" },
      },
    });
    const sessionHeaders = { ...BASE_HEADERS, "mcp-session-id": sessionId!, "mcp-protocol-version": "2025-11-25" };
    const initialized = await worker.post(sessionHeaders, JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
    expect(initialized.status).toBe(202);
    const call = await worker.post(sessionHeaders, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 2, b: 3 } } }));
    expect(call.status).toBe(200);
    expect(json(call)).toEqual({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: '{"sum":5}' }], structuredContent: { sum: 5 } } });
  });

  it("answers an unknown Mcp-Session-Id with 404 and says to initialize again", async () => {
    const reply = await worker.post(
      { ...BASE_HEADERS, "mcp-session-id": "no-such-session", "mcp-protocol-version": "2025-11-25" },
      JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/list" }),
    );
    expect(reply.status).toBe(404);
    expect((json(reply) as { error: { code: number; message: string } }).error.message).toMatch(/start a new one with initialize/);
  });
});
