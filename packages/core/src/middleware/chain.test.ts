import { describe, expect, it } from "vitest";
import { ErrorCode, McpError, ProtocolError, type Middleware, type MiddlewareContext } from "../index.js";
import { newServer, openSession, request, stateless } from "../../test/helpers.js";

function demoServer() {
  const server = newServer();
  server.tool({ name: "echo", annotations: { readOnlyHint: true }, handler: (args: Record<string, unknown>) => `echo ${String(args.text)}` });
  server.tool({ name: "slow", handler: async () => "done" });
  server.prompt({ name: "greet", get: () => "hello" });
  server.resource({ uri: "test://r", name: "r", read: () => "body" });
  return server;
}

describe("server.use() middleware", () => {
  it("leaves server.middleware undefined until a layer is added, so dispatch takes the old path", () => {
    const server = demoServer();
    expect(server.middleware).toBeUndefined();
    server.use({ onRequest: (_context, next) => next() });
    expect(server.middleware?.size).toBe(1);
  });

  it("runs layers as an onion in use() order, each layer's onRequest around its method hook", async () => {
    const server = demoServer();
    const order: string[] = [];
    const layer = (name: string): Middleware => ({
      async onRequest(_context, next) {
        order.push(`${name}.request>`);
        const result = await next();
        order.push(`<${name}.request`);
        return result;
      },
      async onCallTool(_context, next) {
        order.push(`${name}.callTool>`);
        const result = await next();
        order.push(`<${name}.callTool`);
        return result;
      },
    });
    server.use(layer("a")).use(layer("b"));
    const reply = await request(server, "tools/call", { name: "echo", arguments: { text: "x" } });
    expect(reply.result.content[0].text).toBe("echo x");
    expect(order).toEqual(["a.request>", "a.callTool>", "b.request>", "b.callTool>", "<b.callTool", "<b.request", "<a.callTool", "<a.request"]);
  });

  it("shows hooks the method, params, tool listing, era, session, user and headers", async () => {
    const server = demoServer();
    const seen: Record<string, unknown>[] = [];
    server.use({
      onCallTool(context, next) {
        seen.push({
          method: context.method,
          name: context.name,
          arguments: context.arguments,
          readOnly: context.tool?.annotations?.readOnlyHint,
          era: context.era,
          sessionId: context.sessionId,
          userId: context.userId,
          header: context.headers["x-test"],
          id: context.id,
        });
        return next();
      },
    });
    const { session } = await openSession(server);
    await request(server, "tools/call", { name: "echo", arguments: { text: "a" } }, { session, auth: { subject: "ann", scopes: [] } });
    await stateless(server, "tools/call", { name: "echo", arguments: { text: "b" } }, {}, { headers: { "mcp-protocol-version": "2026-07-28", "x-test": "yes" } });
    expect(seen[0]).toMatchObject({ method: "tools/call", name: "echo", arguments: { text: "a" }, readOnly: true, era: "2025-11-25-family", sessionId: session.id, userId: "ann" });
    expect(seen[1]).toMatchObject({ era: "2026-07-28", sessionId: undefined, userId: undefined, header: "yes" });
    expect(typeof seen[1]?.id).toBe("number");
  });

  it("short-circuits with a plain result, enveloped for the 2026 era", async () => {
    const server = demoServer();
    let handlerRan = false;
    server.tool({ name: "never", handler: () => ((handlerRan = true), "x") });
    server.use({ onCallTool: () => ({ content: [{ type: "text", text: "from middleware" }] }) });
    const legacy = await request(server, "tools/call", { name: "never" });
    expect(legacy.result).toEqual({ content: [{ type: "text", text: "from middleware" }] });
    const modern = await stateless(server, "tools/call", { name: "never" });
    expect(modern.result).toMatchObject({ content: [{ type: "text", text: "from middleware" }], resultType: "complete" });
    expect(modern.result._meta["io.modelcontextprotocol/serverInfo"]).toEqual(server.info);
    expect(handlerRan).toBe(false);
  });

  it("short-circuits with a ProtocolError, which goes on the wire with its code and data (handleText too)", async () => {
    const server = demoServer();
    server.use({
      onRequest(context, next) {
        if (context.method === "prompts/get") throw new ProtocolError(-32005, "slow down", { retryAfterSeconds: 3 });
        return next();
      },
    });
    const reply = await request(server, "prompts/get", { name: "greet" });
    expect(reply.error).toEqual({ code: -32005, message: "slow down", data: { retryAfterSeconds: 3 } });
    const text = await server.handleText(JSON.stringify({ jsonrpc: "2.0", id: 9, method: "prompts/get", params: { name: "greet" } }));
    expect(JSON.parse(text as string)).toEqual({ jsonrpc: "2.0", id: 9, error: { code: -32005, message: "slow down", data: { retryAfterSeconds: 3 } } });
  });

  it("turns a non-protocol error thrown by a hook into -32603 naming it", async () => {
    const server = demoServer();
    server.use({ onRequest: () => Promise.reject(new Error("store exploded")) });
    const reply = await request(server, "tools/list");
    expect(reply.error?.code).toBe(ErrorCode.InternalError);
    expect(reply.error?.message).toMatch(/store exploded/);
  });

  it("transforms results without touching the engine's cached list page", async () => {
    const server = demoServer();
    let rename = true;
    server.use({
      async onListTools(_context, next) {
        const result = await next();
        if (!rename || result === undefined) return result;
        return { ...result, tools: result.tools.map((tool) => ({ ...tool, title: `[${tool.name}]` })) };
      },
    });
    const first = await request(server, "tools/list");
    expect(first.result.tools.map((tool: { title?: string }) => tool.title)).toEqual(["[echo]", "[slow]"]);
    rename = false;
    const second = await request(server, "tools/list");
    expect(second.result.tools.map((tool: { title?: string }) => tool.title)).toEqual([undefined, undefined]);
  });

  it("reuses the engine's reply unchanged when a hook passes the result through (same bytes as without middleware)", async () => {
    const plain = demoServer();
    const wrapped = demoServer();
    wrapped.use({ onRequest: (_context, next) => next() });
    for (const message of [
      { jsonrpc: "2.0", id: 1, method: "tools/list" },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "echo", arguments: { text: "é\"" } } },
      { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "slow", _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} } } },
      { jsonrpc: "2.0", id: 4, method: "no/such/method" },
    ]) {
      const text = JSON.stringify(message);
      expect(await wrapped.handleText(text)).toBe(await plain.handleText(text));
    }
  });

  it("runs onRequest for unknown methods too, and the engine still answers -32601", async () => {
    const server = demoServer();
    const methods: string[] = [];
    server.use({ onRequest: (context, next) => (methods.push(context.method), next()) });
    const reply = await request(server, "bogus/method");
    expect(reply.error?.code).toBe(ErrorCode.MethodNotFound);
    expect(methods).toEqual(["bogus/method"]);
  });

  it("lets onNotification see, pass on and drop notifications", async () => {
    const server = demoServer();
    const seen: MiddlewareContext[] = [];
    let drop = true;
    server.use({
      onNotification(context, next) {
        seen.push(context);
        return drop ? undefined : next();
      },
    });
    const session = server.createSession({ send: () => undefined });
    await request(server, "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" } }, { session });
    await server.handle({ jsonrpc: "2.0", method: "notifications/initialized" }, { session });
    expect(session.state.initialized).toBe(false);
    drop = false;
    await server.handle({ jsonrpc: "2.0", method: "notifications/initialized" }, { session });
    expect(session.state.initialized).toBe(true);
    expect(seen.map((context) => [context.method, context.id, context.sessionId])).toEqual([
      ["notifications/initialized", undefined, session.id],
      ["notifications/initialized", undefined, session.id],
    ]);
  });

  it("drops a notification whose hook throws without failing the message", async () => {
    const server = demoServer();
    server.use({ onNotification: () => Promise.reject(new Error("boom")) });
    await expect(server.handle({ jsonrpc: "2.0", method: "notifications/initialized" })).resolves.toBeUndefined();
  });

  it("resolves undefined (no reply) when a hook resolves undefined, as for a cancelled request", async () => {
    const server = demoServer();
    server.use({ onCallTool: () => undefined });
    expect(await server.handleText(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo" } }))).toBeUndefined();
  });

  it("rejects a hook result that is not an object with -32603", async () => {
    const server = demoServer();
    server.use({ onCallTool: () => "nope" as never });
    const reply = await request(server, "tools/call", { name: "echo" });
    expect(reply.error?.code).toBe(ErrorCode.InternalError);
    expect(reply.error?.message).toMatch(/result object/);
  });

  it("refuses a middleware with an unknown or non-function hook, or none at all", () => {
    const server = demoServer();
    expect(() => server.use({ onCalltool: () => undefined } as never)).toThrow(McpError);
    expect(() => server.use({ onCallTool: "x" } as never)).toThrow(/must be a function/);
    expect(() => server.use({ name: "empty" })).toThrow(/no hooks/);
    expect(() => server.use(null as never)).toThrow(/middleware object/);
  });

  it("accepts class instances whose hooks live on the prototype", async () => {
    class Counter implements Middleware {
      calls = 0;
      onCallTool(_context: MiddlewareContext, next: () => Promise<Record<string, unknown> | undefined>) {
        this.calls++;
        return next();
      }
    }
    const counter = new Counter();
    const server = demoServer().use(counter as Middleware);
    await request(server, "tools/call", { name: "echo" });
    expect(counter.calls).toBe(1);
  });
});
