/**
 * A real `McpServer` with tools that exercise every transport path, plus request helpers.
 */
import { McpServer, Type } from "@chuk-mcp/core";
import type { SseSink } from "../src/sse.js";

/** Per-test knobs the tools read. */
export interface FixtureControls {
  /** Resolves the `wait_for_release` tool. */
  release: () => void;
  /** Called when a tool's signal aborts. */
  aborted: string[];
}

export function createFixtureServer(): { server: McpServer; controls: FixtureControls } {
  const server = new McpServer({ name: "http-fixture", version: "1.0.0" });
  let releaseWaiters: Array<() => void> = [];
  const controls: FixtureControls = {
    release: () => {
      for (const resolve of releaseWaiters.splice(0)) resolve();
    },
    aborted: [],
  };
  server.tool({
    name: "add",
    description: "Adds two numbers",
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    handler: async ({ a, b }) => `${a + b}`,
  });
  server.tool({
    name: "progress",
    description: "Reports progress twice, then answers",
    input: Type.Object({}),
    handler: async (_args, ctx) => {
      await ctx.progress(1, 2, "half");
      await ctx.progress(2, 2, "done");
      return "finished";
    },
  });
  server.tool({
    name: "slow",
    description: "Waits ms milliseconds (abortable)",
    input: Type.Object({ ms: Type.Number() }),
    handler: async ({ ms }, ctx) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => resolve(`slept ${ms}`), ms);
        ctx.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          controls.aborted.push("slow");
          reject(new Error("aborted"));
        });
      }),
  });
  server.tool({
    name: "wait_for_release",
    description: "Sends a progress notification, then waits until the test releases it",
    input: Type.Object({}),
    handler: async (_args, ctx) => {
      await ctx.progress(1, 2, "waiting");
      await new Promise<void>((resolve) => releaseWaiters.push(resolve));
      await ctx.progress(2, 2, "released");
      return "released";
    },
  });
  server.tool({
    name: "ask_name",
    description: "Elicits a name from the client",
    input: Type.Object({}),
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit({
        message: "What is your name?",
        requestedSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
      });
      const content = answer.content as { name?: string } | undefined;
      return `Hello, ${content?.name ?? "nobody"}!`;
    },
  });
  return { server, controls };
}

export const INIT_BODY = {
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: { elicitation: {} }, clientInfo: { name: "test", version: "1.0.0" } },
};

export const BOTH = "application/json, text/event-stream";

/** Base headers of a well-formed 2025 POST. */
export function postHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "content-type": "application/json", accept: BOTH, host: "127.0.0.1", ...extra };
}

/** A 2026-07-28 request body. */
export function statelessBody(id: number, method: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jsonrpc: "2.0",
    id,
    method,
    params: {
      ...params,
      _meta: {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": { name: "test", version: "1.0.0" },
      },
    },
  };
}

/** Headers of a 2026-07-28 request. */
export function statelessHeaders(method: string, name?: string, extra: Record<string, string> = {}): Record<string, string> {
  return postHeaders({
    "mcp-protocol-version": "2026-07-28",
    "mcp-method": method,
    ...(name === undefined ? {} : { "mcp-name": name }),
    ...extra,
  });
}

/** Parses every `data:` line of an SSE body into JSON (skipping empty priming data). */
export function sseMessages(text: string): Array<Record<string, unknown>> {
  const messages: Array<Record<string, unknown>> = [];
  for (const block of text.split("\n\n")) {
    const data = block
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).trim())
      .join("\n");
    if (data !== "") messages.push(JSON.parse(data) as Record<string, unknown>);
  }
  return messages;
}

/** Every `id:` of an SSE body, in order. */
export function sseIds(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("id:"))
    .map((line) => line.slice(3).trim());
}

/** An SSE sink that keeps what was written, for unit tests of streams. */
export class RecordingSink implements SseSink {
  text = "";
  closed = false;
  private listeners: Array<() => void> = [];
  write(chunk: string): void {
    if (!this.closed) this.text += chunk;
  }
  end(): void {
    this.closed = true;
    for (const listener of this.listeners.splice(0)) listener();
  }
  onClose(listener: () => void): void {
    this.listeners.push(listener);
  }
}
