/**
 * Server→client requests waiting for their answers. Ids are unique per server so a
 * response can be routed even when it arrives on another connection than the request.
 */
import { ClientRequestError, McpError } from "./errors.js";
import type { JsonRpcId, JsonRpcMessage, JsonRpcResponse } from "./jsonrpc.js";

interface Waiting {
  resolve(result: Record<string, unknown>): void;
  reject(error: unknown): void;
}

let counter = 0;

/** Outstanding server→client requests of one owner (a session, or the server for session-less requests). */
export class PendingRequests {
  private readonly waiting = new Map<JsonRpcId, Waiting>();

  get size(): number {
    return this.waiting.size;
  }

  /** Sends `method` through `send` and resolves with the client's result. */
  request(
    send: (message: JsonRpcMessage) => void | Promise<void>,
    method: string,
    params: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const id = `srv-${++counter}`;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.waiting.delete(id)) {
          reject(signal?.reason ?? new McpError("request_cancelled", `${method} was cancelled before the client answered`));
        }
      };
      if (signal?.aborted) {
        onAbort();
        reject(signal.reason);
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      const settle = (): void => signal?.removeEventListener("abort", onAbort);
      this.waiting.set(id, {
        resolve: (result) => {
          settle();
          resolve(result);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      Promise.resolve()
        .then(() => send({ jsonrpc: "2.0", id, method, params }))
        .catch((error: unknown) => {
          if (this.waiting.delete(id)) {
            settle();
            reject(new McpError("session_closed", `could not send ${method} to the client: ${String(error)}`, { cause: error }));
          }
        });
    });
  }

  /** Routes a client response; false when no request with that id is waiting here. */
  resolve(message: JsonRpcResponse): boolean {
    if (message.id === null) return false;
    const waiting = this.waiting.get(message.id);
    if (waiting === undefined) return false;
    this.waiting.delete(message.id);
    if ("result" in message) {
      waiting.resolve(message.result);
    } else {
      waiting.reject(new ClientRequestError(message.error.code, message.error.message, message.error.data));
    }
    return true;
  }

  /** Rejects every waiting request. */
  rejectAll(reason: unknown): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiting of all) waiting.reject(reason);
  }
}
