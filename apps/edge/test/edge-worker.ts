/**
 * Runs a bundled worker inside `@edge-runtime/vm` (the Vercel Edge runtime's VM) and drives it
 * with `Request` objects built inside the VM, so every Web API the handler touches is the
 * edge runtime's own, not Node's.
 */
import { EdgeVM } from "@edge-runtime/vm";

/** What came back from the worker, copied out of the VM as plain JSON. */
export interface EdgeReply {
  status: number;
  /** True when the worker answered with the VM's own `Response` class. */
  isEdgeResponse: boolean;
  headers: Record<string, string>;
  body: string;
}

/** A worker evaluated in an edge VM. */
export interface EdgeWorker {
  /** POSTs `body` (sent verbatim) to the worker's MCP endpoint. */
  post(headers: Record<string, string>, body: string): Promise<EdgeReply>;
  /** Evaluates an expression in the VM; the result must be JSON-serialisable. */
  evaluateJson<T>(expression: string): Promise<T>;
  /** Calls the worker's `close()`. */
  close(): Promise<void>;
}

/** The MCP endpoint the requests address. */
export const ENDPOINT = "http://127.0.0.1/mcp";

/**
 * Evaluates `bundle` (an IIFE that assigns its exports to `globalThis[globalName]`) in a fresh
 * edge VM.
 */
export function startEdgeWorker(bundle: string, globalName: string): EdgeWorker {
  const vm = new EdgeVM();
  vm.evaluate(bundle);
  const evaluateJson = async <T>(expression: string): Promise<T> => {
    const text = (await vm.evaluate(`(async () => JSON.stringify(await (${expression})))()`)) as string;
    return JSON.parse(text) as T;
  };
  return {
    post: (headers, body) =>
      evaluateJson<EdgeReply>(`(async () => {
        const request = new Request(${JSON.stringify(ENDPOINT)}, {
          method: "POST",
          headers: ${JSON.stringify(headers)},
          body: ${JSON.stringify(body)},
        });
        const response = await ${globalName}.fetch(request);
        return {
          status: response.status,
          isEdgeResponse: response instanceof Response,
          headers: Object.fromEntries(response.headers),
          body: await response.text(),
        };
      })()`),
    evaluateJson,
    close: () => vm.evaluate(`${globalName}.close()`) as Promise<void>,
  };
}
