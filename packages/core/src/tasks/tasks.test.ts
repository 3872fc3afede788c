import { describe, expect, it } from "vitest";
import { ErrorCode, ProtocolError, Type, type RequestContext } from "../index.js";
import { newServer, request, stateless, until, type Reply } from "../../test/helpers.js";

const TASKS = "io.modelcontextprotocol/tasks";
const WITH_TASKS = {
  "io.modelcontextprotocol/clientCapabilities": { elicitation: {}, sampling: {}, extensions: { [TASKS]: {} } },
};
const WITHOUT_TASKS = { "io.modelcontextprotocol/clientCapabilities": {} };

function delay(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

function serverWithTaskTools(options: Parameters<typeof newServer>[0] = {}) {
  const app = newServer(options);
  const seen: { aborted?: boolean } = {};
  app.tool({ name: "greet", input: Type.Object({ name: Type.String() }), handler: ({ name }) => `Hello, ${name}!` });
  app.tool({
    name: "slow",
    taskSupport: "optional",
    input: Type.Object({ ms: Type.Number() }),
    handler: async ({ ms }, ctx) => {
      try {
        await delay(ms, ctx.signal);
      } catch (error) {
        seen.aborted = ctx.signal.aborted;
        throw error;
      }
      return `slept ${ms}`;
    },
  });
  app.tool({ name: "tool_error", taskSupport: "required", handler: () => { throw new Error("disk full"); } });
  app.tool({ name: "protocol_error", taskSupport: "optional", handler: () => { throw new ProtocolError(-32603, "Internal error: exploded", { why: "test" }); } });
  app.tool({
    name: "two_inputs",
    taskSupport: "optional",
    handler: async (_args, ctx) => {
      const [first, second] = await Promise.all([
        ctx.elicit({ message: "First?", requestedSchema: { type: "object", properties: {} } }, { key: "first" }),
        ctx.elicit({ message: "Second?", requestedSchema: { type: "object", properties: {} } }, { key: "second" }),
      ]);
      return `${String(first.content?.name)} and ${String(second.content?.name)}`;
    },
  });
  app.tool({
    name: "ask_then_task",
    taskSupport: "required",
    taskStart: "handler",
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit({ message: "Name?", requestedSchema: { type: "object", properties: {} } }, { key: "user_name" });
      return ctx.runAsTask(async (task: RequestContext) => `Hello ${String(answer.content?.name)} from ${task.method}`);
    },
  });
  return { app, seen };
}

async function waitForStatus(app: ReturnType<typeof newServer>, taskId: string, status: string): Promise<Reply> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const reply = await stateless(app, "tasks/get", { taskId }, WITH_TASKS);
    if (reply.result?.status === status) return reply;
    if (Date.now() > deadline) throw new Error(`task ${taskId} never reached ${status}; last reply ${JSON.stringify(reply)}`);
    await delay(5);
  }
}

