import { describe, expect, it } from "vitest";
import { newServer, openSession, request, until } from "../../test/helpers.js";

describe("2025 era (sessions)", () => {
  it("negotiates each supported version and falls back to the latest for unknown ones", async () => {
    const app = newServer({ instructions: "be nice" });
    for (const version of ["2025-11-25", "2025-06-18", "2025-03-26"]) {
      const reply = await request(app, "initialize", { protocolVersion: version, capabilities: {}, clientInfo: { name: "c", version: "1" } });
      expect(reply.result.protocolVersion).toBe(version);
    }
    const other = await request(app, "initialize", { protocolVersion: "1999-01-01", capabilities: {}, clientInfo: { name: "c", version: "1" } });
    expect(other.result).toMatchObject({
      protocolVersion: "2025-11-25",
      serverInfo: { name: "test-server", version: "1.2.3" },
      instructions: "be nice",
      capabilities: { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true }, logging: {}, completions: {} },
    });
  });

  it("rejects initialize without a protocolVersion with -32602", async () => {
    const reply = await request(newServer(), "initialize", { capabilities: {} });
    expect(reply.error?.code).toBe(-32602);
  });

  it("stores negotiated state in the session and reports changes", async () => {
    const app = newServer();
    const states: unknown[] = [];
    const session = app.createSession({ id: "s1", send: () => undefined });
    session.onStateChange = (state) => states.push(state);
    await request(app, "initialize", { protocolVersion: "2025-06-18", capabilities: { roots: {} }, clientInfo: { name: "c", version: "2" } }, { session });
    await app.handle({ jsonrpc: "2.0", method: "notifications/initialized" }, { session });
    expect(session.state).toEqual({
      protocolVersion: "2025-06-18",
      clientCapabilities: { roots: {} },
      clientInfo: { name: "c", version: "2" },
      subscriptions: [],
      initialized: true,
    });
    expect(states.length).toBe(2);
    expect(JSON.parse(JSON.stringify(session.state))).toEqual(session.state);
  });

  it("answers ping with an empty result", async () => {
    expect((await request(newServer(), "ping")).result).toEqual({});
  });

  it("elicits over the session and resumes with the client's answer", async () => {
    const app = newServer();
    app.tool({
      name: "ask",
      handler: async (_args, ctx) => {
        const answer = await ctx.elicit({ message: "Name?", requestedSchema: { type: "object", properties: { name: { type: "string" } } } });
        return `hello ${String(answer.content?.name)}`;
      },
    });
    const { session, sent, related } = await openSession(app, { elicitation: {} });
    const pending = app.handle({ jsonrpc: "2.0", id: 41, method: "tools/call", params: { name: "ask" } }, { session });
    await until(() => sent.length > 0);
    const outbound = sent[0] as unknown as { id: string; method: string; params: { message: string } };
    expect(outbound.method).toBe("elicitation/create");
    expect(outbound.params.message).toBe("Name?");
    expect(related[0]).toBe(41);
    await app.handle({ jsonrpc: "2.0", id: outbound.id, result: { action: "accept", content: { name: "Ada" } } }, { session });
    expect(await pending).toEqual({ jsonrpc: "2.0", id: 41, result: { content: [{ type: "text", text: "hello Ada" }] } });
  });

  it("samples and lists roots over the session; a client error fails the tool with its message", async () => {
    const app = newServer();
    app.tool({
      name: "both",
      handler: async (_args, ctx) => {
        const roots = await ctx.listRoots();
        const sample = await ctx.sample({ messages: [{ role: "user", content: { type: "text", text: "hi" } }], maxTokens: 5 });
        return `${roots.roots.length}:${sample.model}`;
      },
    });
    const { session, sent } = await openSession(app, { roots: {}, sampling: {} });
    const pending = request(app, "tools/call", { name: "both" }, { session });
    await until(() => sent.length === 1);
    const roots = sent[0] as { id: string; method: string };
    expect(roots.method).toBe("roots/list");
    await app.handle({ jsonrpc: "2.0", id: roots.id, result: { roots: [{ uri: "file:///a" }] } }, { session });
    await until(() => sent.length === 2);
    const sampling = sent[1] as { id: string; method: string };
    expect(sampling.method).toBe("sampling/createMessage");
    await app.handle({ jsonrpc: "2.0", id: sampling.id, error: { code: -1, message: "user refused" } }, { session });
    const reply = await pending;
    expect(reply.result.isError).toBe(true);
    expect(reply.result.content[0].text).toMatch(/user refused/);
  });

  it("refuses to elicit when the client lacks the capability, with a clear message", async () => {
    const app = newServer();
    app.tool({ name: "ask", handler: async (_args, ctx) => (await ctx.elicit({ message: "x" })).action });
    const { session, sent } = await openSession(app, {});
    sent.length = 0;
    const reply = await request(app, "tools/call", { name: "ask" }, { session });
    expect(reply.result.isError).toBe(true);
    expect(reply.result.content[0].text).toMatch(/did not declare the "elicitation" capability/);
    expect(sent).toEqual([]);
  });

  it("rejects pending client requests when the session closes", async () => {
    const app = newServer();
    let failure = "";
    app.tool({
      name: "ask",
      handler: async (_args, ctx) => {
        try {
          await ctx.elicit({ message: "x" });
        } catch (error) {
          failure = (error as Error).message;
        }
        return "x";
      },
    });
    const { session, sent } = await openSession(app, { elicitation: {} });
    const pending = request(app, "tools/call", { name: "ask" }, { session });
    await until(() => sent.length > 0);
    session.close();
    expect(await pending).toBeUndefined();
    await until(() => failure !== "");
    expect(failure).toMatch(/closed/);
  });

  it("sends list_changed to every open session when the registry changes", async () => {
    const app = newServer();
    const first = await openSession(app);
    const second = await openSession(app);
    first.sent.length = 0;
    second.sent.length = 0;
    const handle = app.tool({ name: "t", handler: () => "x" });
    app.prompt({ name: "p", get: () => "x" });
    app.resource({ uri: "test://r", name: "r", read: () => "x" });
    handle.remove();
    for (const { sent, related } of [first, second]) {
      expect(sent.map((message) => (message as { method: string }).method)).toEqual([
        "notifications/tools/list_changed",
        "notifications/prompts/list_changed",
        "notifications/resources/list_changed",
        "notifications/tools/list_changed",
      ]);
      expect(related.slice(-4)).toEqual([undefined, undefined, undefined, undefined]);
    }
    second.session.close();
    app.tool({ name: "u", handler: () => "x" });
    expect(second.sent.length).toBe(4);
    expect(first.sent.length).toBe(5);
  });

  it("notifies only subscribed sessions of resource updates", async () => {
    const app = newServer();
    app.resource({ uri: "test://watched", name: "w", read: () => "x" });
    const subscriber = await openSession(app);
    const other = await openSession(app);
    expect((await request(app, "resources/subscribe", { uri: "test://watched" }, { session: subscriber.session })).result).toEqual({});
    subscriber.sent.length = 0;
    other.sent.length = 0;
    app.notifyResourceUpdated("test://watched");
    expect(subscriber.sent).toEqual([{ jsonrpc: "2.0", method: "notifications/resources/updated", params: { uri: "test://watched" } }]);
    expect(other.sent).toEqual([]);
    await request(app, "resources/unsubscribe", { uri: "test://watched" }, { session: subscriber.session });
    app.notifyResourceUpdated("test://watched");
    expect(subscriber.sent.length).toBe(1);
    expect((await request(app, "resources/subscribe", {})).error?.code).toBe(-32602);
    expect((await request(app, "resources/subscribe", { uri: "test://watched" })).error?.code).toBe(-32600);
  });
});
