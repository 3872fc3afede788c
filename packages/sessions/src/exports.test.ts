import { describe, expect, it } from "vitest";
import * as publicApi from "./index.js";

describe("public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(publicApi).sort()).toEqual([
      "MemoryEventBus", "MemoryMessageEventStore", "MemorySessionRecordStore", "RedisConnection", "RedisEventBus",
      "RedisMessageEventStore", "RedisSessionRecordStore", "SandboxRegistry", "SessionError", "SessionManager", "assertSessionId",
      "createRedisConnection", "createSessionRecordStore", "encodeKeyPart", "generateSessionId", "isSessionError", "parseRedisUrl",
      "resolveNamespace", "resolveSandboxId", "resolveSandboxRegistryTtl", "RecordSessionStateStore", "RedisEventStore",
      "createHttpSessionBackend", "registerSessionTools", "SESSION_TOOL_NAMES",
      // Deprecated aliases of the names above, kept for one release.
      "HttpSessionStore", "MemoryEventLog", "MemorySessionStore", "RedisEventLog", "RedisHttpEventStore", "RedisSessionStore",
      "createSessionStore",
    ].sort());
  });

  it("keeps each deprecated name as the very same value as its new name", () => {
    expect(publicApi.MemorySessionStore).toBe(publicApi.MemorySessionRecordStore);
    expect(publicApi.RedisSessionStore).toBe(publicApi.RedisSessionRecordStore);
    expect(publicApi.createSessionStore).toBe(publicApi.createSessionRecordStore);
    expect(publicApi.HttpSessionStore).toBe(publicApi.RecordSessionStateStore);
    expect(publicApi.RedisHttpEventStore).toBe(publicApi.RedisEventStore);
    expect(publicApi.MemoryEventLog).toBe(publicApi.MemoryMessageEventStore);
    expect(publicApi.RedisEventLog).toBe(publicApi.RedisMessageEventStore);
    // The deprecated type names still compile against values of the new names.
    const records: publicApi.SessionStore = new publicApi.MemorySessionRecordStore({ reapIntervalMs: 0 });
    const state: publicApi.HttpSessionStateStore = new publicApi.RecordSessionStateStore(records);
    const log: publicApi.EventLog = new publicApi.MemoryEventLog();
    expect([records, state, log].every((value) => typeof value === "object")).toBe(true);
  });

  it("does not load ioredis until a Redis connection is created", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(new URL("./redis-connection.ts", import.meta.url), "utf8");
    expect(source).toMatch(/await import\("ioredis"\)/);
    expect(source).not.toMatch(/^import (?!type)[^\n]*from "ioredis"/m);
  });
});

describe("the workers entry", () => {
  it("exports exactly the documented runtime names", async () => {
    const workersApi = await import("./workers.js");
    expect(Object.keys(workersApi).sort()).toEqual(
      [
        "HttpSessionStore", "RedisHttpEventStore", "RedisSessionStore", "RespErrorReply", "RespProtocolError", "RespReader", "SessionError",
        "SocketRedisConnection", "createSocketRedisConnection", "createSocketSessionBackend", "encodeCommand", "isSessionError", "parseRedisUrl",
      ].sort(),
    );
  });

  it("reaches neither ioredis nor node: modules through its imports (it must bundle for workerd)", async () => {
    const { readFile } = await import("node:fs/promises");
    const seen = new Set<string>();
    const visit = async (url: URL): Promise<void> => {
      if (seen.has(url.href)) return;
      seen.add(url.href);
      const source = await readFile(url, "utf8");
      for (const match of source.matchAll(/^(?:import|export) (?!type )[^;]*?from "([^"]+)"/gms)) {
        const specifier = match[1] as string;
        expect(specifier, `${url.pathname} imports ${specifier}`).not.toMatch(/^(node:|ioredis)/);
        if (specifier.startsWith(".")) await visit(new URL(specifier.replace(/\.js$/, ".ts"), url));
      }
      expect(source, `${url.pathname} has a dynamic import`).not.toMatch(/\bimport\(/);
    };
    await visit(new URL("./workers.ts", import.meta.url));
    expect(seen.size).toBeGreaterThan(8);
  });
});
