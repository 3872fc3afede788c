import { afterAll, describe, expect, it } from "vitest";
import { deriveSecretKeys, randomToken } from "./crypto.js";
import { authStoreFromEnv, createAuthStore, type AuthStore } from "./store.js";

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

    it("treats an expired entry as absent", async () => {
      const key = `t:${randomToken(6)}`;
      await store.set(key, "short", 1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await store.get(key)).toBeUndefined();
    });
  });
}

sharedBehaviour("memory", () => createAuthStore());
sharedBehaviour("redis", () => authStoreFromEnv({ SESSION_PROVIDER: "redis", SESSION_REDIS_URL: "redis://127.0.0.1:6379/0" }));

describe("store configuration", () => {
  it("refuses an unknown provider and a redis provider without URL", async () => {
    expect(() => authStoreFromEnv({ SESSION_PROVIDER: "mongo" })).toThrow(/SESSION_PROVIDER/);
    await expect(createAuthStore({ provider: "redis" }).get("x")).rejects.toThrow(/SESSION_REDIS_URL/);
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
