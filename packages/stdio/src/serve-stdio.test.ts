import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { collectLines, request, waitFor } from "../test/streams.js";
import { TestEngine } from "../test/test-engine.js";
import { serveStdio } from "./serve-stdio.js";
import type { ServeStdioOptions, StdioServer } from "./types.js";

const running: StdioServer[] = [];

function start(engine: TestEngine, options: ServeStdioOptions = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const diagnostics: string[] = [];
  stderr.setEncoding("utf8").on("data", (chunk: string) => diagnostics.push(chunk));
  const server = serveStdio(engine, { stdin, stdout, stderr, ...options });
  running.push(server);
  return { stdin, stdout, stderr, server, diagnostics };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** An engine with the promise-free entry point: `dispatchText` answers synchronously. */
class SyncEngine extends TestEngine {
  dispatched = 0;
  dispatchText(text: string): string | undefined {
    this.dispatched += 1;
    const message = JSON.parse(text) as { id?: number | string };
    if (message.id === undefined) return undefined;
    return JSON.stringify({ jsonrpc: "2.0", id: message.id, result: { sync: true } });
  }
}

describe("serveStdio (in-process streams)", () => {
  it("uses the engine's dispatchText when it has one, and writes its synchronous replies", async () => {
    const engine = new SyncEngine();
    const { stdin, stdout } = start(engine);
    const output = collectLines(stdout);
    stdin.write(request(1, "echo") + `{"jsonrpc":"2.0","method":"note"}\n` + request(2, "echo"));
    await waitFor(() => output.lines.length === 2);
    expect(output.lines).toEqual([
      { jsonrpc: "2.0", id: 1, result: { sync: true } },
      { jsonrpc: "2.0", id: 2, result: { sync: true } },
    ]);
    expect(engine.dispatched).toBe(3);
    expect(engine.handled).toBe(0);
  });

  it("serves 50,000 synchronous requests that arrive in one chunk, in order, without deep recursion", async () => {
    const engine = new SyncEngine();
    const { stdin, stdout } = start(engine);
    const output = collectLines(stdout);
    let chunk = "";
    for (let id = 1; id <= 50_000; id += 1) chunk += request(id, "echo");
    stdin.write(chunk);
    await waitFor(() => output.lines.length === 50_000, 20_000);
    expect(engine.dispatched).toBe(50_000);
    expect((output.lines[0] as { id: number }).id).toBe(1);
    expect((output.lines[49_999] as { id: number }).id).toBe(50_000);
  });

  it("writes the replies of one input chunk with a single write", async () => {
    const { stdin, stdout } = start(new SyncEngine());
    const writes: string[] = [];
    const write = stdout.write.bind(stdout);
    stdout.write = ((chunk: string, ...rest: never[]) => {
      writes.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stdout.write;
    const output = collectLines(stdout);
    stdin.write(request(1, "echo") + request(2, "echo") + request(3, "echo"));
    await waitFor(() => output.lines.length === 3);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.split("\n")).toHaveLength(4);
  });

  it("answers each request line with one newline-terminated reply", async () => {
    const { stdin, stdout } = start(new TestEngine());
    const output = collectLines(stdout);
    stdin.write(request(1, "echo", { x: 1 }) + request("two", "echo"));
    await waitFor(() => output.lines.length === 2);
    expect(output.lines).toEqual([
      { jsonrpc: "2.0", id: 1, result: { echo: { x: 1 } } },
      { jsonrpc: "2.0", id: "two", result: { echo: null } },
    ]);
  });

  it("replies -32600 with id null to an oversize line and keeps serving", async () => {
    const { stdin, stdout } = start(new TestEngine(), { maxLineBytes: 64 });
    const output = collectLines(stdout);
    stdin.write(`{"jsonrpc":"2.0","id":1,"method":"echo","params":{"pad":"${"x".repeat(200)}"}}\n`);
    stdin.write(request(2, "echo"));
    await waitFor(() => output.lines.length === 2);
    expect(output.lines[0]).toMatchObject({ id: null, error: { code: -32600 } });
    expect((output.lines[0] as { error: { message: string } }).error.message).toContain("maxLineBytes");
    expect(output.lines[1]).toMatchObject({ id: 2, result: { echo: null } });
  });

  it("turns an engine failure into -32603 for the request's id and logs it to stderr", async () => {
    const { stdin, stdout, diagnostics } = start(new TestEngine());
    const output = collectLines(stdout);
    stdin.write(request(7, "boom") + `{"jsonrpc":"2.0","method":"boom"}\n` + request(8, "echo"));
    await waitFor(() => output.lines.length === 2);
    expect(output.lines).toContainEqual({ jsonrpc: "2.0", id: 7, error: { code: -32603, message: "Internal error while handling the request." } });
    expect(output.lines).toContainEqual({ jsonrpc: "2.0", id: 8, result: { echo: null } });
    expect(diagnostics.join("")).toContain("engine exploded");
  });

  it("writes messages the session sends (notifications) to stdout", async () => {
    const { stdin, stdout } = start(new TestEngine());
    const output = collectLines(stdout);
    stdin.write(request(1, "notify"));
    await waitFor(() => output.lines.length === 2);
    expect(output.lines[0]).toMatchObject({ method: "notifications/message" });
    expect(output.lines[1]).toMatchObject({ id: 1 });
  });

  it("pauses input at maxInFlight concurrent requests and resumes as they finish", async () => {
    const engine = new TestEngine();
    const { stdin, stdout } = start(engine, { maxInFlight: 16 });
    const output = collectLines(stdout);
    let payload = "";
    for (let id = 0; id < 2_000; id += 1) payload += request(id, "wait");
    stdin.write(payload);
    await waitFor(() => engine.waiting === 16);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(engine.handled).toBe(16);
    while (output.lines.length < 2_000) {
      engine.release();
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(engine.waiting).toBeLessThanOrEqual(16);
    }
    expect(new Set(output.lines.map((line) => (line as { id: number }).id)).size).toBe(2_000);
  });

  it("stops reading while stdout is backed up and delivers every reply once drained", async () => {
    const engine = new TestEngine();
    const stdin = new PassThrough();
    const stdout = new PassThrough({ highWaterMark: 1024 });
    const server = serveStdio(engine, { stdin, stdout, stderr: new PassThrough() });
    running.push(server);
    // 30k requests through a 1 KiB stdout buffer: backpressure engages thousands of times. (100k
    // took 3.4 s alone but ran past the 20 s timeout twice in CI, with turbo running ten test
    // processes on two cores.)
    const total = 30_000;
    const producer = (async () => {
      for (let id = 0; id < total; id += 1) {
        if (!stdin.write(request(id, "echo"))) await new Promise((resolve) => stdin.once("drain", resolve));
      }
      stdin.end();
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Nobody reads stdout yet: the transport must have stopped pulling requests.
    const handledWhileBlocked = engine.handled;
    expect(handledWhileBlocked).toBeLessThan(5_000);
    expect(stdin.isPaused()).toBe(true);
    let received = 0;
    let buffered = "";
    stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      received += parts.length;
    });
    await producer;
    await server.closed;
    expect(received).toBe(total);
    expect(engine.handled).toBe(total);
  }, 60_000);

  it("on stdin EOF finishes in-flight requests, flushes, closes the session, then resolves closed", async () => {
    const engine = new TestEngine();
    const { stdin, stdout, server } = start(engine);
    const output = collectLines(stdout);
    stdin.end(request(1, "wait") + request(2, "echo") + '{"jsonrpc":"2.0","id":3,"method":"echo"}');
    await waitFor(() => engine.waiting === 1);
    let closed = false;
    void server.closed.then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    engine.release();
    await server.closed;
    expect(output.lines.map((line) => (line as { id: number }).id).sort()).toEqual([1, 2, 3]);
    expect(engine.sessions[0]?.closed).toBe(true);
    expect(stdout.writableEnded).toBe(true);
  });

  it("on stdin EOF aborts requests still running after shutdownTimeoutMs (the client can no longer answer)", async () => {
    const engine = new TestEngine();
    const { stdin, server } = start(engine, { shutdownTimeoutMs: 50 });
    // Timed from the EOF itself: the shutdown timer starts there, and waitFor below may
    // return late on a loaded machine (CI once measured 39 ms from its return).
    const started = Date.now();
    stdin.end(request(1, "wait"));
    await waitFor(() => engine.waiting === 1);
    await server.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(engine.sessions[0]?.closed).toBe(true);
  });

  it("close() stops reading, waits up to shutdownTimeoutMs for in-flight work, then closes the session", async () => {
    const engine = new TestEngine();
    const { stdin, server } = start(engine, { shutdownTimeoutMs: 50 });
    stdin.write(request(1, "wait"));
    await waitFor(() => engine.waiting === 1);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(engine.sessions[0]?.closed).toBe(true);
    stdin.write(request(2, "echo"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(engine.handled).toBe(1);
  });

  it("sends console.log to stderr while serving and restores it after close", async () => {
    const original = console.log;
    const { stdout, server, diagnostics } = start(new TestEngine(), { redirectConsole: true });
    const output = collectLines(stdout);
    console.log("debug output %d", 42);
    expect(diagnostics.join("")).toContain("debug output 42");
    await server.close();
    expect(console.log).toBe(original);
    expect(output.lines).toEqual([]);
  });

  it("shuts down without crashing when stdout fails (client went away)", async () => {
    const engine = new TestEngine();
    const { stdin, stdout, server } = start(engine);
    stdout.destroy(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    stdin.write(request(1, "echo"));
    await server.closed;
    expect(engine.sessions[0]?.closed).toBe(true);
  });

  it("rejects a non-positive maxInFlight with a RangeError that names the option", () => {
    expect(() => serveStdio(new TestEngine(), { stdin: new PassThrough(), stdout: new PassThrough(), maxInFlight: 0 })).toThrow(
      /maxInFlight must be a positive integer/,
    );
  });

  it("leaves V8's young generation alone when not serving process stdio, and rejects a bad cap before serving", () => {
    expect(start(new TestEngine()).server.youngGeneration).toBe("off");
    expect(() =>
      serveStdio(new TestEngine(), { stdin: new PassThrough(), stdout: new PassThrough(), youngGenerationCapMb: 0 }),
    ).toThrow(/youngGenerationCapMb must be a positive number of megabytes or false/);
  });
});
