import { describe, expect, it } from "vitest";
import { McpServer, Type, type ServerSession } from "./index.js";
import { lookupTable, ownValue, recordWithoutPrototype } from "./own-keys.js";

/** Every name `Object.prototype` answers on a plain object, plus the ones that matter most. */
const PROTOTYPE_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"])];

const META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
};

function buildServer(): McpServer {
  const server = new McpServer({ name: "prototype-names", version: "1.0.0" });
  server.tool({ name: "echo", input: Type.Object({ text: Type.String() }), handler: (args) => args.text });
  server.prompt({
    name: "greet",
    arguments: [{ name: "who", required: true }],
    complete: { who: () => ["Ada"] },
    get: (args) => `hello ${args.who}`,
  });
  server.resourceTemplate({ uriTemplate: "test://item/{id}", name: "item", complete: { id: () => ["1"] }, read: (_uri, variables) => `item ${variables.id}` });
  return server;
}

/** Sends `message` as text and returns the parsed reply; the text must be JSON. */
async function send(server: McpServer, message: Record<string, unknown>, session?: ServerSession): Promise<{ result?: any; error?: { code: number; message: string } }> {
  const text = await server.handleText(JSON.stringify(message), session === undefined ? {} : { session });
  expect(text, `no reply to ${JSON.stringify(message)}`).toBeTypeOf("string");
  return JSON.parse(text as string);
}

