import { redirectConsoleToStderr } from "./console-redirect.js";
import { errorLine, idOfLine } from "./error-line.js";
import { LineDecoder, warmLineDecoder } from "./line-decoder.js";
import { capYoungGeneration, DEFAULT_YOUNG_GENERATION_CAP_MB } from "./young-generation.js";
import type {
  ListenableReply,
  ReplyListener,
  ServeStdioOptions,
  StdioEngine,
  StdioLogger,
  StdioServer,
  StdioSession,
} from "./types.js";

const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_IN_FLIGHT = 1024;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5_000;
const PUMP_SLICE = 64;
/** Pending reply text (UTF-16 units) that is written at once rather than at the next tick. */
const FLUSH_UNITS = 64 * 1024;
const INVALID_REQUEST = -32600;
const INTERNAL_ERROR = -32603;
const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * Serves an MCP engine over stdio: newline-delimited JSON-RPC on stdin/stdout, one session
 * per process, diagnostics on stderr.
 *
 * Flow control keeps memory flat under a flood of pipelined requests: input is paused while
 * `maxInFlight` requests are running or while stdout reports backpressure (`write()` returned
 * `false`), and resumed on completion / `'drain'`. On stdin EOF the in-flight requests finish,
 * output is flushed and `closed` resolves. On SIGTERM/SIGINT the same happens (bounded by
 * `shutdownTimeoutMs`) and the process exits with code 0.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio
 */
