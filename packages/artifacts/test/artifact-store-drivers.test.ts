import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArtifactStore, createArtifactStorage, createS3UrlSigner, type S3ProviderOptions } from "../src/index.js";
import { describeArtifactStore } from "./artifact-store-suite.js";

describeArtifactStore("memory", async ({ now, maxBytes }) => {
  const storage = await createArtifactStorage({ provider: "memory" });
  return { store: new ArtifactStore({ storage, now, maxBytes }), cleanup: () => storage.dispose() };
});

describeArtifactStore("filesystem", async ({ now, maxBytes }) => {
  const root = await mkdtemp(join(tmpdir(), "chuk-artifacts-fs-"));
  const storage = await createArtifactStorage({ provider: "filesystem", fsRoot: root });
  return {
    store: new ArtifactStore({ storage, now, maxBytes }),
    cleanup: async () => {
      await storage.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describeArtifactStore("redis", async ({ now, maxBytes }) => {
  const base = `vitest-artifacts-${randomUUID()}`;
  const storage = await createArtifactStorage({ provider: "redis", redis: { url: "redis://127.0.0.1:6379", base } });
  return {
    store: new ArtifactStore({ storage, now, maxBytes }),
    cleanup: async () => {
      await storage.clear();
      await storage.dispose();
    },
  };
});

let s3Server: S3rver | undefined;
let s3Options: S3ProviderOptions;
let s3Directory: string;

beforeAll(async () => {
  s3Directory = await mkdtemp(join(tmpdir(), "chuk-artifacts-s3-"));
  s3Server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Directory, configureBuckets: [{ name: "artifacts", configs: [] }] });
  const { port } = await s3Server.run();
  s3Options = { bucket: "artifacts", endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
});

afterAll(async () => {
  await s3Server?.close();
  await rm(s3Directory, { recursive: true, force: true });
});

describeArtifactStore("s3 (s3rver)", async ({ now, maxBytes }) => {
  const storage = await createArtifactStorage({ provider: "s3", s3: s3Options });
  const prefix = `run-${randomUUID()}`;
  return {
    store: new ArtifactStore({ storage, now, maxBytes, prefix }),
    cleanup: async () => {
      for (const key of await storage.getKeys(prefix)) await storage.removeItem(key);
    },
  };
});

describe("provider specifics", () => {
  it("keeps filesystem artifacts under opaque hashed directories, never under the filename", async () => {
    const root = await mkdtemp(join(tmpdir(), "chuk-artifacts-fs-"));
    try {
      const storage = await createArtifactStorage({ provider: "filesystem", fsRoot: root });
      const store = new ArtifactStore({ storage });
      await store.write("x", { sessionId: "s", filename: "report.txt" });
      const files = await readdir(root, { recursive: true });
      expect(files.some((file) => file.includes("report"))).toBe(false);
      expect(files.filter((file) => /ses_[0-9a-f]{32}$/.test(file))).toHaveLength(2);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("hands out an S3 presigned URL that downloads the bytes straight from the bucket", async () => {
    const storage = await createArtifactStorage({ provider: "s3", s3: s3Options });
    const store = new ArtifactStore({ storage, prefix: `presign-${randomUUID()}`, presignUrl: await createS3UrlSigner(s3Options) });
    const written = await store.write(new Uint8Array([7, 8, 9]), { userId: "u", scope: "user", filename: "x.bin" });
    const { url } = await store.presign(written.id, { userId: "u" }, { expiresIn: 120 });
    expect(url).toMatch(/X-Amz-Signature=/);
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([7, 8, 9]);
    await store.delete(written.id, { userId: "u" });
  });
});
