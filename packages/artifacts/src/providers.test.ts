import { describe, expect, it } from "vitest";
import { isArtifactError } from "./errors.js";
import { artifactStorageConfigFromEnv, createArtifactStoreFromEnv } from "./providers.js";

describe("artifactStorageConfigFromEnv", () => {
  it("defaults to memory", () => {
    expect(artifactStorageConfigFromEnv({})).toEqual({ provider: "memory" });
  });

  it("reads the filesystem root and the S3 settings", () => {
    expect(artifactStorageConfigFromEnv({ ARTIFACT_STORAGE_PROVIDER: "fs", ARTIFACT_FS_ROOT: "/data" })).toEqual({ provider: "filesystem", fsRoot: "/data" });
    expect(
      artifactStorageConfigFromEnv({
        ARTIFACT_STORAGE_PROVIDER: "S3", ARTIFACT_BUCKET: "b", AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: "secret",
      }).s3,
    ).toEqual({ bucket: "b", endpoint: "https://s3.eu-west-1.amazonaws.com", region: "eu-west-1", accessKeyId: "id", secretAccessKey: "secret" });
  });

  it("names the missing variable when a provider is incomplete, and rejects unknown providers", () => {
    expect(() => artifactStorageConfigFromEnv({ ARTIFACT_STORAGE_PROVIDER: "filesystem" })).toThrow(/ARTIFACT_FS_ROOT/);
    expect(() => artifactStorageConfigFromEnv({ ARTIFACT_STORAGE_PROVIDER: "s3", ARTIFACT_BUCKET: "b" })).toThrow(/AWS_ACCESS_KEY_ID/);
    let error: unknown;
    try {
      artifactStorageConfigFromEnv({ ARTIFACT_STORAGE_PROVIDER: "ftp" });
    } catch (caught) {
      error = caught;
    }
    expect(isArtifactError(error, "invalid_argument")).toBe(true);
  });
});

describe("createArtifactStoreFromEnv", () => {
  it("applies ARTIFACT_MAX_BYTES, the sandbox id and the presign secret", async () => {
    const store = await createArtifactStoreFromEnv({ ARTIFACT_MAX_BYTES: "4", MCP_SANDBOX_ID: "sbx-1", ARTIFACT_PRESIGN_SECRET: "0123456789abcdef" });
    expect(store.maxBytes).toBe(4);
    expect(store.sandboxId).toBe("sbx-1");
    await expect(store.write("12345", { sessionId: "s", filename: "a.txt" })).rejects.toMatchObject({ code: "content_too_large" });
    await expect(createArtifactStoreFromEnv({ ARTIFACT_MAX_BYTES: "lots" })).rejects.toMatchObject({ code: "invalid_argument" });
  });
});
