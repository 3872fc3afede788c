import { Redis } from "ioredis";
import memoryDriver from "unstorage/drivers/memory";
import { afterAll, describe, expect, it } from "vitest";
import { deriveSecretKeys, randomToken } from "./crypto.js";
import { authStoreFromEnv, createAuthStore, type AuthStore } from "./store.js";

const REDIS_URL = "redis://127.0.0.1:6379/0";
const TEST_PREFIX = `test-sec-auth-store-${randomToken(6)}`;

function sharedBehaviour(name: string, make: () => AuthStore): void {
  describe(`${name} store`, () => {
    const store = make();
    afterAll(() => store.close());

    it("round-trips values and deletes them", async () => {
      const key = `t:${randomToken(6)}`;
      await store.set(key, { a: 1 }, 60);
      expect(await store.get(key)).toEqual({ a: 1 });
      await store.delete(key);
      expect(await store.get(key)).toBeUndefined();
    });

    it("hands out a taken value exactly once", async () => {
      const key = `t:${randomToken(6)}`;
      await store.set(key, "code", 60);
      expect(await store.take(key)).toBe("code");
      expect(await store.take(key)).toBeUndefined();
    });

    it("defect 4: twenty concurrent takes of one key give the value to exactly one", async () => {
      const key = `t:${randomToken(6)}`;
      await store.set(key, "code", 60);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.take<string>(key)));
      expect(results.filter((value) => value === "code")).toHaveLength(1);
      expect(results.filter((value) => value === undefined)).toHaveLength(19);
    });

    it("defect 4: twenty concurrent exchanges see the original value exactly once", async () => {
      const key = `t:${randomToken(6)}`;
      await store.set(key, { used: false }, 60);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.exchange<{ used: boolean }>(key, { used: true })));
      expect(results.filter((value) => value?.used === false)).toHaveLength(1);
      expect(results.filter((value) => value?.used === true)).toHaveLength(19);
      expect(await store.get(key)).toEqual({ used: true });
    });

    it("exchanges nothing when the key is absent", async () => {
      const key = `t:${randomToken(6)}`;
      expect(await store.exchange(key, "new")).toBeUndefined();
      expect(await store.get(key)).toBeUndefined();
    });

    it("treats an expired entry as absent, also after an exchange", async () => {
      const key = `t:${randomToken(6)}`;
      await store.set(key, "short", 1);
      await store.exchange(key, "still short");
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await store.get(key)).toBeUndefined();
      expect(await store.take(key)).toBeUndefined();
    });
  });
}

sharedBehaviour("memory", () => createAuthStore());
sharedBehaviour("unstorage driver", () => createAuthStore({ driver: memoryDriver() }));
sharedBehaviour("redis", () => createAuthStore({ provider: "redis", redisUrl: REDIS_URL, prefix: TEST_PREFIX }));

