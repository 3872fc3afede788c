/**
 * Azure Functions v4 (Node.js programming model v4): an HTTP trigger's `HttpRequest` is close
 * to a web `Request` (`method`, `url`, `headers`, `arrayBuffer()`), and `HttpResponseInit`
 * takes a status, headers and a body that may be a `ReadableStream` (streamed when the app
 * calls `app.setup({ enableHttpStream: true })`). Register it with
 * `app.http("mcp", { route: "mcp", methods: ["GET", "POST", "DELETE"], authLevel: "anonymous", handler })`.
 * @see https://learn.microsoft.com/azure/azure-functions/functions-reference-node?pivots=nodejs-model-v4#http-triggers
 */
import { CloudAdapterError } from "./errors.js";
import { resolveTarget, type AdapterOptions, type AdapterTarget } from "./fetch-target.js";

/** The part of `@azure/functions`' `HttpRequest` the adapter reads. */
export interface AzureHttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Iterable<[string, string]>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** `@azure/functions`' `HttpResponseInit` (the fields the adapter sets). */
export interface AzureHttpResponseInit {
  status: number;
  headers: Record<string, string>;
  cookies?: Array<{ name: string; value: string }>;
  body?: ReadableStream<Uint8Array> | string;
}

/** An HTTP trigger handler. */
export type AzureHttpHandler = (request: AzureHttpRequest, context?: unknown) => Promise<AzureHttpResponseInit>;

/**
 * Builds the HTTP trigger handler. Azure routes under `/api` by default, so `basePath` defaults
 * to `/api`.
 */
export function azureHandler(target: AdapterTarget, options: AdapterOptions = {}): AzureHttpHandler {
  const resolved = resolveTarget(target, { ...options, basePath: options.basePath ?? "/api" });
  return async (request) => {
    let web: Request;
    try {
      const method = request.method.toUpperCase();
      const headers = new Headers();
      for (const [name, value] of request.headers) headers.append(name, value);
      const init: RequestInit = { method, headers };
      if (method !== "GET" && method !== "HEAD") init.body = await request.arrayBuffer();
      web = new Request(request.url, init);
    } catch (error) {
      const failure = new CloudAdapterError("invalid_event", `the Azure HTTP request cannot be read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
      return toInit(failure.toResponse());
    }
    return toInit(await resolved.fetch(web));
  };
}

function toInit(response: Response): AzureHttpResponseInit {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const init: AzureHttpResponseInit = { status: response.status, headers };
  if (response.body !== null) init.body = response.body;
  return init;
}