describe("tasks extension (SEP-2663)", () => {
  it("advertises the extension in server/discover only", async () => {
    const { app } = serverWithTaskTools();
    const discovered = await stateless(app, "server/discover");
    expect(discovered.result.capabilities.extensions).toEqual({ [TASKS]: {} });
    expect(discovered.result.capabilities.tasks).toBeUndefined();
    const tools = await stateless(app, "tools/list");
    expect(tools.result.tools.find((tool: { name: string }) => tool.name === "slow").execution).toEqual({ taskSupport: "optional" });
  });

  it("returns a flat CreateTaskResult that tasks/get resolves at once, then inlines the result", async () => {
    const { app } = serverWithTaskTools();
    const created = await stateless(app, "tools/call", { name: "slow", arguments: { ms: 50 } }, WITH_TASKS);
    expect(created.result).toMatchObject({ resultType: "task", status: "working", ttlMs: 3_600_000, pollIntervalMs: 500 });
    expect(created.result.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    for (const absent of ["task", "result", "error", "inputRequests", "requestState", "content"]) expect(created.result).not.toHaveProperty(absent);
    const taskId = created.result.taskId as string;
    const immediate = await stateless(app, "tasks/get", { taskId }, WITH_TASKS);
    expect(immediate.result).toMatchObject({ resultType: "complete", taskId, status: "working" });
    expect(immediate.result).not.toHaveProperty("result");
    const done = await waitForStatus(app, taskId, "completed");
    expect(done.result.result).toEqual({ content: [{ type: "text", text: "slept 50" }] });
  });

  it("runs task tools synchronously for callers without the extension, and refuses required ones with -32021", async () => {
    const { app } = serverWithTaskTools();
    const sync = await stateless(app, "tools/call", { name: "slow", arguments: { ms: 1 } }, WITHOUT_TASKS);
    expect(sync.result).toMatchObject({ resultType: "complete", content: [{ type: "text", text: "slept 1" }] });
    expect(sync.result).not.toHaveProperty("taskId");
    const refused = await stateless(app, "tools/call", { name: "tool_error" }, WITHOUT_TASKS);
    expect(refused.error).toMatchObject({ code: -32021, data: { requiredCapabilities: { extensions: { [TASKS]: {} } } } });
    const sessionEra = await request(app, "tools/call", { name: "slow", arguments: { ms: 1 } });
    expect(sessionEra.result).toEqual({ content: [{ type: "text", text: "slept 1" }] });
  });

  it("never turns a sync tool into a task, even with a legacy task hint", async () => {
    const { app } = serverWithTaskTools();
    const reply = await stateless(app, "tools/call", { name: "greet", arguments: { name: "Ada" }, task: { ttl: 60000 } }, WITH_TASKS);
    expect(reply.result).toMatchObject({ resultType: "complete", content: [{ type: "text", text: "Hello, Ada!" }] });
  });

  it("gates tasks/* on the extension, rejects unknown ids with -32602 and removed methods with -32601", async () => {
    const { app } = serverWithTaskTools();
    for (const method of ["tasks/get", "tasks/update", "tasks/cancel"]) {
      expect((await stateless(app, method, { taskId: "gate" }, WITHOUT_TASKS)).error?.code).toBe(-32021);
      expect((await stateless(app, method, { taskId: "nope" }, WITH_TASKS)).error).toMatchObject({ code: -32602, data: { taskId: "nope" } });
      expect((await stateless(app, method, {}, WITH_TASKS)).error?.code).toBe(-32602);
    }
    for (const method of ["tasks/result", "tasks/list"]) expect((await stateless(app, method, {}, WITH_TASKS)).error?.code).toBe(-32601);
    expect((await request(app, "tasks/get", { taskId: "x" })).error?.code).toBe(-32601);
  });

  it("completes with isError for a tool failure and fails with the error for a protocol error", async () => {
    const { app } = serverWithTaskTools();
    const failing = await stateless(app, "tools/call", { name: "tool_error" }, WITH_TASKS);
    const completed = await waitForStatus(app, failing.result.taskId, "completed");
    expect(completed.result.result).toMatchObject({ isError: true, content: [{ type: "text", text: 'Tool "tool_error" failed: disk full' }] });
    const crashing = await stateless(app, "tools/call", { name: "protocol_error" }, WITH_TASKS);
    const failed = await waitForStatus(app, crashing.result.taskId, "failed");
    expect(failed.result.error).toEqual({ code: -32603, message: "Internal error: exploded", data: { why: "test" } });
    expect(failed.result).not.toHaveProperty("result");
  });

  it("cancels a running task (aborting its signal) with an empty ack, idempotently", async () => {
    const { app, seen } = serverWithTaskTools();
    const created = await stateless(app, "tools/call", { name: "slow", arguments: { ms: 60_000 } }, WITH_TASKS);
    const taskId = created.result.taskId as string;
    const ack = await stateless(app, "tasks/cancel", { taskId }, WITH_TASKS);
    expect(Object.keys(ack.result).sort()).toEqual(["_meta", "resultType"]);
    expect(ack.result.resultType).toBe("complete");
    expect((await stateless(app, "tasks/get", { taskId }, WITH_TASKS)).result.status).toBe("cancelled");
    await until(() => seen.aborted === true);
    expect((await stateless(app, "tasks/cancel", { taskId }, WITH_TASKS)).result.resultType).toBe("complete");
    expect((await stateless(app, "tasks/get", { taskId }, WITH_TASKS)).result.status).toBe("cancelled");
  });

  it("parks on input, accepts answers one at a time and resumes when all are in", async () => {
    const { app } = serverWithTaskTools();
    const created = await stateless(app, "tools/call", { name: "two_inputs" }, WITH_TASKS);
    const taskId = created.result.taskId as string;
    const parked = await waitForStatus(app, taskId, "input_required");
    expect(Object.keys(parked.result.inputRequests).sort()).toEqual(["first", "second"]);
    expect(parked.result.inputRequests.first).toMatchObject({ method: "elicitation/create", params: { message: "First?" } });
    const partial = await stateless(app, "tasks/update", { taskId, inputResponses: { first: { action: "accept", content: { name: "A" } }, other: {} } }, WITH_TASKS);
    expect(partial.result.resultType).toBe("complete");
    const still = await stateless(app, "tasks/get", { taskId }, WITH_TASKS);
    expect(still.result.status).toBe("input_required");
    expect(Object.keys(still.result.inputRequests)).toEqual(["second"]);
    const bad = await stateless(app, "tasks/update", { taskId, inputResponses: { second: { action: "maybe" } } }, WITH_TASKS);
    expect(bad.error?.code).toBe(-32602);
    await stateless(app, "tasks/update", { taskId, inputResponses: { second: { action: "accept", content: { name: "B" } } } }, WITH_TASKS);
    const done = await waitForStatus(app, taskId, "completed");
    expect(done.result.result.content[0].text).toBe("A and B");
  });

  it("gathers input by input_required rounds first when taskStart is \"handler\", then escalates", async () => {
    const { app } = serverWithTaskTools();
    const round1 = await stateless(app, "tools/call", { name: "ask_then_task" }, WITH_TASKS);
    expect(round1.result).toMatchObject({ resultType: "input_required" });
    expect(round1.result).not.toHaveProperty("taskId");
    expect(Object.keys(round1.result.inputRequests)).toEqual(["user_name"]);
    const round2 = await stateless(
      app,
      "tools/call",
      { name: "ask_then_task", inputResponses: { user_name: { action: "accept", content: { name: "Alice" } } }, requestState: round1.result.requestState },
      WITH_TASKS,
    );
    expect(round2.result).toMatchObject({ resultType: "task", status: "working" });
    expect(round2.result).not.toHaveProperty("requestState");
    const done = await waitForStatus(app, round2.result.taskId, "completed");
    expect(done.result.result.content[0].text).toBe("Hello Alice from tools/call");
  });

  it("keeps a task private to the subject that created it", async () => {
    const { app } = serverWithTaskTools();
    const created = await stateless(app, "tools/call", { name: "slow", arguments: { ms: 1 } }, WITH_TASKS, { auth: { subject: "ada", scopes: [] } });
    const taskId = created.result.taskId as string;
    expect((await stateless(app, "tasks/get", { taskId }, WITH_TASKS, { auth: { subject: "eve", scopes: [] } })).error?.code).toBe(-32602);
    expect((await stateless(app, "tasks/get", { taskId }, WITH_TASKS, { auth: { subject: "ada", scopes: [] } })).result.taskId).toBe(taskId);
  });

  it("rejects an Mcp-Name header that disagrees with the taskId (-32020)", async () => {
    const { app } = serverWithTaskTools();
    const created = await stateless(app, "tools/call", { name: "slow", arguments: { ms: 1 } }, WITH_TASKS);
    const headers = { "mcp-protocol-version": "2026-07-28" };
    const taskId = created.result.taskId as string;
    const wrong = await stateless(app, "tasks/get", { taskId }, WITH_TASKS, { headers: { ...headers, "mcp-name": "other" } });
    expect(wrong.error?.code).toBe(ErrorCode.HeaderMismatch);
    const right = await stateless(app, "tasks/get", { taskId }, WITH_TASKS, { headers: { ...headers, "mcp-name": ` ${taskId} ` } });
    expect(right.result.taskId).toBe(taskId);
  });

  it("bounds the store: expired tasks vanish and a full store of running tasks refuses new ones", async () => {
    const { app } = serverWithTaskTools({ tasks: { ttlMs: 40, maxTasks: 2 } });
    const first = await stateless(app, "tools/call", { name: "slow", arguments: { ms: 1 } }, WITH_TASKS);
    await delay(60);
    expect((await stateless(app, "tasks/get", { taskId: first.result.taskId }, WITH_TASKS)).error?.code).toBe(-32602);
    const small = serverWithTaskTools({ tasks: { maxTasks: 1 } });
    await stateless(small.app, "tools/call", { name: "slow", arguments: { ms: 60_000 } }, WITH_TASKS);
    const refused = await stateless(small.app, "tools/call", { name: "slow", arguments: { ms: 1 } }, WITH_TASKS);
    expect(refused.error).toMatchObject({ code: -32603, message: expect.stringMatching(/tasks are running/) });
    await small.app.close();
  });

  it("refuses malformed task settings at registration", () => {
    const app = newServer();
    expect(() => app.tool({ name: "t", handler: () => "", taskSupport: "always" as never })).toThrow(/taskSupport/);
    expect(() => app.tool({ name: "t", handler: () => "", taskStart: "later" as never })).toThrow(/taskStart/);
  });
});
