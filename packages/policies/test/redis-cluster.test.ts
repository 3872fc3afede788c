/**
 * The Redis limiter on a real 3-master Redis Cluster (started on free ports for this test and
 * killed after): two limiter instances on their own ioredis Cluster clients share one budget,
 * and per-caller keys spread over the masters (each Lua step touches one key, so it runs on
 * the node owning that key's slot).
 */
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimit } from "../src/index.js";
import { call, demoServer } from "./helpers.js";
import { startCluster } from "./redis-processes.js";

let cluster: Awaited<ReturnType<typeof startCluster>>;
const clients: Cluster[] = [];

beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit().catch(() => undefined)));
  await cluster?.kill();
});

function client(): Cluster {
  const created = new Cluster(cluster.ports.map((port) => ({ host: "127.0.0.1", port })), { redisOptions: { maxRetriesPerRequest: 1 } });
  clients.push(created);
  return created;
}

describe.each(["token_bucket", "sliding_window"] as const)("Redis Cluster, %s", (algorithm) => {
  it("keeps the sum allowed by two instances within the limit, per caller, with keys on several masters", async () => {
    const keyPrefix = `test:policies-cluster:${algorithm}:${Date.now()}:`;
    const config = { default: { requests: 3, window_seconds: 600, per: "user" as const, algorithm }, store: "redis" as const, redis: { key_prefix: keyPrefix, timeout_ms: 2_000 } };
    const first = demoServer().use(rateLimit(config, { redisClient: client() }));
    const second = demoServer().use(rateLimit(config, { redisClient: client() }));
    const users = ["ann", "bob", "cyd", "dee", "eve", "fay", "gus", "hal"];
    const replies = await Promise.all(
      Array.from({ length: users.length * 8 }, (_, index) =>
        call(index % 2 === 0 ? first : second, index % 4 < 2 ? "2025" : "2026", "tools/call", { name: "write" }, { auth: { subject: users[index % users.length] as string, scopes: [] } }),
      ),
    );
    const allowedPerUser = new Map<string, number>();
    replies.forEach((reply, index) => {
      const user = users[index % users.length] as string;
      if (reply.result !== undefined) allowedPerUser.set(user, (allowedPerUser.get(user) ?? 0) + 1);
      else expect(reply.error?.data).toMatchObject({ reason: "limit_exceeded" });
    });
    for (const user of users) expect(allowedPerUser.get(user), `allowed for ${user}`).toBe(3);

    const inspector = client();
    await new Promise((resolve) => inspector.once("ready", resolve));
    const holding = await Promise.all(inspector.nodes("master").map(async (node) => (await node.keys(`${keyPrefix}*`)).length));
    expect(holding.reduce((sum, count) => sum + count, 0)).toBe(users.length);
    expect(holding.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
    await Promise.all(inspector.nodes("master").map(async (node) => {
      const keys = await node.keys(`${keyPrefix}*`);
      for (const key of keys) await node.del(key); // one by one: keys on one node may sit in different slots
    }));
  }, 60_000);
});