describe("store namespacing", () => {
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    const keys = await redis.keys(`${TEST_PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("defect namespacing: ENVIRONMENT and DEPLOYMENT_ID separate the auth store on a shared Redis", async () => {
    const env = (environment: string, deployment: string) => ({
      SESSION_PROVIDER: "redis",
      SESSION_REDIS_URL: REDIS_URL,
      ENVIRONMENT: environment,
      DEPLOYMENT_ID: deployment,
    });
    const prod = createAuthStore({ provider: "redis", redisUrl: REDIS_URL, prefix: TEST_PREFIX, env: env("prod", "one") });
    const dev = createAuthStore({ provider: "redis", redisUrl: REDIS_URL, prefix: TEST_PREFIX, env: env("dev", "one") });
    const sameAsProd = createAuthStore({ provider: "redis", redisUrl: REDIS_URL, prefix: TEST_PREFIX, env: env("prod", "one") });
    try {
      await prod.set("client:x", "prod-secret", 60);
      expect(await dev.get("client:x")).toBeUndefined();
      expect(await sameAsProd.get("client:x")).toBe("prod-secret");
      expect(await redis.keys(`${TEST_PREFIX}:prod:one:client:x`)).toHaveLength(1);
    } finally {
      await Promise.all([prod.close(), dev.close(), sameAsProd.close()]);
    }
  });

  it("defect namespacing: 'a:b' + 'c' and 'a' + 'b:c' never share keys", async () => {
    const left = createAuthStore({ provider: "redis", redisUrl: REDIS_URL, prefix: TEST_PREFIX, namespace: { environment: "a:b", deploymentId: "c" } });
    const right = createAuthStore({ provider: "redis", redisUrl: REDIS_URL, prefix: TEST_PREFIX, namespace: { environment: "a", deploymentId: "b:c" } });
    try {
      await left.set("code:k", "left", 60);
      expect(await right.get("code:k")).toBeUndefined();
      await right.set("code:k", "right", 60);
      expect(await left.get("code:k")).toBe("left");
    } finally {
      await Promise.all([left.close(), right.close()]);
    }
  });

  it("reads the namespace from the environment in authStoreFromEnv", async () => {
    const base = { SESSION_PROVIDER: "redis", SESSION_REDIS_URL: REDIS_URL, DEPLOYMENT_ID: `${TEST_PREFIX}-c` };
    const a = authStoreFromEnv({ ...base, ENVIRONMENT: "a%3Ab" });
    const b = authStoreFromEnv({ ...base, ENVIRONMENT: "a:b" });
    const b2 = authStoreFromEnv({ ...base, ENVIRONMENT: "a:b" });
    try {
      await a.set("k", 1, 30);
      await b.set("k", 2, 30);
      expect(await a.get("k")).toBe(1);
      expect(await b2.get("k")).toBe(2);
    } finally {
      await Promise.all([a.close(), b.close(), b2.close(), a.delete("k").catch(() => undefined)]);
    }
  });
});

describe("store configuration", () => {
  it("refuses an unknown provider and a redis provider without URL", async () => {
    expect(() => authStoreFromEnv({ SESSION_PROVIDER: "mongo" })).toThrow(/SESSION_PROVIDER/);
    await expect(createAuthStore({ provider: "redis" }).get("x")).rejects.toThrow(/SESSION_REDIS_URL/);
  });

  it("bounds the memory store, dropping the oldest entries first", async () => {
    const store = createAuthStore({ maxMemoryEntries: 10 });
    for (let index = 0; index < 25; index++) await store.set(`k${index}`, index, 60);
    expect(await store.get("k0")).toBeUndefined();
    expect(await store.get("k24")).toBe(24);
  });

  it("keeps revocation markers when a flood of pending authorizations fills the memory store", async () => {
    const store = createAuthStore({ maxMemoryEntries: 50 });
    await store.set("family-revoked:f1", true, 600);
    await store.set("refresh:r1", { used: false }, 600);
    for (let index = 0; index < 500; index++) await store.set(`pending:${index}`, index, 600);
    expect(await store.get("family-revoked:f1")).toBe(true);
    expect(await store.get("refresh:r1")).toEqual({ used: false });
    expect(await store.get("pending:0")).toBeUndefined();
    expect(await store.get("pending:499")).toBe(499);
  });

  it("reports a store that cannot be reached as store_failure, not a crash", async () => {
    const store = createAuthStore({ provider: "redis", redisUrl: "redis://127.0.0.1:1/0" });
    await expect(store.get("x")).rejects.toMatchObject({ code: "store_failure" });
    await store.close();
  });
});

describe("secret keys", () => {
  it("encrypts so that only the same secret decrypts, and rejects tampering", async () => {
    const keys = await deriveSecretKeys("secret-one");
    const sealed = await keys.encrypt("upstream-token");
    expect(sealed).not.toContain("upstream-token");
    expect(await keys.decrypt(sealed)).toBe("upstream-token");
    await expect((await deriveSecretKeys("secret-two")).decrypt(sealed)).rejects.toThrow();
    const [iv, body] = sealed.split(".");
    await expect(keys.decrypt(`${iv}.${body!.slice(0, -2)}AA`)).rejects.toThrow();
  });
});
