/**
 * Property-based fuzzing of the engine's one entry for text (`handleText`) over the JSON-RPC
 * envelope and each method's params, in both eras. fast-check prints the seed and the
 * shrunk counterexample when a property fails; rerun with `{ seed, path }` to reproduce.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { McpServer, Type, type ServerSession } from "../src/index.js";

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const METHODS = [
  "initialize", "ping", "tools/list", "tools/call", "resources/list", "resources/templates/list", "resources/read",
  "resources/subscribe", "resources/unsubscribe", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel",
  "server/discover", "subscriptions/listen", "tasks/get", "tasks/update", "tasks/cancel", "tasks/list",
  "notifications/initialized", "notifications/cancelled",
];
/** Codes a malformed or unknown client request may get (never -32603: that would be our fault). */
const CLIENT_ERROR_CODES = new Set([-32700, -32600, -32601, -32602, -32002, -32003, -32020, -32021, -32022]);
const META_VERSION = "io.modelcontextprotocol/protocolVersion";
const META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

function buildServer(): McpServer {
  const server = new McpServer({ name: "fuzz", version: "1.0.0", tasks: { maxTasks: 50 } });
  server.tool({ name: "echo", input: Type.Object({ text: Type.String() }), output: Type.Object({ text: Type.String() }), handler: (args) => ({ text: args.text }) });
  server.tool({ name: "fails", handler: () => { throw new Error("always fails"); } });
  server.tool({ name: "ask", handler: async (_args, ctx) => (ctx.era === "2026-07-28" ? JSON.stringify(await ctx.elicit({ message: "ok?", requestedSchema: { type: "object", properties: {} } })) : "asked") });
  server.tool({ name: "task", taskSupport: "optional", handler: () => "done" });
  server.tool({ name: "scoped", auth: { scopes: ["admin"] }, handler: () => "secret" });
  server.resource({ uri: "test://static", name: "static", read: () => "static text" });
  server.resourceTemplate({ uriTemplate: "test://item/{id}", name: "item", complete: { id: (value) => [`${value}1`] }, read: (_uri, variables) => `item ${variables.id}` });
  server.prompt({ name: "greet", arguments: [{ name: "who", required: true }], complete: { who: () => ["Ada"] }, get: (args) => `hello ${args.who}` });
  return server;
}

const name = fc.oneof(
  fc.constantFrom("echo", "fails", "ask", "task", "scoped", "greet", "missing", "", "../x", "<script>", "a".repeat(310)),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.string({ maxLength: 12 }),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), name, fc.constant(undefined));
const meta = fc.oneof(
  fc.constant(undefined),
  fc.constant({ [META_VERSION]: "2026-07-28", [META_CAPABILITIES]: {} }),
  fc.constant({ [META_VERSION]: "2026-07-28", [META_CAPABILITIES]: { elicitation: {}, extensions: { "io.modelcontextprotocol/tasks": {} } } }),
  fc.record({ [META_VERSION]: fc.oneof(fc.constant("2026-07-28"), anyValue), [META_CAPABILITIES]: anyValue, "io.modelcontextprotocol/logLevel": anyValue }, { requiredKeys: [] }),
  fc.dictionary(name, anyValue, { maxKeys: 3 }),
  anyValue,
);
/** Params shaped like each method's, with every field sometimes wrong. */
const params = fc.oneof(
  fc.record(
    {
      name,
      arguments: fc.oneof(fc.dictionary(name, anyValue, { maxKeys: 4 }), fc.record({ text: anyValue, who: anyValue }), anyValue),
      uri: fc.oneof(fc.constantFrom("test://static", "test://item/7", "test://item/{id}", "file:///etc/passwd"), name, anyValue),
      ref: fc.oneof(
        fc.record({ type: fc.constantFrom("ref/prompt", "ref/resource", ...PROTOTYPE_NAMES), name, uri: fc.constantFrom("test://item/{id}", "x") }),
        anyValue,
      ),
      argument: fc.oneof(fc.record({ name, value: fc.oneof(fc.string({ maxLength: 5 }), anyValue) }), anyValue),
      context: fc.oneof(fc.record({ arguments: fc.dictionary(name, anyValue, { maxKeys: 3 }) }), anyValue),
      cursor: anyValue,
      level: fc.oneof(fc.constantFrom("debug", "info", "error"), name, anyValue),
      protocolVersion: fc.oneof(fc.constantFrom("2025-11-25", "2025-06-18", "2026-07-28"), anyValue),
      capabilities: fc.oneof(fc.dictionary(name, anyValue, { maxKeys: 3 }), anyValue),
      clientInfo: anyValue,
      taskId: anyValue,
      inputResponses: fc.oneof(fc.dictionary(fc.constantFrom("elicit-1", ...PROTOTYPE_NAMES), anyValue, { maxKeys: 2 }), anyValue),
      requestState: anyValue,
      requestId: anyValue,
      notifications: anyValue,
      _meta: meta,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);
const id = fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.constantFrom(null, 1.5, true, Number.MAX_SAFE_INTEGER), fc.jsonValue({ maxDepth: 1 }));
const envelope = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant("2.0"), fc.constant("2.0"), fc.constant("2.0"), anyValue),
    id,
    method: fc.oneof(fc.constantFrom(...METHODS), fc.constantFrom(...METHODS), fc.constantFrom(...PROTOTYPE_NAMES), anyValue),
    params,
    result: anyValue,
    error: anyValue,
  },
  { requiredKeys: [] },
);
const text = fc.oneof(
  { weight: 8, arbitrary: envelope.map((message) => JSON.stringify(message)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? "null") },
);

