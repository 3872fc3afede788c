import { describe, expect, it } from "vitest";
import { newServer, stateless } from "../test/helpers.js";

const NAME_FORM = { message: "What is your name?", requestedSchema: { type: "object" as const, properties: { name: { type: "string" } }, required: ["name"] } };

function app() {
  const server = newServer({ requestStateSecret: "test-secret" });
  server.tool({
    name: "elicit",
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit(NAME_FORM, { key: "user_name" });
      return `Hello ${String(answer.content?.name)}`;
    },
  });
  server.tool({
    name: "multi",
    handler: async (_args, ctx) => {
      const [name, greeting, roots] = await Promise.all([
        ctx.elicit(NAME_FORM, { key: "user_name" }),
        ctx.sample({ messages: [{ role: "user", content: { type: "text", text: "Generate a greeting" } }], maxTokens: 50 }, { key: "greeting" }),
        ctx.listRoots({ key: "client_roots" }),
      ]);
      return `${String(name.content?.name)}|${JSON.stringify(greeting.content)}|${roots.roots.length}`;
    },
  });
  server.tool({
    name: "rounds",
    handler: async (_args, ctx) => {
      const step1 = await ctx.elicit({ ...NAME_FORM, message: "Step 1" });
      const step2 = await ctx.elicit({ ...NAME_FORM, message: "Step 2" });
      return `${String(step1.content?.name)} likes ${String(step2.content?.color)}`;
    },
  });
  server.tool({
    name: "needs_sampling",
    handler: async (_args, ctx) => (await ctx.sample({ messages: [], maxTokens: 1 })).model,
  });
  server.prompt({
    name: "asks",
    get: async (_args, ctx) => {
      const answer = await ctx.elicit({ message: "Context?", requestedSchema: { type: "object", properties: { context: { type: "string" } } } });
      return `Use ${String(answer.content?.context)}`;
    },
  });
  return server;
}

const accept = (content: Record<string, unknown>) => ({ action: "accept", content });

