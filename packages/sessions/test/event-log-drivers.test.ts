import { MemoryEventLog, RedisEventLog } from "../src/index.js";
import { describeEventLog } from "./event-log-suite.js";
import { connectTestRedis, deleteKeysUnder, uniqueDeploymentId } from "./redis-helpers.js";

describeEventLog("memory", async () => {
  const log = new MemoryEventLog({ maxEventsPerStream: 3, ttlSeconds: 0.4 });
  return { log, cleanup: () => log.close() };
});

describeEventLog("redis", async () => {
  const connection = await connectTestRedis();
  const log = new RedisEventLog({ connection, maxEventsPerStream: 3, ttlSeconds: 0.4, environment: "vitest", deploymentId: uniqueDeploymentId() });
  return {
    log,
    cleanup: async () => {
      await deleteKeysUnder(connection, log.namespace.prefix);
      await connection.close();
    },
  };
});