/** The engine's in-flight list of a session (not part of the public ServerSession type). */
function inFlightOf(session: ServerSession): number {
  return (session as unknown as { inFlight: { size: number } }).inFlight.size;
}

function isValidId(value: unknown): value is string | number {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

/** Checks one reply against what the request text deserves. */
function checkReply(input: string, reply: string | undefined): void {
  let message: unknown;
  try {
    message = JSON.parse(input);
  } catch {
    const parsed = JSON.parse(reply as string);
    expect(parsed).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
    return;
  }
  const record = typeof message === "object" && message !== null && !Array.isArray(message) ? (message as Record<string, unknown>) : undefined;
  const request = record !== undefined && record.jsonrpc === "2.0" && typeof record.method === "string" && record.method !== "";
  const paramsOk = record?.params === undefined || (typeof record.params === "object" && record.params !== null && !Array.isArray(record.params));
  if (request && !("id" in (record as object)) && paramsOk) {
    expect(reply, `a notification got a reply: ${input}`).toBeUndefined();
    return;
  }
  if (reply === undefined) {
    // Responses (to server requests) and a subscriptions/listen stream ended by the signal get no reply.
    // Anything shaped like a response (a result or an error, no method) is never answered, whatever its id.
    const isResponse = record !== undefined && record.jsonrpc === "2.0" && !("method" in record) && ("result" in record || "error" in record);
    expect(isResponse || record?.method === "subscriptions/listen" || (request && !paramsOk && !("id" in (record as object))), `no reply to ${input}`).toBe(true);
    return;
  }
  const parsed = JSON.parse(reply) as Record<string, unknown>;
  expect(parsed.jsonrpc).toBe("2.0");
  expect("result" in parsed !== "error" in parsed, `exactly one of result/error: ${reply}`).toBe(true);
  const expectedId = record !== undefined && isValidId(record.id) ? record.id : null;
  if (parsed.error !== undefined) {
    const error = parsed.error as { code: unknown; message: unknown };
    expect(Number.isInteger(error.code)).toBe(true);
    expect(typeof error.message).toBe("string");
    expect(CLIENT_ERROR_CODES.has(error.code as number), `code ${String(error.code)} for ${input}: ${reply}`).toBe(true);
    if (expectedId !== null || error.code !== -32600) expect(parsed.id).toEqual(expectedId);
  } else {
    expect(parsed.id).toEqual(expectedId);
    expect(typeof parsed.result === "object" && parsed.result !== null, `result must be an object: ${reply}`).toBe(true);
  }
}

async function openSession(server: McpServer): Promise<ServerSession> {
  const session = server.createSession({ send: () => undefined });
  await server.handleText(JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "fuzz", version: "1" } } }), { session });
  await server.handleText(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }), { session });
  return session;
}

describe("fuzzing the JSON-RPC envelope and method params", () => {
  it("answers every text with valid JSON-RPC, a client error code, and never throws, in both eras", async () => {
    const server = buildServer();
    const session = await openSession(server);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await fc.assert(
        fc.asyncProperty(text, fc.boolean(), async (input, inSession) => {
          const signal = AbortSignal.timeout(20);
          const reply = await server.handleText(input, { ...(inSession ? { session } : {}), send: () => undefined, signal });
          checkReply(input, reply);
        }),
        { numRuns: 1500 },
      );
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(inFlightOf(session)).toBe(0);
    expect(server.sessionlessRequests.size).toBe(0);
  });

  it("keeps the heap bounded over many hostile messages", async () => {
    const server = buildServer();
    const session = await openSession(server);
    const samples = fc.sample(text, { numRuns: 500, seed: 42 });
    const round = async (): Promise<void> => {
      for (const input of samples) await server.handleText(input, { session, send: () => undefined, signal: AbortSignal.timeout(20) });
    };
    await round();
    const before = process.memoryUsage().heapUsed;
    for (let index = 0; index < 8; index++) await round();
    const after = process.memoryUsage().heapUsed;
    expect(inFlightOf(session)).toBe(0);
    expect(server.sessionlessRequests.size).toBe(0);
    // 4,000 more messages: growth well under 1 KiB each means nothing is kept per message.
    expect(after - before).toBeLessThan(32 * 1024 * 1024);
  });
});
