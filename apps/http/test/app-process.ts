/** Starts the built example app as a child process and waits for the URL it prints. */
import { fileURLToPath } from "node:url";
import { killStartedProcesses, startProcess } from "../../../scripts/test-support/child-processes.mjs";

const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

export type AppProcess = ReturnType<typeof launch>;

export function launch(env: Record<string, string>, args: string[] = []) {
  const app = startProcess(process.execPath, [entry, ...args], { stdin: "pipe", env: { PATH: process.env.PATH ?? "", ...env } });
  const exited = app.exited.then(({ code, signal }): [number | null, NodeJS.Signals | null] => [code, signal]);
  return { child: app.child, exited, stderr: app.stderr, process: app };
}

export async function waitForUrl(server: AppProcess): Promise<string> {
  return (await server.process.waitForOutput(/listening on (\S+)/, { timeoutMs: 10_000, what: "the app's URL" }))[1] as string;
}

/** Kills every child still running (tests call it in afterAll). */
export function killAll(): void {
  killStartedProcesses();
}
