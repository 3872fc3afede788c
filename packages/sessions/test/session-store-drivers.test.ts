import { MemorySessionStore, RedisSessionStore } from "../src/index.js";
import { connectTestRedis, deleteKeysUnder, uniqueDeploymentId } from "./redis-helpers.js";
import { describeSessionStore } from "./session-store-suite.js";

describeSessionStore("memory", async () => {
  const store = new MemorySessionStore({ reapIntervalMs: 0 });
  return { store, cleanup: () => store.close() };
});

describeSessionStore("redis", async () => {
  const connection = await connectTestRedis();
  const store = new RedisSessionStore({ connection, environment: "vitest", deploymentId: uniqueDeploymentId(), sandboxId: "sbx-test" });
  return {
    store,
    cleanup: async () => {
      await deleteKeysUnder(connection, store.namespace.prefix);
      await connection.close();
    },
  };
});
