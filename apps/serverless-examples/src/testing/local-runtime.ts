/**
 * Starts a platform's local runtime (`wrangler dev`, `serverless offline`, the edge-runtime
 * server, deno, bun) as a child process on a free port, waits until it answers, and stops it
 * with its whole process group. Node-only; for the apps' tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A runtime started by {@link startLocalRuntime}. */
export interface LocalRuntime {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the runtime printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Options of {@link startLocalRuntime}. */
export interface LocalRuntimeOptions {
  readonly command: string;
  /** Arguments; `{port}` is replaced by the chosen port. */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
  /** MCP path on the runtime, default `/mcp`. */
  readonly path?: string;
  /** How long to wait for the first answer. Default 60 s. */
  readonly startupTimeoutMs?: number;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const running = new Set<LocalRuntime>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Spawns the runtime and resolves once any HTTP answer comes back from `url`. */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}${options.path ?? "/mcp"}`;
  const chunks: Buffer[] = [];
  const child = spawn(options.command, options.args.map((argument) => argument.replaceAll("{port}", String(port))), {
    cwd: options.cwd,
    env: { ...process.env, PORT: String(port), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk));
  const output = (): string => Buffer.concat(chunks).toString();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const runtime: LocalRuntime = {
    port,
    url,
    child,
    output,
    async stop() {
      running.delete(runtime);
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(runtime);
  const deadline = Date.now() + (options.startupTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) {
      await runtime.stop();
      throw new Error(`${options.command} exited with code ${child.exitCode} before answering:\n${output()}`);
    }
    try {
      await fetch(url, { method: "GET", signal: AbortSignal.timeout(2_000) });
      return runtime;
    } catch {
      if (Date.now() > deadline) {
        await runtime.stop();
        throw new Error(`${options.command} did not answer at ${url} within ${options.startupTimeoutMs ?? 60_000} ms:\n${output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Stops every runtime still running (for `afterAll`). */
export async function stopAllRuntimes(): Promise<void> {
  await Promise.all([...running].map((runtime) => runtime.stop()));
}
