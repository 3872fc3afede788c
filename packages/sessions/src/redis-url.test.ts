import { describe, expect, it } from "vitest";
import { isSessionError } from "./errors.js";
import { describePlan, parseRedisUrl } from "./redis-url.js";

describe("parseRedisUrl", () => {
  it("reads a standalone URL with credentials and database", () => {
    expect(parseRedisUrl("redis://user:p%40ss@cache.internal:6380/2")).toEqual({
      mode: "standalone", nodes: [{ host: "cache.internal", port: 6380 }], tls: false, tlsInsecure: false, username: "user", password: "p@ss", db: 2,
    });
  });

  it("defaults the port to 6379", () => {
    expect(parseRedisUrl("redis://localhost").nodes).toEqual([{ host: "localhost", port: 6379 }]);
  });

  it("treats a comma-separated node list as a cluster, with or without a scheme on later nodes", () => {
    const plan = parseRedisUrl("redis://:secret@n1:7000,n2:7001,redis://n3:7002");
    expect(plan.mode).toBe("cluster");
    expect(plan.nodes).toEqual([{ host: "n1", port: 7000 }, { host: "n2", port: 7001 }, { host: "n3", port: 7002 }]);
    expect(plan.password).toBe("secret");
  });

  it("turns on TLS for rediss:// and passes the insecure flag through", () => {
    const plan = parseRedisUrl("rediss://n1:7000,n2:7001", { tlsInsecure: true });
    expect(plan).toMatchObject({ mode: "cluster", tls: true, tlsInsecure: true });
    expect(describePlan(plan)).toBe("rediss://n1:7000,n2:7001 (cluster)");
  });

  it("rejects bad URLs with invalid_argument and never echoes the password", () => {
    for (const bad of ["", "http://host:6379", "redis://host:99999", "redis://host/notanumber", "redis://a:1,b:2/3"]) {
      const error = (() => {
        try {
          parseRedisUrl(bad);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(isSessionError(error, "invalid_argument"), bad).toBe(true);
    }
    expect(() => parseRedisUrl("http://user:hunter2@host")).toThrow(/\*\*\*@host/);
    expect(() => parseRedisUrl("http://user:hunter2@host")).not.toThrow(/hunter2/);
  });
});
