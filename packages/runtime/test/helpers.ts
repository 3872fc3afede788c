import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
export const ORIGINAL = fileURLToPath(new URL("./fixtures/original/", import.meta.url));
export const EVERYTHING = require.resolve("@modelcontextprotocol/server-everything/dist/index.js");
export const FILESYSTEM = require.resolve("@modelcontextprotocol/server-filesystem/dist/index.js");

/** A scratch directory for one test. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), "chuk-runtime-"));
}

/** The environment the original's adapted examples expand (${NODE}, ${EVERYTHING}, ...). */
export function fixtureEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Keep the test's own settings out of the runtime's priority rules.
    if (value !== undefined && !/^(MCP_|CHUK_|JWT_|ARTIFACT_|SESSION_|REDIS_URL|API_KEY|TOOL_TIMEOUT)/.test(key)) env[key] = value;
  }
  return { ...env, NODE: process.execPath, EVERYTHING, FILESYSTEM, FS_ROOT: tmpdir(), ...extra };
}

/** A finished CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (bounded). */
export function runCli(args: string[], env: Record<string, string> = fixtureEnv(), input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? "");
  });
}

/** A listening runtime started through the CLI. */
export interface ListeningRuntime {
  child: ChildProcess;
  url: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts the CLI and waits for its "serving <type> on <url>" line. */
export function startCli(args: string[], env: Record<string, string> = fixtureEnv()): Promise<ListeningRuntime> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`runtime did not start in time; stderr:\n${stderr}`));
    }, 25_000);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      const match = /serving \S+ on (\S+)/.exec(stderr);
      if (match !== null) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1] as string,
          stderr: () => stderr,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once("exit", () => done());
              child.kill("SIGTERM");
              setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
            }),
        });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited with ${String(code)} before listening; stderr:\n${stderr}`));
    });
  });
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
