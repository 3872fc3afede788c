import type { Readable, Writable } from "node:stream";
import type { YoungGenerationCapState } from "./young-generation.js";

/**
 * The part of `@chuk-mcp/core`'s `McpServer` the stdio transport needs. Written structurally
 * so the transport depends on the engine's contract, not on its class; any `McpServer`
 * satisfies it.
 */
export interface StdioEngine<Session extends StdioSession = StdioSession> {
  createSession(options: { send: (message: unknown) => void | Promise<void> }): Session;
  handleText(text: string, options: { session: NoInfer<Session> }): Promise<string | undefined>;
  /**
   * Optional: like `handleText`, but returns the reply itself (not a promise) when the engine
   * finished synchronously, else a thenable of it. Used instead of `handleText` when present.
   * A thenable that also has `listen` (core's `Later`) is subscribed with an object instead of
   * two closures.
   */
  dispatchText?(text: string, options: { session: NoInfer<Session> }): string | undefined | PromiseLike<string | undefined>;
}

/** Receives a reply that is produced later (core's `LaterListener` shape). */
export interface ReplyListener {
  fulfilled(text: string | undefined): void;
  rejected(error: unknown): void;
}

/** A later reply that can be subscribed with a {@link ReplyListener}. */
export interface ListenableReply extends PromiseLike<string | undefined> {
  listen(listener: ReplyListener): void;
}

/** The session handle the engine returns; stdio keeps exactly one per process. */
export interface StdioSession {
  close(): void;
}

/** Severity of the transport's own diagnostics (written to stderr, never stdout). */
export type StdioLogLevel = "debug" | "info" | "warning" | "error";

/** Receives the transport's diagnostics. */
export type StdioLogger = (level: StdioLogLevel, message: string, cause?: unknown) => void;

/** Options for {@link serveStdio}. */
export interface ServeStdioOptions {
  /** Input stream of newline-delimited JSON-RPC. Default: `process.stdin`. */
  readonly stdin?: Readable;
  /** Output stream; carries only protocol messages. Default: `process.stdout`. */
  readonly stdout?: Writable;
  /** Diagnostics stream. Default: `process.stderr`. */
  readonly stderr?: Writable;
  /** Longest accepted line in bytes. Default: 16 MiB. Longer lines get a -32600 error. */
  readonly maxLineBytes?: number;
  /** Requests handled concurrently before input is paused. Default: 1024. */
  readonly maxInFlight?: number;
  /**
   * How long in-flight requests may run after stdin EOF, {@link StdioServer.close} or a
   * signal before the session is closed (aborting them). Default: 5000 ms.
   */
  readonly shutdownTimeoutMs?: number;
  /**
   * Send `console.log/info/debug` to stderr while serving.
   * Default: `true` when `stdout` is `process.stdout`.
   */
  readonly redirectConsole?: boolean;
  /**
   * Close gracefully on SIGTERM/SIGINT, then exit the process with code 0.
   * Default: `true` when `stdin` is `process.stdin`.
   */
  readonly handleSignals?: boolean;
  /** End `stdout` once closed. Default: `true` unless `stdout` is `process.stdout`. */
  readonly endStdout?: boolean;
  /** Receives diagnostics. Default: warnings and errors written to `stderr`. */
  readonly logger?: StdioLogger;
  /**
   * Stops V8's young generation (both semi-spaces) from growing past this many MB while
   * serving, or `false` to leave V8 alone. Module loading and a pipelined flood otherwise grow
   * it to 32 MB, resident for the life of the process, though a request's objects die young.
   * Process-wide (a V8 flag), never applied when the process was started with
   * `--max-semi-space-size` or `--semi-space-growth-factor`, and released on close.
   * Default: 16 when `stdin` is `process.stdin`, else `false`.
   */
  readonly youngGenerationCapMb?: number | false;
}

/** A running stdio transport. */
export interface StdioServer {
  /** Resolves once input ended (or {@link close} ran), in-flight work finished and output flushed. */
  readonly closed: Promise<void>;
  /** Stops reading, waits for in-flight requests (bounded), closes the session, flushes. */
  close(): Promise<void>;
  /** Requests currently being handled (for monitoring and tests). */
  readonly inFlight: number;
  /** What `youngGenerationCapMb` is doing: `"off"` when not requested, else the cap's state. */
  readonly youngGeneration: "off" | YoungGenerationCapState;
}
