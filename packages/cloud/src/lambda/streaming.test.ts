import { PassThrough, type Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createTestServer, statelessCall } from "../../test/server.js";
import { lambdaHandler } from "./lambda-handler.js";

/**
 * The Node.js managed runtime's streaming contract, as documented: `streamifyResponse(fn)`
 * marks `fn(event, responseStream, context)`; `HttpResponseStream.from(stream, metadata)` writes
 * the JSON prelude and an 8-byte NUL separator, then the body. This is the contract, run
 * in-process; the real runtime is not on npm.
 */
function installRuntime(): { invoke(event: unknown): Promise<{ prelude: Record<string, unknown>; chunks: string[] }> } {
  const marked = new WeakSet<object>();
  (globalThis as Record<string, unknown>).awslambda = {
    streamifyResponse(fn: (event: unknown, stream: Writable, context: unknown) => Promise<void>) {
      marked.add(fn);
      return fn;
    },
    HttpResponseStream: {
      from(stream: Writable, metadata: Record<string, unknown>) {
        stream.write(JSON.stringify(metadata));
        stream.write(new Uint8Array(8));
        return stream;
      },
    },
  };
  return {
    async invoke(event) {
      const handler = lambdaHandler(createTestServer(), { streaming: true }) as unknown as (event: unknown, stream: Writable, context: unknown) => Promise<void>;
      expect(marked.has(handler)).toBe(true);
      const stream = new PassThrough();
      const parts: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => parts.push(chunk));
      const ended = new Promise((resolve) => stream.on("end", resolve));
      await handler(event, stream, {});
      await ended;
      const [prelude, _separator, ...body] = parts;
      return { prelude: JSON.parse(String(prelude)) as Record<string, unknown>, chunks: body.map(String) };
    },
  };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).awslambda;
});

function functionUrlEvent(body: string, headers: Record<string, string>) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/mcp",
    rawQueryString: "",
    headers: { host: "abc.lambda-url.us-east-1.on.aws", ...headers },
    requestContext: { domainName: "abc.lambda-url.us-east-1.on.aws", http: { method: "POST", path: "/mcp" } },
    body,
    isBase64Encoded: false,
  };
}

describe("lambdaHandler with response streaming", () => {
  it("writes the status and headers as the prelude, then each SSE event as its own chunk", async () => {
    const runtime = installRuntime();
    const call = statelessCall(1, "tools/call", { name: "count", arguments: { steps: 3 }, _meta: { progressToken: "t" } }, "count");
    const parsed = JSON.parse(call.body);
    parsed.params._meta = { ...parsed.params._meta, progressToken: "t" };
    const { prelude, chunks } = await runtime.invoke(functionUrlEvent(JSON.stringify(parsed), call.headers));
    expect(prelude.statusCode).toBe(200);
    expect((prelude.headers as Record<string, string>)["content-type"]).toContain("text/event-stream");
    const progressChunks = chunks.filter((chunk) => chunk.includes("notifications/progress"));
    expect(progressChunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks.findIndex((chunk) => chunk.includes("counted to 3"))).toBeGreaterThan(chunks.indexOf(progressChunks[0] as string));
  });

  it("streams a clear 400 for an event it cannot translate", async () => {
    const runtime = installRuntime();
    const { prelude, chunks } = await runtime.invoke({ version: "2.0" });
    expect(prelude.statusCode).toBe(400);
    expect(JSON.parse(chunks.join("")).error.data.code).toBe("invalid_event");
  });

  it("stays buffered when streaming is asked for but the runtime has no awslambda global", async () => {
    const handler = lambdaHandler(createTestServer(), { streaming: true });
    const call = statelessCall(1, "tools/list");
    const result = (await handler(functionUrlEvent(call.body, call.headers))) as { statusCode: number };
    expect(result.statusCode).toBe(200);
  });
});
