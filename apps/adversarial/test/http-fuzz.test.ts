/**
 * Property-based fuzzing of `@chuk-mcp/http`'s fetch handler, used as any consumer would:
 * whatever a client sends (method, headers, session id, protocol version, body), the answer is
 * never a 5xx, and every body that says it is JSON (or SSE) holds valid JSON(-RPC).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createMcpHandler } from "@chuk-mcp/http";
import { buildServer, readBody, sseMessages, STATELESS_META } from "./server.js";

const server = buildServer();
const handler = createMcpHandler(server, { maxBodyBytes: 64 * 1024 });
afterAll(() => handler.close());

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const METHODS = ["initialize", "ping", "tools/list", "tools/call", "resources/read", "prompts/get", "completion/complete", "server/discover", "logging/setLevel", "notifications/initialized", "tasks/get"];
const ERROR_CODES = new Set([-32700, -32600, -32601, -32602, -32002, -32003, -32020, -32021, -32022, -32001, -32000]);

async function openSession(): Promise<string> {
  const response = await handler.fetch(
    new Request("http://127.0.0.1/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "fuzz", version: "1" } } }),
    }),
  );
  const id = response.headers.get("mcp-session-id");
  await readBody(response);
  if (id === null) throw new Error("no session id");
  return id;
}

const name = fc.oneof(fc.constantFrom("echo", "fails", "scoped", "greet", "missing", ...PROTOTYPE_NAMES), fc.string({ maxLength: 10 }));
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), name);
const params = fc.oneof(
  fc.record(
    {
      name,
      arguments: fc.oneof(fc.dictionary(name, value, { maxKeys: 3 }), value),
      uri: fc.oneof(fc.constantFrom("test://static", "test://item/1"), name),
      ref: fc.oneof(fc.record({ type: fc.constantFrom("ref/prompt", "ref/resource", "constructor"), name, uri: fc.constant("test://item/{id}") }), value),
      argument: fc.oneof(fc.record({ name, value: fc.string({ maxLength: 4 }) }), value),
      protocolVersion: fc.oneof(fc.constantFrom("2025-11-25", "2026-07-28"), value),
      capabilities: value,
      level: fc.oneof(name, value),
      _meta: fc.oneof(fc.constant(STATELESS_META), fc.dictionary(name, value, { maxKeys: 2 }), value),
    },
    { requiredKeys: [] },
  ),
  value,
);
const message = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant("2.0"), fc.constant("2.0"), value),
    id: fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null), value),
    method: fc.oneof(fc.constantFrom(...METHODS), fc.constantFrom(...PROTOTYPE_NAMES), value),
    params,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 8, arbitrary: message.map((item) => JSON.stringify(item)) },
  { weight: 1, arbitrary: fc.array(message, { maxLength: 3 }).map((items) => JSON.stringify(items)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const headerValue = fc.oneof(fc.string({ maxLength: 12 }).filter((text) => /^[\x20-\x7e]*$/.test(text)), fc.constantFrom("", "2025-11-25", "2026-07-28", "1999-01-01", "constructor", "__proto__"));
const headers = fc.record(
  {
    "content-type": fc.oneof(fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", ""), headerValue),
    accept: fc.oneof(fc.constantFrom("application/json, text/event-stream", "application/json", "text/event-stream", "*/*", ""), headerValue),
    "mcp-protocol-version": headerValue,
    "mcp-session-id": headerValue,
    "mcp-method": headerValue,
    "mcp-name": headerValue,
    "last-event-id": headerValue,
    origin: fc.oneof(fc.constantFrom("http://127.0.0.1", "https://evil.example", "null"), headerValue),
    authorization: fc.oneof(fc.constantFrom("Bearer x", "Basic abc"), headerValue),
  },
  { requiredKeys: [] },
);
const httpMethod = fc.oneof({ weight: 6, arbitrary: fc.constant("POST") }, { weight: 1, arbitrary: fc.constantFrom("GET", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD") });

function checkJsonRpc(item: unknown, input: string): void {
  expect(typeof item === "object" && item !== null, `not an object: ${input}`).toBe(true);
  const record = item as Record<string, unknown>;
  expect(record.jsonrpc).toBe("2.0");
  if (record.error !== undefined) {
    const code = (record.error as { code: unknown }).code;
    expect(Number.isInteger(code)).toBe(true);
    expect(code, `-32603 for client input ${input}`).not.toBe(-32603);
    expect(ERROR_CODES.has(code as number), `code ${String(code)} for ${input}`).toBe(true);
  }
}

describe("fuzzing the HTTP fetch handler", () => {
  it("never answers a client's request with a 5xx, and every JSON or SSE body parses", async () => {
    const session = await openSession();
    await fc.assert(
      fc.asyncProperty(httpMethod, headers, body, fc.boolean(), async (method, sent, text, useSession) => {
        const requestHeaders: Record<string, string> = { ...(sent as Record<string, string>) };
        if (useSession) requestHeaders["mcp-session-id"] = session;
        const withBody = method !== "GET" && method !== "HEAD" && text !== undefined;
        const response = await handler.fetch(new Request("http://127.0.0.1/mcp", { method, headers: requestHeaders, ...(withBody ? { body: text } : {}) }));
        const input = `${method} ${JSON.stringify(requestHeaders)} ${String(text)}`;
        expect(response.status, input).toBeLessThan(500);
        // A GET may open a stream that stays open: read what it sends at once, then hang up.
        const payload = await readBody(response, method === "GET" ? 20 : 500);
        const type = response.headers.get("content-type") ?? "";
        if (type.includes("application/json") && payload !== "") {
          const parsed = JSON.parse(payload) as unknown;
          if (typeof parsed === "object" && parsed !== null && "jsonrpc" in parsed) checkJsonRpc(parsed, input);
        }
        if (type.includes("text/event-stream")) for (const item of sseMessages(payload)) checkJsonRpc(item, input);
      }),
      { numRuns: 500 },
    );
  });

  it("answers an oversized body with 413 and a JSON-RPC error, not a crash", async () => {
    const response = await handler.fetch(
      new Request("http://127.0.0.1/mcp", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { text: "x".repeat(100_000) }, _meta: STATELESS_META } }),
      }),
    );
    expect(response.status).toBe(413);
    const reply = JSON.parse(await readBody(response)) as { error?: { code: number; message: string } };
    expect(reply.error?.message).toMatch(/\d/);
  });
});
