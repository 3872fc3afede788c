import { afterEach, describe, expect, it } from "vitest";
import { ProtocolError } from "@chuk-mcp/core";
import { InputRequiredSignal, RecordingHost, recordingContext } from "../test/recording-host.js";
import { registerFixtures } from "./fixtures.js";
import type { FixtureContext } from "./host.js";
import { startConformanceServer } from "./server.js";

function setup() {
  const host = new RecordingHost();
  registerFixtures(host);
  return host;
}

describe("tasks-extension fixtures", () => {
  it("declares task support the way the scenarios expect", () => {
    const host = setup();
    expect(host.toolNamed("greet").taskSupport).toBeUndefined();
    expect(host.toolNamed("slow_compute").taskSupport).toBe("optional");
    expect(host.toolNamed("failing_job").taskSupport).toBe("required");
    expect(host.toolNamed("test_tool_with_task")).toMatchObject({ taskSupport: "required", taskStart: "handler" });
  });

  it("greet answers synchronously and slow_compute stops when its signal aborts", async () => {
    const host = setup();
    expect(await host.toolNamed("greet").handler({ name: "World" }, recordingContext())).toBe("Hello, World!");
    expect(await host.toolNamed("slow_compute").handler({ seconds: 0, label: "x" }, recordingContext())).toBe("Computed x after 0s");
    const controller = new AbortController();
    const running = host.toolNamed("slow_compute").handler({ seconds: 60 }, { ...recordingContext(), signal: controller.signal });
    controller.abort(new Error("cancelled"));
    await expect(running).rejects.toThrow("cancelled");
  });

  it("failing_job reports a tool error and protocol_error_job throws a ProtocolError", async () => {
    const host = setup();
    expect(await host.toolNamed("failing_job").handler({}, recordingContext())).toMatchObject({ isError: true });
    await expect(host.toolNamed("protocol_error_job").handler({}, recordingContext())).rejects.toBeInstanceOf(ProtocolError);
  }, 5000);

  it("multi_input asks two questions at once", async () => {
    const context = recordingContext();
    await expect(setup().toolNamed("multi_input").handler({}, context)).rejects.toBeInstanceOf(InputRequiredSignal);
    expect(context.asks.map((ask) => ask.key)).toEqual(["name", "confirm"]);
  });

  it("test_tool_with_task hands the greeting work to runAsTask once it has the name", async () => {
    let handedOver = false;
    const context: FixtureContext = {
      ...recordingContext({ answers: { user_name: { action: "accept", content: { name: "Alice" } } } }),
      runAsTask: async (work) => {
        handedOver = true;
        return work(context);
      },
    };
    expect(await setup().toolNamed("test_tool_with_task").handler({}, context)).toContain("Alice");
    expect(handedOver).toBe(true);
  });
});

describe("tasks over HTTP (core + http, loopback)", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it("creates a task for confirm_delete, parks it for input and completes it after tasks/update", async () => {
    const running = await startConformanceServer({ port: 0 });
    close = running.close;
    const meta = {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28",
      "io.modelcontextprotocol/clientCapabilities": { elicitation: {}, extensions: { "io.modelcontextprotocol/tasks": {} } },
    };
    let id = 0;
    const call = async (method: string, params: Record<string, unknown>, name?: string) => {
      const response = await fetch(running.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2026-07-28",
          "mcp-method": method,
          ...(name === undefined ? {} : { "mcp-name": name }),
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: { ...params, _meta: meta } }),
        signal: AbortSignal.timeout(5000),
      });
      return (await response.json()) as { result?: Record<string, any>; error?: { code: number } };
    };
    const created = await call("tools/call", { name: "confirm_delete", arguments: { filename: "a.txt" } }, "confirm_delete");
    expect(created.result).toMatchObject({ resultType: "task" });
    // The handler runs at once, so the task may already be parked for input when the reply is built.
    expect(["working", "input_required"]).toContain(created.result?.status);
    const taskId = String(created.result?.taskId);
    let task = await call("tasks/get", { taskId }, taskId);
    for (let attempt = 0; attempt < 100 && task.result?.status !== "input_required"; attempt++) task = await call("tasks/get", { taskId }, taskId);
    const [key] = Object.keys(task.result?.inputRequests ?? {});
    expect(key).toBeDefined();
    const ack = await call("tasks/update", { taskId, inputResponses: { [String(key)]: { action: "accept", content: { confirm: true } } } }, taskId);
    expect(ack.result?.resultType).toBe("complete");
    for (let attempt = 0; attempt < 100 && task.result?.status !== "completed"; attempt++) task = await call("tasks/get", { taskId }, taskId);
    expect(task.result?.result).toEqual({ content: [{ type: "text", text: "Deleted a.txt" }] });
  });
});
