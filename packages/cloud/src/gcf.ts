/**
 * Google Cloud Functions (gen 1 and 2) through `@google-cloud/functions-framework`: the
 * handler gets Express's `(request, response)`. The framework has already read the body into
 * `request.rawBody`; the adapter builds a `Request` from it and writes the `Response` back,
 * streaming (SSE reaches the client as it is produced). Used through the objects' own methods,
 * so this file needs no `node:` import. On Cloud Run, serve with `serve()` from
 * `@chuk-mcp/http/node` instead.
 * @see https://cloud.google.com/functions/docs/writing/write-http-functions
 */
import { CloudAdapterError } from "./errors.js";
import { resolveTarget, type AdapterOptions, type AdapterTarget } from "./fetch-target.js";

/** The part of Express's request the adapter reads. */
export interface GcfRequest {
  readonly method?: string;
  readonly originalUrl?: string;
  readonly url?: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody?: Uint8Array;
  readonly body?: unknown;
  readonly protocol?: string;
}

/** The part of Express's response the adapter writes. */
export interface GcfResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(chunk?: Uint8Array | string): unknown;
  once(event: "drain" | "close", listener: () => void): unknown;
  flushHeaders?(): void;
  readonly destroyed?: boolean;
}

/** An HTTP function for the Functions Framework. */
export type GcfHandler = (request: GcfRequest, response: GcfResponse) => Promise<void>;

function toWebRequest(request: GcfRequest): Request {
  const headers = new Headers();
  for (const name of Object.keys(request.headers)) {
    const value = request.headers[name];
    if (typeof value === "string") headers.append(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const method = (request.method ?? "GET").toUpperCase();
  const host = headers.get("host") ?? "localhost";
  const protocol = headers.get("x-forwarded-proto") === "http" || request.protocol === "http" ? "http" : "https";
  const path = request.originalUrl ?? request.url ?? "/";
  const init: RequestInit = { method, headers };
  if (method !== "GET" && method !== "HEAD") {
    if (request.rawBody instanceof Uint8Array) init.body = request.rawBody as BodyInit;
    else if (typeof request.body === "string") init.body = request.body;
  }
  try {
    return new Request(new URL(path.startsWith("/") ? path : `/${path}`, `${protocol}://${host}`), init);
  } catch (error) {
    throw new CloudAdapterError("invalid_event", `the request cannot be translated (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

async function writeResponse(response: Response, out: GcfResponse): Promise<void> {
  out.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") out.setHeader(name, value);
  });
  if (cookies.length > 0) out.setHeader("set-cookie", cookies);
  if (response.body === null) {
    out.end();
    return;
  }
  out.flushHeaders?.();
  const reader = response.body.getReader();
  let gone = false;
  out.once("close", () => {
    gone = true;
    void reader.cancel().catch(() => undefined);
  });
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done || gone) break;
      if (!out.write(next.value)) await new Promise<void>((resolve) => {
        out.once("drain", resolve);
        out.once("close", resolve);
      });
    }
  } catch {
    // The client went away mid-stream; nothing is left to answer.
  }
  if (out.destroyed !== true) out.end();
}

/**
 * Builds the HTTP function.
 * @example functions.http("mcp", gcfHandler(server));
 */
export function gcfHandler(target: AdapterTarget, options: AdapterOptions = {}): GcfHandler {
  // The framework serves one function at the root of its own URL; any path reaches it.
  const resolved = resolveTarget(target, { ...options, path: options.path === undefined ? null : options.path });
  return async (request, response) => {
    let web: Request;
    try {
      web = toWebRequest(request);
    } catch (error) {
      await writeResponse((error as CloudAdapterError).toResponse(), response);
      return;
    }
    await writeResponse(await resolved.fetch(web), response);
  };
}
