import { MemorySessionRecordStore, RedisSessionRecordStore } from "../src/index.js";
import { connectTestRedis, deleteKeysUnder, uniqueDeploymentId } from "./redis-helpers.js";
import { describeSessionStore } from "./session-record-store-suite.js";

describeSessionStore("memory", async () => {
  const store = new MemorySessionRecordStore({ reapIntervalMs: 0 });
  return { store, cleanup: () => store.close() };
});

describeSessionStore("redis", async () => {
  const connection = await connectTestRedis();
  const store = new RedisSessionRecordStore({ connection, environment: "vitest", deploymentId: uniqueDeploymentId(), sandboxId: "sbx-test" });
  return {
    store,
    cleanup: async () => {
      await deleteKeysUnder(connection, store.namespace.prefix);
      await connection.close();
    },
  };
});
