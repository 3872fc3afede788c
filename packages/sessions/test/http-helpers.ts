import { McpServer, Type } from "@chuk-mcp/core";
import { expect } from "vitest";

export const ACCEPT_BOTH = "application/json, text/event-stream";

export const INITIALIZE = {
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "sessions-test", version: "1.0.0" } },
};

/** A server with an instant tool and one that reports progress and waits for `release()`. */
export function createTestServer(): { server: McpServer; release: () => void } {
  const server = new McpServer({ name: "sessions-http-test", version: "1.0.0" });
  const waiting: Array<() => void> = [];
  server.tool({ name: "add", input: Type.Object({ a: Type.Number(), b: Type.Number() }), handler: async ({ a, b }) => `${a + b}` });
  server.tool({
    name: "wait_for_release",
    input: Type.Object({}),
    handler: async (_args, ctx) => {
      await ctx.progress(1, 2, "waiting");
      await new Promise<void>((resolve) => waiting.push(resolve));
      await ctx.progress(2, 2, "released");
      return "released";
    },
  });
  return { server, release: () => waiting.splice(0).forEach((resolve) => resolve()) };
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: ACCEPT_BOTH, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

export function openStream(url: string, sessionId: string, lastEventId?: string, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: "text/event-stream", "mcp-session-id": sessionId };
  if (lastEventId !== undefined) headers["last-event-id"] = lastEventId;
  return fetch(url, { method: "GET", headers, signal: signal ?? AbortSignal.timeout(10_000) });
}

export async function initialize(url: string): Promise<string> {
  const response = await post(url, INITIALIZE);
  expect(response.status).toBe(200);
  await response.text();
  const sessionId = response.headers.get("mcp-session-id");
  expect(sessionId).toBeTruthy();
  const initialized = await post(url, { jsonrpc: "2.0", method: "notifications/initialized" }, { "mcp-session-id": sessionId! });
  expect(initialized.status).toBe(202);
  return sessionId!;
}

/** Reads SSE text until `until` matches or the stream ends. */
export async function readUntil(response: Response, until: (text: string) => boolean): Promise<{ text: string; done: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { text, done: true };
      text += decoder.decode(value, { stream: true });
      if (until(text)) return { text, done: false };
    }
  } finally {
    reader.releaseLock();
  }
}

/** The JSON of every non-empty `data:` line. */
export function sseMessages(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n\n")
    .map((block) => block.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trim()).join("\n"))
    .filter((data) => data !== "")
    .map((data) => JSON.parse(data) as Record<string, unknown>);
}

/** Every `id:` in order. */
export function sseIds(text: string): string[] {
  return text.split("\n").filter((line) => line.startsWith("id:")).map((line) => line.slice(3).trim());
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
