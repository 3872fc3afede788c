import { MemoryMessageEventStore, RedisMessageEventStore } from "../src/index.js";
import { describeMessageEventStore } from "./message-event-store-suite.js";
import { connectTestRedis, deleteKeysUnder, uniqueDeploymentId } from "./redis-helpers.js";

describeMessageEventStore("memory", async () => {
  const log = new MemoryMessageEventStore({ maxEventsPerStream: 3, ttlSeconds: 0.4 });
  return { log, cleanup: () => log.close() };
});

describeMessageEventStore("redis", async () => {
  const connection = await connectTestRedis();
  const log = new RedisMessageEventStore({ connection, maxEventsPerStream: 3, ttlSeconds: 0.4, environment: "vitest", deploymentId: uniqueDeploymentId() });
  return {
    log,
    cleanup: async () => {
      await deleteKeysUnder(connection, log.namespace.prefix);
      await connection.close();
    },
  };
});
