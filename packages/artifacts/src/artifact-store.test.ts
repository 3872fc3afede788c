import { createStorage } from "unstorage";
import memory from "unstorage/drivers/memory";
import { describe, expect, it } from "vitest";
import { ArtifactStore } from "./artifact-store.js";
import { isArtifactError } from "./errors.js";

describe("ArtifactStore atomicity", () => {
  it("removes the bytes again when writing the metadata fails, so nothing is left half-way", async () => {
    const storage = createStorage({ driver: memory() });
    const realSetItem = storage.setItem.bind(storage);
    storage.setItem = (async (key: string, value: unknown, options?: object) => {
      if (key.includes(":meta:")) throw new Error("disk full");
      return realSetItem(key, value as string, options);
    }) as typeof storage.setItem;
    const store = new ArtifactStore({ storage });
    const error = await store.write("content", { sessionId: "s", filename: "a.txt" }).catch((caught: unknown) => caught);
    expect(isArtifactError(error, "storage_failed")).toBe(true);
    expect((error as Error).message).toContain("disk full");
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(await storage.getKeys()).toEqual([]);
  });

  it("reports a storage outage on read as storage_failed, not as not-found", async () => {
    const storage = createStorage({ driver: memory() });
    const store = new ArtifactStore({ storage });
    const written = await store.write("x", { sessionId: "s", filename: "a.txt" });
    storage.getItem = (async () => {
      throw new Error("connection refused");
    }) as typeof storage.getItem;
    const error = await store.read(written.id, { sessionId: "s" }).catch((caught: unknown) => caught);
    expect(isArtifactError(error, "storage_failed")).toBe(true);
  });

  it("gives the provider URL the full expiresIn even when the clock moves while signing (regression: 119 instead of 120)", async () => {
    const storage = createStorage({ driver: memory() });
    let clock = 1_000_000;
    const lifetimes: number[] = [];
    const store = new ArtifactStore({
      storage,
      now: () => (clock += 7),
      presignUrl: async (_key, expiresInSeconds) => {
        lifetimes.push(expiresInSeconds);
        return "https://bucket.example/blob";
      },
    });
    const written = await store.write("x", { sessionId: "s", filename: "a.txt" });
    const signed = await store.presign(written.id, { sessionId: "s" }, { expiresIn: 120 });
    expect(lifetimes).toEqual([120]);
    expect(signed.url).toBe("https://bucket.example/blob");
  });

  it("does not let a token signed with another secret read anything", async () => {
    const storage = createStorage({ driver: memory() });
    const issuer = new ArtifactStore({ storage, presignSecret: "secret-one-secret-one" });
    const other = new ArtifactStore({ storage, presignSecret: "secret-two-secret-two" });
    const written = await issuer.write("x", { sessionId: "s", filename: "a.txt" });
    const { token } = await issuer.presign(written.id, { sessionId: "s" });
    await expect(other.readPresigned(token)).rejects.toMatchObject({ code: "invalid_token" });
    expect(new TextDecoder().decode((await issuer.readPresigned(token)).data)).toBe("x");
  });

  it("rejects a non-positive maxBytes", () => {
    expect(() => new ArtifactStore({ storage: createStorage(), maxBytes: 0 })).toThrow(/maxBytes must be a positive integer/);
  });
});
