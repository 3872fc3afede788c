import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, spawnRedisServer } from "./private-redis.js";
import { RedisMessageEventStore, RedisSessionRecordStore, SessionManager, createRedisConnection, type RedisConnection } from "../src/index.js";

function startNode(port: number, directory: string): Promise<ChildProcess> {
  return spawnRedisServer(
    [
      "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory,
      "--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`,
    ],
    `cluster node ${port}`,
  );
}

/** Three masters on free ports, slots spread by `redis-cli --cluster create`. */
describe("Redis Cluster (REDIS_URL listing several nodes)", () => {
  const nodes: ChildProcess[] = [];
  let ports: number[] = [];
  let directory: string;
  let connection: RedisConnection;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "chuk-sessions-cluster-"));
    ports = [await freePort(), await freePort(), await freePort()];
    for (const port of ports) nodes.push(await startNode(port, directory));
    const created = spawnSync("redis-cli", ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"], { timeout: 15_000, encoding: "utf8" });
    if (created.status !== 0) throw new Error(`cluster create failed: ${created.stdout} ${created.stderr}`);
    const deadline = Date.now() + 10_000;
    while (!spawnSync("redis-cli", ["-p", String(ports[0]), "cluster", "info"], { encoding: "utf8" }).stdout.includes("cluster_state:ok")) {
      if (Date.now() > deadline) throw new Error("cluster never reached cluster_state:ok");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    connection = await createRedisConnection({ url: ports.map((port) => `redis://127.0.0.1:${port}`).join(","), env: {} });
  }, 40_000);

  afterAll(async () => {
    await connection?.close();
    for (const node of nodes) node.kill("SIGKILL");
    await rm(directory, { recursive: true, force: true });
  });

  it("stores, lists and deletes sessions whose keys land on different nodes", async () => {
    expect(connection.plan.mode).toBe("cluster");
    const store = new RedisSessionRecordStore({ connection, env: {}, sandboxId: "cluster" });
    const manager = new SessionManager({ store, sandboxId: "cluster" });
    const created = await Promise.all(Array.from({ length: 12 }, (_, index) => manager.create({ metadata: { index } })));
    for (const record of created) expect(await manager.get(record.id)).toEqual(record);
    expect((await manager.list()).map((record) => record.id).sort()).toEqual(created.map((record) => record.id).sort());
    expect(await manager.delete(created[0]!.id)).toBe(true);
    expect(await manager.get(created[0]!.id)).toBeUndefined();
  });

  it("appends and replays events on the cluster", async () => {
    const log = new RedisMessageEventStore({ connection, env: {}, sandboxId: "cluster" });
    const first = await log.append("cluster-stream", { n: 1 });
    await log.append("cluster-stream", { n: 2 });
    expect((await log.replayAfter(first))?.events.map((event) => event.message)).toEqual([{ n: 2 }]);
  });
});