export function serveStdio<Session extends StdioSession>(
  server: StdioEngine<Session>,
  options: ServeStdioOptions = {},
): StdioServer {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const maxInFlight = positiveInteger(options.maxInFlight, DEFAULT_MAX_IN_FLIGHT, "maxInFlight");
  const maxLineBytes = positiveInteger(options.maxLineBytes, DEFAULT_MAX_LINE_BYTES, "maxLineBytes");
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const endStdout = options.endStdout ?? stdout !== process.stdout;
  const log: StdioLogger = options.logger ?? defaultLogger(stderr);
  warmLineDecoder();
  const decoder = new LineDecoder({ maxLineBytes });
  const youngGenerationCapMb = options.youngGenerationCapMb ?? (stdin === process.stdin ? DEFAULT_YOUNG_GENERATION_CAP_MB : false);
  const youngGeneration = youngGenerationCapMb === false ? undefined : capYoungGeneration(youngGenerationCapMb);

  let inFlight = 0;
  let waitingForDrain = false;
  let inputEnded = false;
  let stopping = false;
  let outputBroken = false;
  let finishing: Promise<void> | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  // Replies produced in the same tick are joined and leave in one write() (one syscall, one
  // stream entry) instead of one each.
  let output = "";
  let flushScheduled = false;
  let idleWaiters: Array<() => void> = [];
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  const restoreConsole =
    (options.redirectConsole ?? stdout === process.stdout) ? redirectConsoleToStderr(stderr) : () => {};

  const writeLine = (text: string): void => {
    if (outputBroken || stdout.writableEnded || stdout.destroyed) return;
    output += `${text}\n`;
    if (output.length >= FLUSH_UNITS) {
      // Slices follow each other in promise jobs, which run before any nextTick: without this, a
      // long run of slices would hold all its replies and see stdout's backpressure only at the end.
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      process.nextTick(flushTick);
    }
  };

  function flushTick(): void {
    flushScheduled = false;
    flush();
  }

  function flush(): void {
    const text = output;
    output = "";
    if (text === "" || outputBroken || stdout.writableEnded || stdout.destroyed) return;
    const accepted = stdout.write(text);
    if (!accepted && !waitingForDrain) {
      waitingForDrain = true;
      stdout.once("drain", onDrain);
      updateFlow();
    }
  }

  const session = server.createSession({
    send: (message) => writeLine(JSON.stringify(message)),
  });
  const handleOptions = { session };
  // The engine's promise-free entry point when it has one (chuk-mcp's McpServer does).
  const engineDispatch = server.dispatchText;
  const dispatchText =
    engineDispatch === undefined
      ? (line: string) => server.handleText(line, handleOptions)
      : (line: string) => engineDispatch.call(server, line, handleOptions);

  function onDrain(): void {
    waitingForDrain = false;
    pump();
  }

  function blocked(): boolean {
    return stopping || waitingForDrain || inFlight >= maxInFlight;
  }

  function updateFlow(): void {
    if (blocked()) {
      if (!stdin.isPaused()) stdin.pause();
    } else if (stdin.isPaused() && !inputEnded) {
      stdin.resume();
    }
  }

  // pump() runs one slice of at most PUMP_SLICE messages, then continues in a microtask queued
  // behind the reactions of the handlers it just started. Requests whose handlers settle at once
  // then finish before the next slice starts, so only a slice's worth of request state is alive
  // when the scavenger runs (not a whole 64 KB chunk's), and far less of it survives.
  //
  // Input that arrives starts its first slice the same way, in a promise job, not inside the
  // 'data' callback: then every request, one-at-a-time or pipelined, is dispatched with a promise
  // as the current async resource. AsyncLocalStorage.run() stores the context on that resource;
  // switching between the stdin handle (one-at-a-time traffic) and promises (the slices of a
  // flood) changed a field of V8's promise map the first time a flood came, which deoptimised
  // the async_hooks promise hooks, AsyncLocalStorage.run and the pump mid-flood.
  let pumping = false;
  let sliceQueued = false;
  // A slice starts in a promise job rather than through `queueMicrotask`: Node wraps every
  // `queueMicrotask` callback in an AsyncResource (an async id, init hooks while
  // AsyncLocalStorage is on), whose objects reach async_hooks code optimised for other resources.
  let settled: Promise<void> | undefined;

  /**
   * Starts a slice in a promise job, unless one is queued already. Called after every slice (with
   * `more` false when the slice did not stop on its budget), so the call has type feedback before
   * the first flood: a call first made mid-flood would deoptimise the optimised pump.
   */
  function queueSliceIf(more: boolean): void {
    if (!more || sliceQueued) return;
    sliceQueued = true;
    void (settled ??= Promise.resolve()).then(continueSlice);
  }

  function continueSlice(): void {
    sliceQueued = false;
    pump();
  }

  function pump(): void {
    // A synchronous reply calls completed() → pump() from inside the loop below: the loop goes on.
    if (pumping || sliceQueued) return;
    pumping = true;
    try {
      pumpSlice();
    } finally {
      pumping = false;
    }
  }

  function pumpSlice(): void {
    let exhausted = false;
    let budget = PUMP_SLICE;
    while (budget > 0 && !blocked()) {
      budget -= 1;
      const item = decoder.next();
      if (item === undefined) {
        exhausted = true;
        break;
      }
      if (typeof item !== "string") {
        const message = `Message too large: a line exceeded ${item.limitBytes} bytes; send smaller messages or raise maxLineBytes.`;
        log("warning", message);
        writeLine(errorLine(null, INVALID_REQUEST, message));
        continue;
      }
      dispatch(item);
    }
    queueSliceIf(budget === 0 && !exhausted);
    updateFlow();
    if (exhausted && inputEnded && !stopping) {
      if (inFlight === 0) void finish();
      else startEndOfInputGrace();
    }
  }

  // After EOF the client can no longer answer server→client requests (elicitation,
  // sampling), so a handler waiting on one would wait forever: give in-flight work
  // `shutdownTimeoutMs`, then close the session, which aborts whatever is left.
  function startEndOfInputGrace(): void {
    if (graceTimer !== undefined) return;
    graceTimer = setTimeout(() => {
      log("warning", `${inFlight} request(s) still running ${shutdownTimeoutMs} ms after stdin closed; aborting them.`);
      void finish();
    }, shutdownTimeoutMs);
  }

  function dispatch(line: string): void {
    inFlight += 1;
    let reply: string | undefined | PromiseLike<string | undefined>;
    try {
      reply = dispatchText(line);
    } catch (error) {
      failed(line, error);
      return;
    }
    if (typeof reply === "object") {
      const waiting = new WaitingReply(line);
      if (isListenable(reply)) reply.listen(waiting);
      else reply.then((text) => waiting.fulfilled(text), (error: unknown) => waiting.rejected(error));
      return;
    }
    replied(reply);
  }

  /** A reply the engine will produce later; one object per such request (no closures). */
  class WaitingReply implements ReplyListener {
    constructor(private readonly line: string) {}

    fulfilled(text: string | undefined): void {
      replied(text);
    }

    rejected(error: unknown): void {
      failed(this.line, error);
    }
  }

  function replied(text: string | undefined): void {
    if (text !== undefined) writeLine(text);
    completed();
  }

  function failed(line: string, error: unknown): void {
    log("error", "The engine failed to handle a message; replied with -32603.", error);
    const id = idOfLine(line);
    if (id !== undefined) writeLine(errorLine(id, INTERNAL_ERROR, "Internal error while handling the request."));
    completed();
  }

  function completed(): void {
    inFlight -= 1;
    if (inFlight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const wake of waiters) wake();
    }
    if (!stopping) pump();
  }

  function waitForIdle(timeoutMs: number): Promise<void> {
    if (inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async function flushOutput(): Promise<void> {
    flush();
    if (outputBroken || stdout.writableEnded || stdout.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, shutdownTimeoutMs);
      stdout.write("", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  function finish(): Promise<void> {
    finishing ??= (async () => {
      stopping = true;
      if (graceTimer !== undefined) clearTimeout(graceTimer);
      detachInput();
      try {
        session.close();
      } catch (error) {
        log("error", "Closing the session failed.", error);
      }
      await flushOutput();
      restoreConsole();
      detachSignals();
      youngGeneration?.release();
      // The 'error' listener stays: a late EPIPE on stdout must not crash the process.
      if (endStdout && !stdout.writableEnded && !stdout.destroyed) stdout.end();
      resolveClosed();
    })();
    return finishing;
  }

  async function close(): Promise<void> {
    if (finishing !== undefined) return finishing;
    stopping = true;
    detachInput();
    decoder.clear();
    await waitForIdle(shutdownTimeoutMs);
    return finish();
  }

  function onData(chunk: Buffer | string): void {
    decoder.push(chunk);
    queueSliceIf(true);
  }

  function onEnd(): void {
    inputEnded = true;
    decoder.end();
    pump();
  }

  function onInputError(error: unknown): void {
    log("error", "stdin failed; shutting down.", error);
    void close();
  }

  function onOutputError(error: unknown): void {
    outputBroken = true;
    log("debug", "stdout closed by the client; shutting down.", error);
    void close();
  }

  function detachInput(): void {
    stdin.off("data", onData);
    stdin.off("end", onEnd);
    stdin.off("error", onInputError);
    if (!stdin.isPaused()) stdin.pause();
  }

  let signalCount = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signalCount += 1;
    if (signalCount > 1) process.exit(1);
    log("info", `Received ${signal}; finishing in-flight requests and exiting.`);
    void close().finally(() => process.exit(0));
  };
  const handleSignals = options.handleSignals ?? stdin === process.stdin;
  if (handleSignals) for (const signal of SIGNALS) process.on(signal, onSignal);
  function detachSignals(): void {
    if (handleSignals) for (const signal of SIGNALS) process.off(signal, onSignal);
  }

  stdout.on("error", onOutputError);
  stdin.on("error", onInputError);
  stdin.on("end", onEnd);
  stdin.on("data", onData);

  return {
    closed,
    close,
    get inFlight() {
      return inFlight;
    },
    get youngGeneration() {
      return youngGeneration?.state ?? "off";
    },
  };
}

function isListenable(reply: PromiseLike<string | undefined>): reply is ListenableReply {
  return typeof (reply as Partial<ListenableReply>).listen === "function";
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`[chuk-mcp] [stdio] ${name} must be a positive integer, got ${String(value)}.`);
  }
  return value;
}

function defaultLogger(stderr: NodeJS.WritableStream): StdioLogger {
  return (level, message, cause) => {
    if (level === "debug" || level === "info") return;
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    stderr.write(`[chuk-mcp] [stdio] ${level}: ${message}${detail}\n`);
  };
}
