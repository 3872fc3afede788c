/** Starts the built example app as a child process and waits for the URL it prints. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

export type AppProcess = ReturnType<typeof launch>;

export function launch(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [entry, ...args], { stdio: "pipe", env: { PATH: process.env.PATH ?? "", ...env } });
  children.push(child);
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, stderr: () => stderr };
}

export async function waitForUrl(server: AppProcess): Promise<string> {
  const started = Date.now();
  for (;;) {
    const match = /listening on (\S+)/.exec(server.stderr());
    if (match?.[1] !== undefined) return match[1];
    if (server.child.exitCode !== null) throw new Error(`app exited early: ${server.stderr()}`);
    if (Date.now() - started > 10_000) throw new Error(`no URL within 10 s: ${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Kills every child still running (tests call it in afterAll). */
export function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
