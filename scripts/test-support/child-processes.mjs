// Test-only helpers for spawning real processes (a CLI, an upstream server), waiting for a line
// they print, and stopping them. Shared by the packages' tests through a relative import; it is
// in no package's `files`, so it never ships, and it depends on Node built-ins only, so it adds
// no edge to the package graph.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** Every process started here that may still run; see {@link killStartedProcesses}. */
const started = new Set();

/**
 * Polls `check` every `intervalMs` until it returns a truthy value, which it resolves with.
 * Rejects after `timeoutMs`, naming `what`.
 */
export async function waitFor(check, { timeoutMs = 10_000, what = "condition", intervalMs = 25 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A free TCP port on 127.0.0.1 (for a child that cannot take port 0 and report the port). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

/**
 * Spawns `command` with `args`, collecting stdout and stderr as text. `stdin: "pipe"` keeps
 * stdin open for the test to write to; `input` writes it and ends stdin; the default is
 * "ignore". `env` replaces the environment (default: this process's).
 */
export function startProcess(command, args, options = {}) {
  const stdin = options.input === undefined ? (options.stdin ?? "ignore") : "pipe";
  const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: [stdin, "pipe", "pipe"] });
  started.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      started.delete(child);
      resolve({ code, signal });
    });
    child.once("error", (error) => {
      started.delete(child);
      stderr += `\n${error.message}`;
      resolve({ code: null, signal: null });
    });
  });
  if (options.input !== undefined) child.stdin.end(options.input);
  const running = () => child.exitCode === null && child.signalCode === null;

  /** Resolves with the first match of `pattern` in the stream's text; rejects if the process exits first or time runs out. */
  const waitForOutput = async (pattern, { stream = "stderr", timeoutMs = 15_000, what = String(pattern) } = {}) => {
    const text = () => (stream === "stdout" ? stdout : stderr);
    const match = () => (typeof pattern === "string" ? (text().includes(pattern) ? [pattern] : null) : pattern.exec(text()));
    try {
      return await waitFor(
        () => {
          const found = match();
          if (found !== null) return found;
          if (!running()) throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) before printing ${what}`);
          return null;
        },
        { timeoutMs, what, intervalMs: 20 },
      );
    } catch (error) {
      throw new Error(`${error.message}; ${stream === "stdout" ? "stdout" : "stderr"} so far:\n${text()}`, { cause: error });
    }
  };

  /** Sends `signal` (default SIGTERM), escalates to SIGKILL after `graceMs`, and resolves with the exit. */
  const stop = async ({ signal = "SIGTERM", graceMs = 5_000 } = {}) => {
    if (running()) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      timer.unref();
      const result = await exited;
      clearTimeout(timer);
      return result;
    }
    return exited;
  };

  return { child, exited, stdout: () => stdout, stderr: () => stderr, running, waitForOutput, stop };
}

/** Runs a process to its exit (SIGKILL after `timeoutMs`, default 20 s) and resolves with its code and output. */
export async function runProcess(command, args, options = {}) {
  const handle = startProcess(command, args, { ...options, input: options.input ?? "" });
  const timer = setTimeout(() => handle.child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
  const { code, signal } = await handle.exited;
  clearTimeout(timer);
  return { code, signal, stdout: handle.stdout(), stderr: handle.stderr() };
}

/** SIGKILLs every process started here that still runs, except those in `keep` (for `afterEach` / `afterAll`). */
export function killStartedProcesses(keep = []) {
  const kept = new Set(keep.filter((handle) => handle !== undefined).map((handle) => handle.child));
  for (const child of started) {
    if (kept.has(child)) continue;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    started.delete(child);
  }
}
