/**
 * Answers a server's question (`elicitation/create`, `sampling/createMessage`, `roots/list`)
 * with the test's callbacks: the same code for the 2025 server→client request and the 2026
 * `inputRequests` entry.
 */
import { McpError } from "../errors.js";
import type { CreateMessageRequestParams, ElicitRequestParams } from "../types.js";
import type { TestCallbacks } from "./types.js";

const CALLBACK_OF: Record<string, keyof TestCallbacks> = {
  "elicitation/create": "onElicit",
  "sampling/createMessage": "onSample",
  "roots/list": "onListRoots",
};

/** The callback's answer; rejects with `McpError("test_client_unanswered")` when the test gave none. */
export async function answerAsk(method: string, params: unknown, callbacks: TestCallbacks): Promise<unknown> {
  const name = CALLBACK_OF[method];
  if (name === undefined) throw new McpError("test_client_unanswered", `the server asked "${method}", which the test client does not answer`);
  const callback = callbacks[name];
  if (callback === undefined) {
    throw new McpError("test_client_unanswered", `the server asked "${method}" but the test gave no ${name}; pass ${name} to createTestClient() or to this call`);
  }
  if (method === "elicitation/create") return (callback as NonNullable<TestCallbacks["onElicit"]>)(params as ElicitRequestParams);
  if (method === "sampling/createMessage") return (callback as NonNullable<TestCallbacks["onSample"]>)(params as CreateMessageRequestParams);
  return (callback as NonNullable<TestCallbacks["onListRoots"]>)();
}

/** Per-call callbacks win over the client's. */
export function mergeCallbacks(client: TestCallbacks, call: TestCallbacks | undefined): TestCallbacks {
  if (call === undefined) return client;
  return { ...client, ...Object.fromEntries(Object.entries(call).filter(([, value]) => value !== undefined)) };
}

/** Routes a notification related to a request to its callbacks. */
export function deliverRelated(message: { method?: unknown; params?: unknown }, callbacks: TestCallbacks): void {
  const params = (message.params ?? {}) as Record<string, unknown>;
  if (message.method === "notifications/progress") {
    const { progressToken: _token, _meta: _ignored, ...progress } = params;
    callbacks.onProgress?.(progress as { progress: number; total?: number; message?: string });
  } else if (message.method === "notifications/message") {
    callbacks.onLog?.(params as { level: never; data: unknown; logger?: string });
  }
}
