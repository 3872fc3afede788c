/**
 * Lambda response streaming: `awslambda.streamifyResponse` (a global the Node.js managed
 * runtime defines) hands the handler a writable `responseStream`;
 * `awslambda.HttpResponseStream.from(stream, { statusCode, headers, cookies })` writes the HTTP
 * prelude a Function URL (InvokeMode RESPONSE_STREAM) turns into status and headers. Then the
 * `Response` body is copied chunk by chunk, so SSE answers and progress reach the client as they
 * are produced. The stream is used through its `write`/`end`/`once` methods only (no `node:`
 * import here).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html
 */

/** The part of Node's `Writable` the adapter uses. */
export interface LambdaResponseStream {
  write(chunk: Uint8Array | string): boolean;
  end(chunk?: Uint8Array | string): void;
  once(event: "drain" | "error" | "close", listener: (...args: unknown[]) => void): unknown;
  removeListener?(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly destroyed?: boolean;
}

/** HTTP status, headers and cookies written ahead of a streamed body. */
export interface HttpResponseMetadata {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
}

/** The `awslambda` global of the Node.js managed runtime. */
export interface AwsLambdaGlobal {
  streamifyResponse<E, C>(handler: (event: E, responseStream: LambdaResponseStream, context: C) => Promise<void>): unknown;
  HttpResponseStream: { from(stream: LambdaResponseStream, metadata: HttpResponseMetadata): LambdaResponseStream };
}

/** `globalThis.awslambda` when the runtime provides response streaming. */
export function awsLambdaGlobal(): AwsLambdaGlobal | undefined {
  const candidate = (globalThis as unknown as { awslambda?: Partial<AwsLambdaGlobal> }).awslambda;
  if (candidate === undefined || typeof candidate.streamifyResponse !== "function" || typeof candidate.HttpResponseStream?.from !== "function") return undefined;
  return candidate as AwsLambdaGlobal;
}

/** The prelude for `response`: headers (Set-Cookie moved to `cookies`). */
export function responseMetadata(response: Response): HttpResponseMetadata {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  return cookies.length > 0 ? { statusCode: response.status, headers, cookies } : { statusCode: response.status, headers };
}

function waitForDrain(stream: LambdaResponseStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.removeListener?.("drain", done);
      stream.removeListener?.("close", done);
      stream.removeListener?.("error", done);
      resolve();
    };
    stream.once("drain", done);
    stream.once("close", done);
    stream.once("error", done);
  });
}

/**
 * Copies `response` into `stream` (already wrapped by `HttpResponseStream.from`), respecting
 * backpressure; ends the stream in every case. When the client goes away the body is cancelled
 * so the MCP request sees the disconnect.
 */
export async function pipeResponse(response: Response, stream: LambdaResponseStream): Promise<void> {
  if (response.body === null) {
    stream.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      if (stream.destroyed === true) {
        await reader.cancel();
        break;
      }
      if (!stream.write(next.value)) await waitForDrain(stream);
    }
  } catch {
    await reader.cancel().catch(() => undefined);
  } finally {
    if (stream.destroyed !== true) stream.end();
  }
}
