import { describe, expect, it } from "vitest";
import { Type } from "../index.js";
import { newServer, openSession, request } from "../../test/helpers.js";

describe("engine: bad input never crashes", () => {
  const app = newServer();
  app.tool({ name: "echo", input: Type.Object({ text: Type.String() }), handler: (args) => args.text });

  it("answers malformed JSON with -32700 and id null", async () => {
    const text = await app.handleText("{not json");
    expect(JSON.parse(text as string)).toEqual({ jsonrpc: "2.0", id: null, error: { code: -32700, message: expect.stringMatching(/not valid JSON/) } });
  });

  it("answers texts of a learned message shape like any other (values, invalid JSON, invalid arguments)", async () => {
    const line = (id: number, text: string) =>
      `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"text":${text}}}}`;
    for (let id = 1; id <= 80; id += 1) {
      const reply = JSON.parse((await app.handleText(line(id, `"hi ${id}"`))) as string);
      expect(reply).toEqual({ jsonrpc: "2.0", id, result: { content: [{ type: "text", text: `hi ${id}` }] } });
    }
    expect(app.messageParser.compiledShapes).toBeGreaterThan(0);
    const broken = JSON.parse((await app.handleText(line(81, '"unterminated'))) as string);
    expect(broken).toMatchObject({ id: null, error: { code: -32700 } });
    const escaped = JSON.parse((await app.handleText(line(82, '"tab\\there"'))) as string);
    expect(escaped.result.content[0].text).toBe("tab\there");
    const wrongType = JSON.parse((await app.handleText(line(83, "42"))) as string);
    expect(wrongType.result).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/text/) }] });
  });

  it("rejects batches with -32600", async () => {
    const text = await app.handleText('[{"jsonrpc":"2.0","id":1,"method":"ping"}]');
    expect(JSON.parse(text as string).error.code).toBe(-32600);
    expect(JSON.parse(text as string).error.message).toMatch(/batches/);
  });

  it("rejects a wrong jsonrpc version with -32600 and keeps the id", async () => {
    const reply = (await app.handle({ jsonrpc: "1.0", id: 7, method: "ping" })) as { id: unknown; error: { code: number } };
    expect(reply.id).toBe(7);
    expect(reply.error.code).toBe(-32600);
  });

  it("rejects a message without method or result with -32600", async () => {
    const reply = (await app.handle({ jsonrpc: "2.0", id: 3 })) as { error: { code: number; message: string } };
    expect(reply.error.code).toBe(-32600);
    expect(reply.error.message).toMatch(/method/);
  });

  it("rejects a non-object message, an object id and a numeric method", async () => {
    expect(((await app.handle("hello")) as { error: { code: number } }).error.code).toBe(-32600);
    expect(((await app.handle(null)) as { error: { code: number } }).error.code).toBe(-32600);
    expect(((await app.handle({ jsonrpc: "2.0", id: { x: 1 }, method: "ping" })) as { error: { code: number } }).error.code).toBe(-32600);
    expect(((await app.handle({ jsonrpc: "2.0", id: 1, method: 5 })) as { error: { code: number } }).error.code).toBe(-32600);
  });

  it("rejects params that are not an object with -32602", async () => {
    const reply = (await app.handle({ jsonrpc: "2.0", id: 1, method: "tools/list", params: [1, 2] })) as { error: { code: number } };
    expect(reply.error.code).toBe(-32602);
  });

  it("answers unknown methods with -32601 naming the method", async () => {
    const reply = await request(app, "does/not/exist");
    expect(reply.error).toEqual({ code: -32601, message: "Method not found: does/not/exist" });
  });

  it("answers an unknown tool with -32602", async () => {
    const reply = await request(app, "tools/call", { name: "nope", arguments: {} });
    expect(reply.error?.code).toBe(-32602);
    expect(reply.error?.message).toMatch(/Unknown tool: "nope"/);
  });

  it("answers a tools/call without a name with -32602", async () => {
    const reply = await request(app, "tools/call", { arguments: {} });
    expect(reply.error?.code).toBe(-32602);
  });

  it("returns nothing for notifications, even unknown ones", async () => {
    expect(await app.handle({ jsonrpc: "2.0", method: "notifications/whatever" })).toBeUndefined();
    expect(await app.handleText('{"jsonrpc":"2.0","method":"notifications/initialized"}')).toBeUndefined();
  });

  it("ignores responses nobody is waiting for", async () => {
    expect(await app.handle({ jsonrpc: "2.0", id: "srv-unknown", result: {} })).toBeUndefined();
  });

  it("rejects a bad cursor with -32602", async () => {
    for (const cursor of ["garbage", 42, "c1.!!!", "c1.OTk5OQ"]) {
      const reply = await request(app, "tools/list", { cursor });
      expect(reply.error?.code, String(cursor)).toBe(-32602);
      expect(reply.error?.message).toMatch(/cursor/);
    }
  });

  it("gives handleText and handle the same answers", async () => {
    const message = { jsonrpc: "2.0", id: "same", method: "tools/call", params: { name: "echo", arguments: { text: "hi" } } };
    const viaHandle = await app.handle(message);
    const viaText = await app.handleText(JSON.stringify(message));
    expect(JSON.parse(viaText as string)).toEqual(viaHandle);
  });

  it("serves the cached tools/list text until the registry changes", async () => {
    const server = newServer();
    server.tool({ name: "a", handler: () => "a" });
    const first = await server.handleText('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
    const second = await server.handleText('{"jsonrpc":"2.0","id":2,"method":"tools/list"}');
    expect(JSON.parse(first as string).result).toEqual(JSON.parse(second as string).result);
    server.tool({ name: "b", handler: () => "b" });
    const third = JSON.parse((await server.handleText('{"jsonrpc":"2.0","id":"x","method":"tools/list"}')) as string);
    expect(third.id).toBe("x");
    expect(third.result.tools.map((tool: { name: string }) => tool.name)).toEqual(["a", "b"]);
  });

  it("paginates with opaque cursors", async () => {
    const server = newServer({ pageSize: 2 });
    for (const name of ["a", "b", "c", "d", "e"]) server.tool({ name, handler: () => name });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const reply = await request(server, "tools/list", cursor === undefined ? {} : { cursor });
      seen.push(...reply.result.tools.map((tool: { name: string }) => tool.name));
      cursor = reply.result.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(seen).toEqual(["a", "b", "c", "d", "e"]);
    expect(pages).toBe(3);
  });

  it("answers requests after close() with an error instead of hanging", async () => {
    const server = newServer();
    const { session } = await openSession(server);
    await server.close();
    expect(server.sessions.size).toBe(0);
    const reply = await request(server, "ping", undefined, { session });
    expect(reply.error?.code).toBe(-32603);
  });
});

