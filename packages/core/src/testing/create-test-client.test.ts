import { describe, expect, it } from "vitest";
import { McpServer, ProtocolError, Type, type RequestContext } from "../index.js";
import { createTestClient } from "./index.js";

function demoServer(): McpServer {
  const server = new McpServer({ name: "demo", version: "1.2.3" });
  server.tool({
    name: "add",
    description: "Adds two numbers.",
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    handler: ({ a, b }) => String(a + b),
  });
  server.tool({
    name: "greet_user",
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit({ message: "Your name?", requestedSchema: { type: "object", properties: { name: { type: "string" } } } });
      return answer.action === "accept" ? `Hello, ${String(answer.content?.name)}!` : `No name (${answer.action})`;
    },
  });
  server.tool({
    name: "summarize",
    handler: async (_args, ctx) => {
      const reply = await ctx.sample({ messages: [{ role: "user", content: { type: "text", text: "Summarize" } }], maxTokens: 10 });
      return `model said: ${(reply.content as { text?: string }).text}`;
    },
  });
  server.tool({ name: "roots", handler: async (_args, ctx) => (await ctx.listRoots()).roots.map((root) => root.uri).join(",") });
  server.tool({
    name: "slow",
    handler: async (_args, ctx) => {
      await ctx.progress(1, 2, "halfway");
      await ctx.log("info", "working");
      await ctx.progress(2, 2, "done");
      return "finished";
    },
  });
  server.tool({
    name: "wait_for_cancel",
    handler: (_args, ctx: RequestContext) => new Promise((_resolve, reject) => ctx.signal.addEventListener("abort", () => reject(new Error("aborted")))),
  });
  server.tool({ name: "private", requiresAuth: true, handler: (_args, ctx) => `hi ${ctx.userId}` });
  server.resource({ uri: "config://app", read: () => ({ version: "1.0.0" }) });
  server.resourceTemplate({ uriTemplate: "users://{id}", name: "user", complete: { id: (value) => ["1", "12"].filter((id) => id.startsWith(value)) }, read: (_uri, { id }) => `user ${id}` });
  server.prompt({ name: "review", arguments: [{ name: "code", required: true }], get: ({ code }) => `Review: ${code}` });
  return server;
}