async function eras(server: McpServer): Promise<{ era: string; session: ServerSession | undefined; params: (params: Record<string, unknown>) => Record<string, unknown> }[]> {
  const session = server.createSession({ send: () => undefined });
  const opened = await send(server, { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" } } }, session);
  expect(opened.error).toBeUndefined();
  await server.handle({ jsonrpc: "2.0", method: "notifications/initialized" }, { session });
  return [
    { era: "2025-11-25", session, params: (params) => params },
    { era: "2026-07-28", session: undefined, params: (params) => ({ ...params, _meta: META }) },
  ];
}

describe("defect 6: client-chosen names that are Object.prototype members", () => {
  it("answers a method named like an Object.prototype member with -32601 and a JSON body, in both eras", async () => {
    const server = buildServer();
    for (const { era, session, params } of await eras(server)) {
      for (const method of PROTOTYPE_NAMES) {
        const reply = await send(server, { jsonrpc: "2.0", id: 1, method, params: params({}) }, session);
        expect(reply.error?.code, `${era} method ${method}`).toBe(-32601);
      }
    }
  });

  it("answers tools/call and prompts/get for a prototype-named tool or prompt with -32602 unknown name", async () => {
    const server = buildServer();
    for (const { era, session, params } of await eras(server)) {
      for (const name of PROTOTYPE_NAMES) {
        const tool = await send(server, { jsonrpc: "2.0", id: 2, method: "tools/call", params: params({ name, arguments: {} }) }, session);
        expect(tool.error?.code ?? (tool.result?.isError === true ? "isError" : "ok"), `${era} tool ${name}`).not.toBe(-32603);
        expect(tool.error?.code ?? tool.result?.isError, `${era} tool ${name}`).toBeTruthy();
        const prompt = await send(server, { jsonrpc: "2.0", id: 3, method: "prompts/get", params: params({ name, arguments: {} }) }, session);
        expect(prompt.error?.code, `${era} prompt ${name}`).toBe(-32602);
      }
    }
  });

  it("does not let a prototype-named argument satisfy or break a prompt's required argument", async () => {
    const server = buildServer();
    const definedRequired = new McpServer({ name: "p", version: "1" });
    definedRequired.prompt({ name: "p", arguments: [{ name: "constructor", required: true }], get: (args) => `got ${args.constructor}` });
    for (const { era, session, params } of await eras(definedRequired)) {
      const missing = await send(definedRequired, { jsonrpc: "2.0", id: 4, method: "prompts/get", params: params({ name: "p", arguments: {} }) }, session);
      expect(missing.error?.code, era).toBe(-32602);
      const given = await send(definedRequired, { jsonrpc: "2.0", id: 5, method: "prompts/get", params: params({ name: "p", arguments: { constructor: "x" } }) }, session);
      expect(given.result?.messages?.[0]?.content?.text, era).toBe("got x");
    }
    for (const { era, session, params } of await eras(server)) {
      for (const name of PROTOTYPE_NAMES) {
        const reply = await send(server, { jsonrpc: "2.0", id: 6, method: "prompts/get", params: params({ name: "greet", arguments: { who: "Ada", [name]: "x" } }) }, session);
        expect(reply.result?.messages?.[0]?.content?.text, `${era} extra argument ${name}`).toBe("hello Ada");
      }
    }
  });

  it("completes a prototype-named argument, prompt ref or template variable with no values or -32602, never -32603", async () => {
    const server = buildServer();
    for (const { era, session, params } of await eras(server)) {
      for (const name of PROTOTYPE_NAMES) {
        const cases = [
          { body: { ref: { type: "ref/prompt", name: "greet" }, argument: { name, value: "" } }, values: [] },
          { body: { ref: { type: "ref/resource", uri: "test://item/{id}" }, argument: { name, value: "" } }, values: [] },
          { body: { ref: { type: "ref/prompt", name: "greet" }, argument: { name: "who", value: "" }, context: { arguments: { [name]: "x" } } }, values: ["Ada"] },
        ];
        for (const { body, values } of cases) {
          const reply = await send(server, { jsonrpc: "2.0", id: 7, method: "completion/complete", params: params(body) }, session);
          expect(reply.result?.completion?.values, `${era} ${JSON.stringify(body)}`).toEqual(values);
        }
        const unknownPrompt = await send(server, { jsonrpc: "2.0", id: 8, method: "completion/complete", params: params({ ref: { type: "ref/prompt", name }, argument: { name: "who", value: "" } }) }, session);
        expect(unknownPrompt.error?.code, `${era} prompt ref ${name}`).toBe(-32602);
        const unknownType = await send(server, { jsonrpc: "2.0", id: 9, method: "completion/complete", params: params({ ref: { type: name }, argument: { name: "who", value: "" } }) }, session);
        expect(unknownType.error?.code, `${era} ref type ${name}`).toBe(-32602);
      }
    }
  });

  it("serves tools/call with prototype-named arguments and _meta keys like any other key", async () => {
    const server = buildServer();
    for (const { era, session, params } of await eras(server)) {
      for (const name of PROTOTYPE_NAMES) {
        const base = params({ name: "echo", arguments: { text: "hi", [name]: 1 } });
        const withMeta = { ...base, _meta: { ...(base._meta as object), [name]: { nested: true } } };
        const reply = await send(server, { jsonrpc: "2.0", id: 10, method: "tools/call", params: withMeta }, session);
        expect(reply.error, `${era} argument ${name}`).toBeUndefined();
        expect(reply.result?.content?.[0]?.text, `${era} argument ${name}`).toBe("hi");
      }
    }
  });

  it("reads prototype-named URIs and log levels as unknown, not as an internal error", async () => {
    const server = buildServer();
    for (const { era, session, params } of await eras(server)) {
      for (const name of PROTOTYPE_NAMES) {
        const read = await send(server, { jsonrpc: "2.0", id: 11, method: "resources/read", params: params({ uri: name }) }, session);
        expect([-32002, -32602], `${era} uri ${name}`).toContain(read.error?.code);
      }
    }
    const session = (await eras(server))[0]?.session;
    for (const name of PROTOTYPE_NAMES) {
      const level = await send(server, { jsonrpc: "2.0", id: 12, method: "logging/setLevel", params: { level: name } }, session);
      expect(level.error?.code, `level ${name}`).toBe(-32602);
      const metaLevel = await send(server, { jsonrpc: "2.0", id: 13, method: "tools/list", params: { _meta: { ...META, "io.modelcontextprotocol/logLevel": name } } });
      expect(metaLevel.error?.code, `_meta level ${name}`).toBe(-32602);
    }
  });
});

describe("lookup helpers", () => {
  it("lookupTable holds only the given keys", () => {
    const table = lookupTable({ a: 1 });
    expect(table.a).toBe(1);
    for (const name of PROTOTYPE_NAMES) expect(table[name]).toBeUndefined();
    expect(Object.isFrozen(table)).toBe(true);
    expect(Object.getPrototypeOf(table)).toBeNull();
  });

  it("ownValue never returns an inherited member and recordWithoutPrototype stores __proto__ as data", () => {
    for (const name of PROTOTYPE_NAMES) expect(ownValue({}, name)).toBeUndefined();
    expect(ownValue({ constructor: 2 }, "constructor")).toBe(2);
    const record = recordWithoutPrototype<string>();
    record["__proto__"] = "data";
    expect(Object.keys(record)).toEqual(["__proto__"]);
    expect(record["__proto__"]).toBe("data");
  });
});