describe("engine: dispatchText", () => {
  const app = newServer();
  app.tool({ name: "sync", handler: () => "now" });
  app.tool({ name: "async", handler: async () => "later" });
  const call = (id: number, name: string) => JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: {} } });

  it("returns the reply text itself when the request completed synchronously", async () => {
    await app.handleText(call(0, "sync")); // compiles the schema (first call waits for the compiler)
    const reply = app.dispatchText(call(1, "sync"));
    expect(typeof reply).toBe("string");
    expect(JSON.parse(reply as string)).toEqual({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "now" }] } });
    expect(JSON.parse(app.dispatchText("{not json") as string).error.code).toBe(-32700);
  });

  it("returns a thenable of the same text handleText gives when the handler is async", async () => {
    await app.handleText(call(0, "async"));
    const reply = app.dispatchText(call(2, "async"));
    expect(typeof reply).toBe("object");
    expect(await reply).toBe(await app.handleText(call(2, "async")));
    expect(JSON.parse((await reply) as string).result.content[0].text).toBe("later");
  });
});

describe("engine: text written directly for string tool results", () => {
  const app = newServer({ title: "Direct \"JSON\" ✓" });
  const awkward = 'he said "hi"\n\ttab \\ back ✓ \u2028 done';
  app.tool({ name: "say", handler: () => awkward });
  app.tool({ name: "later", handler: async () => awkward });

  for (const [era, meta] of [
    ["2025-11-25", undefined],
    ["2026-07-28", { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} }],
  ] as const) {
    for (const tool of ["say", "later"]) {
      it(`${era}, ${tool}: the reply text is exactly JSON.stringify of the result object`, async () => {
        const params = { name: tool, arguments: {}, ...(meta === undefined ? {} : { _meta: meta }) };
        const message = { jsonrpc: "2.0", id: 41, method: "tools/call", params };
        const text = (await app.handleText(JSON.stringify(message))) as string;
        const viaObjects = (await app.handle(message)) as { result: Record<string, unknown> };
        expect(text).toBe(JSON.stringify({ jsonrpc: "2.0", id: 41, result: viaObjects.result }));
        expect(viaObjects.result.content).toEqual([{ type: "text", text: awkward }]);
        if (meta !== undefined) {
          expect(viaObjects.result.resultType).toBe("complete");
          expect(viaObjects.result._meta).toEqual({ "io.modelcontextprotocol/serverInfo": { name: "test-server", version: "1.2.3", title: 'Direct "JSON" ✓' } });
        }
      });
    }
  }
});

describe("engine: 2026 envelope spliced onto the result's own JSON", () => {
  const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
  for (const cache of [undefined, { ttlMs: 1500, scope: "public" as const }]) {
    const app = newServer(cache === undefined ? {} : { cache });
    app.resource({ uri: "test://plain", name: "plain", read: () => 'text with "quotes"' });
    app.resource({ uri: "test://async", name: "async", mimeType: "application/json", read: async () => "{}" });
    app.prompt({ name: "greet", get: () => "hello" });
    app.prompt({ name: "later", get: async () => ({ messages: [{ role: "user", content: { type: "text", text: "x" } }] }) });

    const calls: Array<[string, Record<string, unknown>]> = [
      ["resources/read", { uri: "test://plain" }],
      ["resources/read", { uri: "test://async" }],
      ["prompts/get", { name: "greet" }],
      ["prompts/get", { name: "later" }],
    ];
    for (const [method, params] of calls) {
      it(`${method} ${JSON.stringify(params)} with cache hints ${JSON.stringify(cache)}: text equals JSON.stringify of the enveloped result`, async () => {
        for (const withMeta of [true, false]) {
          const message = { jsonrpc: "2.0", id: 9, method, params: withMeta ? { ...params, _meta: meta } : params };
          const text = (await app.handleText(JSON.stringify(message))) as string;
          const viaObjects = (await app.handle(message)) as { result: Record<string, unknown> };
          expect(text).toBe(JSON.stringify({ jsonrpc: "2.0", id: 9, result: viaObjects.result }));
          if (withMeta) {
            expect(viaObjects.result.resultType).toBe("complete");
            expect(viaObjects.result._meta).toEqual({ "io.modelcontextprotocol/serverInfo": { name: "test-server", version: "1.2.3" } });
            if (method === "resources/read") {
              expect(viaObjects.result.ttlMs).toBe(cache?.ttlMs ?? 0);
              expect(viaObjects.result.cacheScope).toBe(cache?.scope ?? "private");
            }
          } else {
            expect(viaObjects.result.resultType).toBeUndefined();
          }
        }
      });
    }
  }
});
