/**
 * Real redis-server processes for the outage and Cluster tests, on free ports on 127.0.0.1,
 * with no persistence; each test kills what it started.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RedisProcess {
  port: number;
  child: ChildProcess;
  kill(): Promise<void>;
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited with ${child.exitCode}`);
    const ping = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" });
    if (ping.stdout.trim() === "PONG") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on ${port} did not answer PING in 10 s`);
}

/** Starts `redis-server --port <free> --save ""` (plus `extra` arguments) and waits for PONG. */
export async function startRedis(extra: string[] = [], port?: number): Promise<RedisProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn("redis-server", ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...extra], { stdio: "ignore" });
  await waitForPing(chosen, child);
  return {
    port: chosen,
    child,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A 3-master Redis Cluster (no replicas) on free ports; `kill()` stops every node and removes its files. */
export async function startCluster(): Promise<{ ports: number[]; kill(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), "chuk-mcp-policies-cluster-"));
  const nodes: RedisProcess[] = [];
  const kill = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.kill()));
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < 3; index++) {
      const port = await freePort();
      nodes.push(await startRedis(["--cluster-enabled", "yes", "--cluster-config-file", join(directory, `nodes-${port}.conf`), "--dir", directory], port));
    }
    const create = spawnSync("redis-cli", ["--cluster", "create", ...nodes.map((node) => `127.0.0.1:${node.port}`), "--cluster-replicas", "0", "--cluster-yes"], { encoding: "utf8" });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const states = nodes.map((node) => spawnSync("redis-cli", ["-p", String(node.port), "cluster", "info"], { encoding: "utf8" }).stdout);
      if (states.every((info) => info.includes("cluster_state:ok"))) break;
      if (Date.now() > deadline) throw new Error("the cluster did not reach cluster_state:ok in 15 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await kill();
    throw error;
  }
  return { ports: nodes.map((node) => node.port), kill };
}