describe("2026 input-required results", () => {
  it("asks with an input_required result, then completes when retried with the answer", async () => {
    const server = app();
    const first = await stateless(server, "tools/call", { name: "elicit", arguments: {} });
    expect(first.result.resultType).toBe("input_required");
    expect(first.result.inputRequests).toEqual({ user_name: { method: "elicitation/create", params: NAME_FORM } });
    expect(typeof first.result.requestState).toBe("string");
    const second = await stateless(server, "tools/call", {
      name: "elicit",
      arguments: {},
      inputResponses: { user_name: accept({ name: "Alice" }) },
      requestState: first.result.requestState,
    });
    expect(second.result).toMatchObject({ resultType: "complete", content: [{ type: "text", text: "Hello Alice" }] });
  });

  it("sends several input requests of different kinds at once", async () => {
    const server = app();
    const first = await stateless(server, "tools/call", { name: "multi", arguments: {} });
    expect(Object.fromEntries(Object.entries(first.result.inputRequests).map(([key, value]) => [key, (value as { method: string }).method]))).toEqual({
      user_name: "elicitation/create",
      greeting: "sampling/createMessage",
      client_roots: "roots/list",
    });
    const second = await stateless(server, "tools/call", {
      name: "multi",
      arguments: {},
      requestState: first.result.requestState,
      inputResponses: {
        user_name: accept({ name: "Alice" }),
        greeting: { role: "assistant", content: { type: "text", text: "Hello there!" }, model: "m", stopReason: "endTurn" },
        client_roots: { roots: [{ uri: "file:///test/root", name: "Test Root" }] },
      },
    });
    expect(second.result.content[0].text).toBe('Alice|{"type":"text","text":"Hello there!"}|1');
  });

  it("runs several rounds, carrying earlier answers in a new requestState", async () => {
    const server = app();
    const round1 = await stateless(server, "tools/call", { name: "rounds", arguments: {} });
    expect(Object.keys(round1.result.inputRequests)).toEqual(["elicit-1"]);
    const round2 = await stateless(server, "tools/call", {
      name: "rounds",
      arguments: {},
      requestState: round1.result.requestState,
      inputResponses: { "elicit-1": accept({ name: "Alice" }) },
    });
    expect(round2.result.resultType).toBe("input_required");
    expect(Object.keys(round2.result.inputRequests)).toEqual(["elicit-2"]);
    expect(round2.result.requestState).not.toBe(round1.result.requestState);
    const round3 = await stateless(server, "tools/call", {
      name: "rounds",
      arguments: {},
      requestState: round2.result.requestState,
      inputResponses: { "elicit-2": accept({ color: "blue" }) },
    });
    expect(round3.result.content[0].text).toBe("Alice likes blue");
  });

  it("rejects a tampered requestState with -32602", async () => {
    const server = app();
    const first = await stateless(server, "tools/call", { name: "elicit", arguments: {} });
    const tampered = await stateless(server, "tools/call", {
      name: "elicit",
      arguments: {},
      requestState: `${first.result.requestState as string}-TAMPERED`,
      inputResponses: { user_name: accept({ name: "Eve" }) },
    });
    expect(tampered.error?.code).toBe(-32602);
    expect(tampered.error?.message).toMatch(/integrity/);
    const other = newServer({ requestStateSecret: "another-secret" });
    other.tool({ name: "elicit", handler: () => "x" });
    const foreign = await stateless(other, "tools/call", { name: "elicit", arguments: {}, requestState: first.result.requestState });
    expect(foreign.error?.code).toBe(-32602);
  });

  it("rejects a requestState issued for another tool", async () => {
    const server = app();
    const first = await stateless(server, "tools/call", { name: "elicit", arguments: {} });
    const reply = await stateless(server, "tools/call", { name: "rounds", arguments: {}, requestState: first.result.requestState });
    expect(reply.error?.code).toBe(-32602);
  });

  it("re-requests missing or malformed answers instead of failing", async () => {
    const server = app();
    const wrongKey = await stateless(server, "tools/call", { name: "elicit", arguments: {}, inputResponses: { wrong_key: accept({ data: "x" }) } });
    expect(wrongKey.result.resultType).toBe("input_required");
    const malformed = await stateless(server, "tools/call", { name: "elicit", arguments: {}, inputResponses: { user_name: 12345 } });
    expect(malformed.result.resultType).toBe("input_required");
    const nullResponses = await stateless(server, "tools/call", { name: "elicit", arguments: {}, inputResponses: null });
    expect(nullResponses.error?.code).toBe(-32602);
  });

  it("ignores extra keys in inputResponses", async () => {
    const server = app();
    const reply = await stateless(server, "tools/call", {
      name: "elicit",
      arguments: {},
      inputResponses: { user_name: accept({ name: "Alice" }), unknown_extra_key: accept({ foo: "bar" }), another: { x: 1 } },
    });
    expect(reply.result).toMatchObject({ resultType: "complete", content: [{ text: "Hello Alice" }] });
  });

  it("works for prompts/get too", async () => {
    const server = app();
    const first = await stateless(server, "prompts/get", { name: "asks" });
    expect(first.result.resultType).toBe("input_required");
    const second = await stateless(server, "prompts/get", {
      name: "asks",
      requestState: first.result.requestState,
      inputResponses: { "elicit-1": accept({ context: "test context" }) },
    });
    expect(second.result).toMatchObject({ resultType: "complete", messages: [{ role: "user", content: { type: "text", text: "Use test context" } }] });
  });

  it("never returns input_required from list methods", async () => {
    const server = app();
    for (const method of ["tools/list", "prompts/list"]) {
      expect((await stateless(server, method)).result.resultType).toBe("complete");
    }
  });

  it("answers -32021 naming the capability when the client did not declare it", async () => {
    const server = app();
    const reply = await stateless(server, "tools/call", { name: "needs_sampling", arguments: {} }, { "io.modelcontextprotocol/clientCapabilities": { elicitation: {} } });
    expect(reply.error?.code).toBe(-32021);
    expect(reply.error?.data).toEqual({ requiredCapabilities: { sampling: {} } });
  });
});