describe.each(["2025-11-25", "2026-07-28"] as const)("createTestClient in the %s era", (era) => {
  it("connects and reports the server's identity and capabilities", async () => {
    const client = await createTestClient(demoServer(), { era });
    expect(client).toMatchObject({ era, protocolVersion: era, serverInfo: { name: "demo", version: "1.2.3" } });
    expect(client.serverCapabilities).toMatchObject({ tools: {} });
  });

  it("lists tools and calls them with wire-exact results", async () => {
    const client = await createTestClient(demoServer(), { era });
    const list = await client.listTools();
    expect(list.tools.map((tool: { name: string }) => tool.name)).toContain("add");
    const result = await client.callTool("add", { a: 2, b: 3 });
    expect(result.content).toEqual([{ type: "text", text: "5" }]);
    if (era === "2026-07-28") expect(result.resultType).toBe("complete");
    else expect(result.resultType).toBeUndefined();
  });

  it("returns invalid arguments as an isError result, as the wire does", async () => {
    const client = await createTestClient(demoServer(), { era });
    const result = await client.callTool("add", { a: "two" });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toMatch(/a|b/);
  });

  it("rejects JSON-RPC errors with a ProtocolError carrying code, message and data", async () => {
    const client = await createTestClient(demoServer(), { era });
    const error = await client.readResource("config://missing").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: era === "2026-07-28" ? -32602 : -32002, data: { uri: "config://missing" } });
    await expect(client.request("no/such/method")).rejects.toMatchObject({ code: -32601 });
  });

  it("answers elicitation with onElicit, per call or for the whole client", async () => {
    const client = await createTestClient(demoServer(), { era, onElicit: () => ({ action: "decline" }) });
    expect((await client.callTool("greet_user")).content).toEqual([{ type: "text", text: "No name (decline)" }]);
    const asked: unknown[] = [];
    const result = await client.callTool("greet_user", {}, {
      onElicit: (params) => {
        asked.push(params.message);
        return { action: "accept", content: { name: "Ada" } };
      },
    });
    expect(result.content).toEqual([{ type: "text", text: "Hello, Ada!" }]);
    expect(asked).toEqual(["Your name?"]);
  });

  it("answers sampling with onSample and roots with onListRoots", async () => {
    const client = await createTestClient(demoServer(), {
      era,
      onSample: () => ({ role: "assistant", content: { type: "text", text: "short" }, model: "test-model" }),
      onListRoots: () => ({ roots: [{ uri: "file:///a" }, { uri: "file:///b" }] }),
    });
    expect((await client.callTool("summarize")).content[0].text).toBe("model said: short");
    expect((await client.callTool("roots")).content[0].text).toBe("file:///a,file:///b");
  });

  it("says which callback is missing when the server asks and the test gave none", async () => {
    const client = await createTestClient(demoServer(), { era });
    if (era === "2025-11-25") {
      const result = await client.callTool("greet_user");
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toContain("onElicit");
    } else {
      await expect(client.callTool("greet_user")).rejects.toMatchObject({ code: "test_client_unanswered", message: expect.stringContaining("onElicit") });
    }
  });

  it("without the declared capability, gets what a real client would", async () => {
    const client = await createTestClient(demoServer(), { era, capabilities: {}, onElicit: () => ({ action: "accept", content: {} }) });
    if (era === "2025-11-25") {
      expect((await client.callTool("greet_user")).isError).toBe(true);
    } else {
      await expect(client.callTool("greet_user")).rejects.toMatchObject({ code: -32021, data: { requiredCapabilities: { elicitation: {} } } });
    }
  });

  it("delivers progress to onProgress and logs to onLog", async () => {
    const client = await createTestClient(demoServer(), { era, logLevel: "debug" });
    const progress: unknown[] = [];
    const logs: unknown[] = [];
    const result = await client.callTool("slow", {}, { onProgress: (update) => progress.push(update), onLog: (log) => logs.push(log) });
    expect(result.content[0].text).toBe("finished");
    expect(progress).toEqual([{ progress: 1, total: 2, message: "halfway" }, { progress: 2, total: 2, message: "done" }]);
    expect(logs).toEqual([expect.objectContaining({ level: "info", data: "working" })]);
  });

  it("cancels a call when its signal aborts, and the call rejects", async () => {
    const client = await createTestClient(demoServer(), { era });
    const controller = new AbortController();
    const call = client.callTool("wait_for_cancel", {}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("test gave up")), 10);
    await expect(call).rejects.toThrow("test gave up");
    expect((await client.callTool("add", { a: 1, b: 1 })).content[0].text).toBe("2");
  });

  it("reads resources, lists templates, gets prompts and completes arguments", async () => {
    const client = await createTestClient(demoServer(), { era });
    expect((await client.listResources()).resources).toEqual([{ uri: "config://app", name: "app" }]);
    expect((await client.readResource("config://app")).contents).toEqual([{ uri: "config://app", mimeType: "application/json", text: '{"version":"1.0.0"}' }]);
    expect((await client.readResource("users://7")).contents[0].text).toBe("user 7");
    expect((await client.listResourceTemplates()).resourceTemplates[0]).toMatchObject({ uriTemplate: "users://{id}", name: "user" });
    expect((await client.listPrompts()).prompts[0]).toMatchObject({ name: "review" });
    expect((await client.getPrompt("review", { code: "x = 1" })).messages).toEqual([{ role: "user", content: { type: "text", text: "Review: x = 1" } }]);
    expect((await client.complete({ type: "ref/resource", uri: "users://{id}" }, { name: "id", value: "1" })).completion.values).toEqual(["1", "12"]);
  });

  it("sees requiresAuth tools only with auth, as an authenticating transport would pass it", async () => {
    const anonymous = await createTestClient(demoServer(), { era });
    expect((await anonymous.listTools()).tools.map((tool: { name: string }) => tool.name)).not.toContain("private");
    await expect(anonymous.callTool("private")).rejects.toMatchObject({ code: -32003 });
    const signedIn = await createTestClient(demoServer(), { era, auth: { subject: "user-1", scopes: [] } });
    expect((await signedIn.callTool("private")).content[0].text).toBe("hi user-1");
  });

  it("refuses calls after close()", async () => {
    const client = await createTestClient(demoServer(), { era });
    await client.close();
    await expect(client.listTools()).rejects.toMatchObject({ code: "client_closed" });
  });
});

describe("createTestClient specifics", () => {
  it("records list_changed notifications of a 2025 session", async () => {
    const server = demoServer();
    const client = await createTestClient(server);
    server.tool({ name: "late", handler: () => "x" });
    expect(client.notifications.map((message) => message.method)).toContain("notifications/tools/list_changed");
  });

  it("refuses a missing server and an unknown era with messages that say what to pass", async () => {
    await expect(createTestClient(undefined as never)).rejects.toThrow(/pass the McpServer/);
    await expect(createTestClient(demoServer(), { era: "2024-11-05" as never })).rejects.toThrow(/era must be/);
  });

  it("keeps two clients' server→client answers apart", async () => {
    const server = demoServer();
    const [ada, bob] = await Promise.all([
      createTestClient(server, { onElicit: () => ({ action: "accept", content: { name: "Ada" } }) }),
      createTestClient(server, { onElicit: () => ({ action: "accept", content: { name: "Bob" } }) }),
    ]);
    const [first, second] = await Promise.all([ada.callTool("greet_user"), bob.callTool("greet_user")]);
    expect([first.content[0].text, second.content[0].text]).toEqual(["Hello, Ada!", "Hello, Bob!"]);
  });
});
