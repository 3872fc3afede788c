/**
 * The two ways the test client reaches the engine: a 2025 session (server→client requests
 * and notifications over the session's outbound channel) and 2026 stateless requests
 * (input-required results retried with `inputResponses`).
 */
import { McpError } from "../errors.js";
import type { JsonRpcId, JsonRpcMessage, JsonRpcNotification } from "../jsonrpc.js";
import type { McpServer } from "../server.js";
import type { ServerSession } from "../session.js";
import type { AuthInfo } from "../types.js";
import { MetaKey, STATELESS_PROTOCOL_VERSION } from "../versions.js";
import { answerAsk, deliverRelated } from "./answer-asks.js";
import type { TestCallbacks, TestClientOptions } from "./types.js";

/** One request in, the server's reply out (undefined when it was cancelled). */
export interface Exchange {
  send(method: string, params: Record<string, unknown>, callbacks: TestCallbacks, signal: AbortSignal | undefined): Promise<JsonRpcMessage | undefined>;
  close(): void;
}

const MAX_INPUT_ROUNDS = 32;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

let counter = 0;
/** Request ids unique per process, so server→client answers never cross between clients. */
export function nextRequestId(): string {
  counter += 1;
  return `test-${counter}`;
}

function withProgressToken(params: Record<string, unknown>, id: JsonRpcId, callbacks: TestCallbacks): Record<string, unknown> {
  if (callbacks.onProgress === undefined) return params;
  const meta = isRecord(params._meta) ? params._meta : {};
  return { ...params, _meta: { ...meta, progressToken: id } };
}

/** 2025-11-25: one session, as stdio or an HTTP session would hold it. */
export class SessionExchange implements Exchange {
  readonly session: ServerSession;
  readonly #inFlight = new Map<JsonRpcId, TestCallbacks>();

  constructor(
    private readonly server: McpServer,
    private readonly auth: AuthInfo | undefined,
    private readonly defaults: TestCallbacks,
    private readonly notifications: JsonRpcNotification[],
  ) {
    this.session = server.createSession({ send: (message, options) => this.#receive(message, options?.relatedRequestId) });
  }

  async send(method: string, params: Record<string, unknown>, callbacks: TestCallbacks, signal: AbortSignal | undefined): Promise<JsonRpcMessage | undefined> {
    const id = nextRequestId();
    this.#inFlight.set(id, callbacks);
    const onAbort = (): void => {
      void this.server.handle(
        { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: id, reason: String(signal?.reason ?? "aborted") } },
        this.#options(),
      );
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      if (signal?.aborted === true) return undefined;
      return await this.server.handle({ jsonrpc: "2.0", id, method, params: withProgressToken(params, id, callbacks) }, this.#options());
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.#inFlight.delete(id);
    }
  }

  close(): void {
    this.session.close();
  }

  #options() {
    return { session: this.session, ...(this.auth === undefined ? {} : { auth: this.auth }) };
  }

  #receive(message: JsonRpcMessage, related: JsonRpcId | undefined): void {
    const callbacks = (related === undefined ? undefined : this.#inFlight.get(related)) ?? this.defaults;
    if ("method" in message && "id" in message) {
      const { id, method, params } = message;
      answerAsk(method, params, callbacks).then(
        (result) => this.server.handle({ jsonrpc: "2.0", id, result }, this.#options()),
        (error: unknown) => {
          const unanswered = error instanceof McpError && error.code === "test_client_unanswered";
          const text = error instanceof Error ? error.message : String(error);
          return this.server.handle({ jsonrpc: "2.0", id, error: { code: unanswered ? -32601 : -32603, message: text } }, this.#options());
        },
      );
      return;
    }
    if (!("method" in message)) return;
    if (related !== undefined && this.#inFlight.has(related)) deliverRelated(message, callbacks);
    else this.notifications.push(message as JsonRpcNotification);
  }
}

/** 2026-07-28: every request stands alone, carrying its `_meta`. */
export class StatelessExchange implements Exchange {
  readonly #meta: Record<string, unknown>;

  constructor(
    private readonly server: McpServer,
    private readonly auth: AuthInfo | undefined,
    options: Required<Pick<TestClientOptions, "capabilities" | "clientInfo">> & Pick<TestClientOptions, "logLevel">,
  ) {
    this.#meta = {
      [MetaKey.ProtocolVersion]: STATELESS_PROTOCOL_VERSION,
      [MetaKey.ClientInfo]: options.clientInfo,
      [MetaKey.ClientCapabilities]: options.capabilities,
      ...(options.logLevel === undefined ? {} : { [MetaKey.LogLevel]: options.logLevel }),
    };
  }

  async send(method: string, params: Record<string, unknown>, callbacks: TestCallbacks, signal: AbortSignal | undefined): Promise<JsonRpcMessage | undefined> {
    const id = nextRequestId();
    const sent = withProgressToken(params, id, callbacks);
    const meta = { ...this.#meta, ...(isRecord(sent._meta) ? sent._meta : {}) };
    let retry: Record<string, unknown> = {};
    for (let round = 0; round < MAX_INPUT_ROUNDS; round += 1) {
      if (signal?.aborted === true) return undefined;
      const reply = await this.server.handle(
        { jsonrpc: "2.0", id, method, params: { ...sent, ...retry, _meta: meta } },
        {
          send: (message) => deliverRelated(message as { method?: unknown; params?: unknown }, callbacks),
          ...(this.auth === undefined ? {} : { auth: this.auth }),
          ...(signal === undefined ? {} : { signal }),
        },
      );
      if (reply === undefined || !("result" in reply) || !isRecord(reply.result) || reply.result.resultType !== "input_required") return reply;
      const requests = isRecord(reply.result.inputRequests) ? reply.result.inputRequests : {};
      const inputResponses: Record<string, unknown> = {};
      for (const [key, request] of Object.entries(requests)) {
        const { method: asked, params: askedParams } = request as { method: string; params?: unknown };
        inputResponses[key] = await answerAsk(asked, askedParams ?? {}, callbacks);
      }
      retry = { inputResponses, ...(typeof reply.result.requestState === "string" ? { requestState: reply.result.requestState } : {}) };
    }
    throw new McpError("test_client_unanswered", `${method} still asked for input after ${MAX_INPUT_ROUNDS} rounds; does the handler ask with a fresh key every run?`);
  }

  close(): void {}
}
