// Types of child-processes.mjs (a .d.mts, so each package's tsconfig can import it from
// outside its rootDir).
import type { ChildProcessWithoutNullStreams } from "node:child_process";

export interface WaitForOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Named in the timeout error. */
  what?: string;
  /** Default 25 ms. */
  intervalMs?: number;
}

export declare function waitFor<T>(check: () => T | Promise<T>, options?: WaitForOptions): Promise<NonNullable<T>>;

export declare function freePort(): Promise<number>;

export interface StartProcessOptions {
  /** Replaces the environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** "pipe" keeps stdin open for the test; default "ignore". */
  stdin?: "pipe" | "ignore";
  /** Written to stdin, which is then ended. */
  input?: string;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartedProcess {
  /** stdin is null unless `stdin: "pipe"` or `input` was given. */
  child: ChildProcessWithoutNullStreams;
  exited: Promise<ProcessExit>;
  stdout(): string;
  stderr(): string;
  running(): boolean;
  /** The first match of `pattern` (a string matches as itself) in the stream's text, default stderr; rejects if the process exits first (default timeout 15 000 ms). */
  waitForOutput(pattern: RegExp | string, options?: { stream?: "stdout" | "stderr"; timeoutMs?: number; what?: string }): Promise<RegExpExecArray | [string]>;
  /** SIGTERM (or `signal`), SIGKILL after `graceMs` (default 5 000). */
  stop(options?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<ProcessExit>;
}

export declare function startProcess(command: string, args: readonly string[], options?: StartProcessOptions): StartedProcess;

export interface ProcessResult extends ProcessExit {
  stdout: string;
  stderr: string;
}

export declare function runProcess(command: string, args: readonly string[], options?: StartProcessOptions & { timeoutMs?: number }): Promise<ProcessResult>;

/** SIGKILLs every process started through this module that still runs, except those in `keep`. */
export declare function killStartedProcesses(keep?: readonly (StartedProcess | undefined)[]): void;
