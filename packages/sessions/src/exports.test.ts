import { describe, expect, it } from "vitest";
import * as publicApi from "./index.js";

describe("public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(publicApi).sort()).toEqual([
      "MemoryEventBus", "MemoryEventLog", "MemorySessionStore", "RedisConnection", "RedisEventBus", "RedisEventLog",
      "RedisSessionStore", "SandboxRegistry", "SessionError", "SessionManager", "assertSessionId", "createRedisConnection",
      "createSessionStore",
      "encodeKeyPart", "generateSessionId", "isSessionError", "parseRedisUrl", "resolveNamespace", "resolveSandboxId",
      "resolveSandboxRegistryTtl", "HttpSessionStore", "RedisHttpEventStore", "createHttpSessionBackend", "registerSessionTools",
      "SESSION_TOOL_NAMES",
    ].sort());
  });

  it("does not load ioredis until a Redis connection is created", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(new URL("./redis-connection.ts", import.meta.url), "utf8");
    expect(source).toMatch(/await import\("ioredis"\)/);
    expect(source).not.toMatch(/^import (?!type)[^\n]*from "ioredis"/m);
  });
});
