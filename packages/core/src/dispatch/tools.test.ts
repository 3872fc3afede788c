import { describe, expect, it } from "vitest";
import { getContext, Type, type JsonRpcMessage } from "../index.js";
import { newServer, openSession, request, until } from "../../test/helpers.js";
import { pendingDeadlines } from "./deadlines.js";

describe("tools/call", () => {
  it("returns every content kind a handler gives", async () => {
    const app = newServer();
    const blocks = [
      { type: "text", text: "t" },
      { type: "image", data: "aGk=", mimeType: "image/png" },
      { type: "audio", data: "aGk=", mimeType: "audio/wav" },
      { type: "resource", resource: { uri: "test://r", mimeType: "text/plain", text: "r" } },
      { type: "resource_link", uri: "test://l", name: "l" },
    ] as const;
    app.tool({ name: "mixed", handler: () => [...blocks] });
    app.tool({ name: "one", handler: async () => blocks[1] });
    app.tool({ name: "raw", handler: () => ({ content: [blocks[0]], isError: false }) });
    expect((await request(app, "tools/call", { name: "mixed" })).result).toEqual({ content: blocks });
    expect((await request(app, "tools/call", { name: "one" })).result).toEqual({ content: [blocks[1]] });
    expect((await request(app, "tools/call", { name: "raw" })).result).toEqual({ content: [blocks[0]], isError: false });
  });

  it("serializes a plain value as JSON text", async () => {
    const app = newServer();
    app.tool({ name: "value", handler: () => [1, 2] as never });
    expect((await request(app, "tools/call", { name: "value" })).result.content[0].text).toBe("[1,2]");
  });

  it("validates structured output against the output schema", async () => {
    const app = newServer();
    app.tool({
      name: "good",
      output: Type.Object({ sum: Type.Number() }),
      handler: () => ({ sum: 3 }),
    });
    app.tool({
      name: "bad",
      output: Type.Object({ sum: Type.Number() }),
      handler: () => ({ sum: "three" }) as never,
    });
    const good = await request(app, "tools/call", { name: "good", arguments: {} });
    expect(good.result).toEqual({ content: [{ type: "text", text: '{"sum":3}' }], structuredContent: { sum: 3 } });
    const bad = await request(app, "tools/call", { name: "bad", arguments: {} });
    expect(bad.result.isError).toBe(true);
    expect(bad.result.content[0].text).toMatch(/sum: must be number/);
  });

  it("turns a thrown error into an isError result with its message", async () => {
    const app = newServer();
    app.tool({
      name: "boom",
      handler: () => {
        throw new Error("disk is full; free some space");
      },
    });
    const reply = await request(app, "tools/call", { name: "boom" });
    expect(reply.result).toEqual({ content: [{ type: "text", text: 'Tool "boom" failed: disk is full; free some space' }], isError: true });
  });

  it("names the bad and the missing fields when input fails validation", async () => {
    const app = newServer();
    let ran = false;
    app.tool({
      name: "add",
      input: Type.Object({ a: Type.Number(), b: Type.Number() }),
      handler: () => {
        ran = true;
        return "x";
      },
    });
    const reply = await request(app, "tools/call", { name: "add", arguments: { a: "1" } });
    expect(reply.result.isError).toBe(true);
    expect(reply.result.content[0].text).toMatch(/a: must be number/);
    expect(reply.result.content[0].text).toMatch(/\bb\b/);
    const notObject = await request(app, "tools/call", { name: "add", arguments: "a=1" });
    expect(notObject.result.isError).toBe(true);
    expect(notObject.result.content[0].text).toMatch(/"arguments" must be an object/);
    expect(ran).toBe(false);
  });

  it("times out a slow tool with a message naming the timeout", async () => {
    const app = newServer();
    let aborted = false;
    app.tool({
      name: "slow",
      timeoutMs: 30,
      handler: (_args, ctx) =>
        new Promise<string>((resolve) => {
          ctx.signal.addEventListener("abort", () => {
            aborted = true;
          });
          setTimeout(() => resolve("late"), 2000);
        }),
    });
    const started = Date.now();
    const reply = await request(app, "tools/call", { name: "slow" });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(reply.result.isError).toBe(true);
    expect(reply.result.content[0].text).toMatch(/timed out after 30 ms/);
    expect(aborted).toBe(true);
  });

  it("arms no deadline for sync or already-settled handlers, and clears the one of a pending handler", async () => {
    const app = newServer();
    app.tool({ name: "sync", handler: () => "s" });
    app.tool({ name: "settled", handler: async () => "a" });
    app.tool({ name: "pending", timeoutMs: 5_000, handler: () => new Promise<string>((resolve) => setTimeout(() => resolve("p"), 20)) });
    expect((await request(app, "tools/call", { name: "sync" })).result.content[0].text).toBe("s");
    expect((await request(app, "tools/call", { name: "settled" })).result.content[0].text).toBe("a");
    expect(pendingDeadlines()).toBe(0);
    const pending = request(app, "tools/call", { name: "pending" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(pendingDeadlines()).toBe(1);
    expect((await pending).result.content[0].text).toBe("p");
    expect(pendingDeadlines()).toBe(0);
  });

  it("answers a tool whose schema cannot compile with an error naming the tool, on first call", async () => {
    const app = newServer();
    app.tool({ name: "broken", input: { type: "object", properties: { x: { $ref: "#/$defs/missing" } } }, handler: () => "never" });
    const reply = await request(app, "tools/call", { name: "broken", arguments: { x: 1 } });
    const text = JSON.stringify(reply);
    expect(text).toMatch(/broken/);
    expect(text).not.toMatch(/"never"/);
  });

  it("reads the default timeout from MCP_TOOL_TIMEOUT (seconds)", () => {
    const previous = process.env.MCP_TOOL_TIMEOUT;
    process.env.MCP_TOOL_TIMEOUT = "7";
    try {
      expect(newServer().toolTimeoutMs).toBe(7000);
      expect(newServer({ toolTimeoutMs: 5 }).toolTimeoutMs).toBe(5);
    } finally {
      if (previous === undefined) delete process.env.MCP_TOOL_TIMEOUT;
      else process.env.MCP_TOOL_TIMEOUT = previous;
    }
  });

  it("aborts ctx.signal on notifications/cancelled and sends no response", async () => {
    const app = newServer();
    let sawAbort = false;
    app.tool({
      name: "wait",
      handler: (_args, ctx) =>
        new Promise<string>((resolve) => {
          ctx.signal.addEventListener("abort", () => {
            sawAbort = true;
            resolve("stopped");
          });
        }),
    });
    const { session } = await openSession(app);
    const pending = app.handle({ jsonrpc: "2.0", id: "c1", method: "tools/call", params: { name: "wait" } }, { session });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await app.handle({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: "c1", reason: "user" } }, { session });
    expect(await pending).toBeUndefined();
    expect(sawAbort).toBe(true);
  });

  it("stops waiting for a handler that ignores the signal when the session closes", async () => {
    const app = newServer();
    app.tool({ name: "stuck", handler: () => new Promise<string>(() => undefined) });
    const { session } = await openSession(app);
    const pending = request(app, "tools/call", { name: "stuck" }, { session });
    await new Promise((resolve) => setTimeout(resolve, 5));
    session.close();
    expect(await pending).toBeUndefined();
  });

  it("sends progress with the request's token, related to the request", async () => {
    const app = newServer();
    app.tool({
      name: "work",
      handler: async (_args, ctx) => {
        await ctx.progress(1, 2, "half");
        await ctx.progress(2, 2);
        return "done";
      },
    });
    const { session, sent, related } = await openSession(app);
    sent.length = 0;
    related.length = 0;
    await app.handle({ jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "work", _meta: { progressToken: "p1" } } }, { session });
    expect(sent).toEqual([
      { jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: "p1", progress: 1, total: 2, message: "half" } },
      { jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: "p1", progress: 2, total: 2 } },
    ]);
    expect(related).toEqual([9, 9]);
  });

  it("sends related messages through a channel object, called as a method, in preference to send", async () => {
    const app = newServer();
    app.tool({ name: "work", handler: async (_args, ctx) => (await ctx.progress(1, 2), await ctx.log("error", "boom"), "done") });
    class Channel {
      readonly received: JsonRpcMessage[] = [];
      send(message: JsonRpcMessage): void {
        this.received.push(message);
      }
    }
    const channel = new Channel();
    const viaSend: JsonRpcMessage[] = [];
    const { session } = await openSession(app);
    await app.handle(
      { jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "work", _meta: { progressToken: "t" } } },
      { session, channel, send: (message) => void viaSend.push(message) },
    );
    expect(channel.received.map((message) => ("method" in message ? message.method : undefined))).toEqual([
      "notifications/progress",
      "notifications/message",
    ]);
    expect(viaSend).toEqual([]);
  });

  it("sends no progress without a token", async () => {
    const app = newServer();
    app.tool({ name: "work", handler: async (_args, ctx) => (await ctx.progress(1), "done") });
    const sent: JsonRpcMessage[] = [];
    await request(app, "tools/call", { name: "work" }, { send: (message) => void sent.push(message) });
    expect(sent).toEqual([]);
  });

  it("filters log messages below the session's level", async () => {
    const app = newServer();
    app.tool({
      name: "logs",
      handler: async (_args, ctx) => {
        await ctx.log("debug", "noise");
        await ctx.log("error", { problem: "real" }, "db");
        return "ok";
      },
    });
    const { session, sent } = await openSession(app);
    expect((await request(app, "logging/setLevel", { level: "warning" }, { session })).result).toEqual({});
    sent.length = 0;
    await request(app, "tools/call", { name: "logs" }, { session });
    expect(sent).toEqual([{ jsonrpc: "2.0", method: "notifications/message", params: { level: "error", data: { problem: "real" }, logger: "db" } }]);
    expect((await request(app, "logging/setLevel", { level: "loud" }, { session })).error?.code).toBe(-32602);
  });

  it("makes the context ambient inside the handler", async () => {
    const app = newServer();
    app.tool({ name: "who", handler: async () => `${getContext()?.method}:${getContext()?.userId}` });
    const reply = await request(app, "tools/call", { name: "who" }, { auth: { subject: "u1", scopes: [] } });
    expect(reply.result.content[0].text).toBe("tools/call:u1");
    await until(() => true);
  });

  describe("ambientContext option", () => {
    it("by default, getContext() is the handler's ctx before and after an await", async () => {
      const app = newServer();
      app.tool({
        name: "ambient",
        handler: async (_args, ctx) => {
          const before = getContext() === ctx;
          await new Promise((resolve) => setTimeout(resolve, 1));
          return `${before}/${getContext() === ctx}`;
        },
      });
      expect((await request(app, "tools/call", { name: "ambient" })).result.content[0].text).toBe("true/true");
    });

    it("ambientContext: false leaves getContext() undefined while ctx still works", async () => {
      const app = newServer({ ambientContext: false });
      app.tool({
        name: "explicit",
        handler: async (_args, ctx) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return `${getContext() === undefined}/${ctx.method}`;
        },
      });
      expect((await request(app, "tools/call", { name: "explicit" })).result.content[0].text).toBe("true/tools/call");
    });

    it("rejects a non-boolean ambientContext with a message that says what to pass", () => {
      expect(() => newServer({ ambientContext: "no" as never })).toThrow(/"ambientContext" must be true or false/);
    });
  });
});
