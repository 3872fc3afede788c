import type { ChildProcess } from "node:child_process";
import { startProcess } from "../../../scripts/test-support/child-processes.mjs";

export { freePort } from "../../../scripts/test-support/child-processes.mjs";

/** Spawns `redis-server` with `args` and resolves once it accepts connections (5 s at most). */
export async function spawnRedisServer(args: string[], description: string): Promise<ChildProcess> {
  const server = startProcess("redis-server", [...args, "--daemonize", "no"]);
  try {
    await server.waitForOutput("Ready to accept connections", { stream: "stdout", timeoutMs: 5_000, what: `${description} to accept connections` });
  } catch (error) {
    await server.stop({ signal: "SIGKILL" });
    throw error;
  }
  return server.child;
}

/** Starts a private redis-server persisting every write to an append-only file. */
export function startRedis(port: number, directory: string): Promise<ChildProcess> {
  return spawnRedisServer(
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", directory],
    "redis-server",
  );
}

export async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

