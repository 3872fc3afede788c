import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runProcess, startProcess, waitFor as sharedWaitFor, type ProcessResult } from "../../../scripts/test-support/child-processes.mjs";

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
export type CliResult = ProcessResult;

/** Runs the CLI to completion (bounded), with `input` on stdin. */
export function runCli(args: string[], env: Record<string, string> = fixtureEnv(), input?: string): Promise<CliResult> {
  return runProcess(process.execPath, [CLI, ...args], { env, input: input ?? "", timeoutMs: 20_000 });
}

/** A listening runtime started through the CLI. */
export interface ListeningRuntime {
  child: ChildProcess;
  url: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts the CLI and waits for its "serving <type> on <url>" line. */
export async function startCli(args: string[], env: Record<string, string> = fixtureEnv()): Promise<ListeningRuntime> {
  const runtime = startProcess(process.execPath, [CLI, ...args], { env });
  try {
    const match = await runtime.waitForOutput(/serving \S+ on (\S+)/, { timeoutMs: 25_000, what: "the runtime to start" });
    return { child: runtime.child, url: match[1] as string, stderr: runtime.stderr, stop: async () => void (await runtime.stop()) };
  } catch (error) {
    await runtime.stop({ signal: "SIGKILL" });
    throw error;
  }
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs` naming `what`. */
export function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  return sharedWaitFor(check, { what, timeoutMs });
}
