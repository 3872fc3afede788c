/**
 * Cross-user and cross-session access on the store, the download route and the link
 * builder; header injection / XSS through stored metadata; Redis namespacing (regression:
 * artifacts on Redis ignore ENVIRONMENT / DEPLOYMENT_ID); prototype-named inputs.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  ArtifactStore,
  artifactStorageConfigFromEnv,
  createArtifactDownloadHandler,
  createArtifactStorage,
  createArtifactStoreFromEnv,
  type ArtifactStore as Store,
  type ManagedArtifactStorage,
} from "../../src/index.js";
import { downloadBase } from "../../src/tools/artifact-tools.js";

async function memoryStore(): Promise<Store> {
  return new ArtifactStore({ storage: await createArtifactStorage({ provider: "memory" }), presignSecret: "0123456789abcdef0123" });
}

describe("session artifacts are bound to the signed-in user (regression: a session id alone reached them)", () => {
  it("hides a session artifact written by alice from bob and from an anonymous caller holding the same session id", async () => {
    const store = await memoryStore();
    const written = await store.write("alice's notes", { sessionId: "S", userId: "alice", filename: "notes.txt" });
    for (const intruder of [{ sessionId: "S" }, { sessionId: "S", userId: "bob" }, { sessionId: "T", userId: "alice" }]) {
      await expect(store.read(written.id, intruder)).rejects.toMatchObject({ code: "artifact_not_found" });
      await expect(store.delete(written.id, intruder)).resolves.toBe(false);
      expect(await store.list(intruder, { scope: "session" })).toEqual([]);
      await expect(store.presign(written.id, intruder)).rejects.toMatchObject({ code: "artifact_not_found" });
    }
    expect(await store.readText(written.id, { sessionId: "S", userId: "alice" })).toBe("alice's notes");
  });

  it("refuses identities with control characters, which would blur the owner key", async () => {
    const store = await memoryStore();
    await expect(store.write("x", { sessionId: "S\u0000alice", filename: "a.txt" })).rejects.toMatchObject({ code: "invalid_argument" });
    await expect(store.write("x", { sessionId: "S", userId: "a\nb", filename: "a.txt" })).rejects.toMatchObject({ code: "invalid_argument" });
  });
});

describe("download route: tokens, header injection and XSS", () => {
  it("serves active types as opaque attachments with nosniff and a sandboxing CSP", async () => {
    const store = await memoryStore();
    const handler = createArtifactDownloadHandler(store);
    for (const mime of ["text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript", "application/xml"]) {
      const written = await store.write("<script>alert(1)</script>", { sessionId: "S", filename: "x.html", mime });
      const { token } = await store.presign(written.id, { sessionId: "S" });
      const response = await handler(new Request(`http://127.0.0.1/artifacts/download/${token}`));
      expect(response.status, mime).toBe(200);
      expect(response.headers.get("content-type"), mime).toBe("application/octet-stream");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; /);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    }
    const png = await store.write("png", { sessionId: "S", filename: "chart.png", mime: "image/png" });
    const served = await handler(new Request(`http://127.0.0.1/artifacts/download/${(await store.presign(png.id, { sessionId: "S" })).token}`));
    expect(served.headers.get("content-type")).toBe("image/png");
  });

  it("cannot be made to emit injected headers by a metadata record tampered with in storage", async () => {
    const storage = await createArtifactStorage({ provider: "memory" });
    const store = new ArtifactStore({ storage, presignSecret: "0123456789abcdef0123" });
    const written = await store.write("data", { sessionId: "S", filename: "plain.txt" });
    const [metaKey] = (await storage.getKeys("artifacts:meta")).filter((key) => key.endsWith(written.id));
    const tampered = { ...written, mime: "text/plain\r\nSet-Cookie: pwned=1", filename: 'evil"\r\nX-Injected: 1.txt', sha256: 'abc"\r\nX: y' };
    await storage.setItem(metaKey as string, JSON.stringify(tampered));
    const { token } = await store.presign(written.id, { sessionId: "S" });
    const response = await createArtifactDownloadHandler(store)(new Request(`http://127.0.0.1/artifacts/download/${token}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("x-injected")).toBeNull();
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="evil___X-Injected: 1.txt"; filename*=UTF-8''evil%22%0D%0AX-Injected%3A%201.txt`,
    );
    expect(response.headers.get("etag")).toBeNull();
  });

  it("answers forged, foreign-secret, truncated and prototype-named tokens with 403/404, never 5xx", async () => {
    const store = await memoryStore();
    const other = new ArtifactStore({ storage: await createArtifactStorage({ provider: "memory" }), presignSecret: "another-secret-0123456789" });
    const written = await store.write("x", { sessionId: "S", filename: "a.txt" });
    const { token } = await store.presign(written.id, { sessionId: "S" });
    const handler = createArtifactDownloadHandler(store);
    const foreign = (await other.presign((await other.write("y", { sessionId: "S", filename: "b.txt" })).id, { sessionId: "S" })).token;
    for (const candidate of [foreign, token.slice(0, -2), `${token}x`, "__proto__", "constructor", "v1.e30.AAAA", "%00", "..%2f..%2fetc"]) {
      const response = await handler(new Request(`http://127.0.0.1/artifacts/download/${candidate}`));
      expect([403, 404], candidate).toContain(response.status);
      expect(await response.json()).toHaveProperty("error");
    }
  });
});

describe("download links (regression: the scheme came from a client-sent X-Forwarded-Proto)", () => {
  it("ignores X-Forwarded-Proto and X-Forwarded-Host unless told the transport vouches for them", () => {
    const headers = { host: "api.example.com", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };
    expect(downloadBase(headers, undefined)).toBe("http://api.example.com/artifacts/download");
    expect(downloadBase(headers, undefined, true)).toBe("https://evil.example/artifacts/download");
    expect(downloadBase(headers, "https://files.example.com/dl/")).toBe("https://files.example.com/dl");
  });

  it("builds no link from a Host that is not a host name (path, userinfo, spaces)", () => {
    for (const host of ["evil.example/phish?", "user@evil.example", "a b", "", "[::1", "example.com:99999x"]) {
      expect(downloadBase({ host }, undefined), host).toBeUndefined();
    }
    expect(downloadBase({ host: "[::1]:3000" }, undefined)).toBe("http://[::1]:3000/artifacts/download");
  });
});

describe("Redis keys are namespaced (regression: artifacts on Redis ignore ENVIRONMENT / DEPLOYMENT_ID)", () => {
  const deployment = `t${randomUUID().replace(/-/g, "")}`;
  const stores: Store<ManagedArtifactStorage>[] = [];
  afterAll(async () => {
    for (const store of stores) {
      await store.storage.clear();
      await store.storage.dispose();
    }
  });

  it("keeps two deployments (even 'a:b'+'c' against 'a'+'b:c') apart on one Redis", async () => {
    const env = (environment: string, deploymentId: string) => ({ ARTIFACT_STORAGE_PROVIDER: "redis", REDIS_URL: "redis://127.0.0.1:6379", ENVIRONMENT: environment, DEPLOYMENT_ID: deploymentId });
    const first = await createArtifactStoreFromEnv(env("a:b", `c-${deployment}`), { presignSecret: "0123456789abcdef0123" });
    const second = await createArtifactStoreFromEnv(env("a", `b:c-${deployment}`), { presignSecret: "0123456789abcdef0123" });
    stores.push(first, second);
    const caller = { sessionId: "S", userId: "alice" };
    const written = await first.write("prod data", { ...caller, filename: "p.txt", scope: "user" });
    await expect(second.read(written.id, caller)).rejects.toMatchObject({ code: "artifact_not_found" });
    expect(await second.list(caller, { scope: "user" })).toEqual([]);
    expect(await first.readText(written.id, caller)).toBe("prod data");
    expect(artifactStorageConfigFromEnv(env("a:b", "c")).redis).toMatchObject({ environment: "a:b", deploymentId: "c" });
  });
});

describe("prototype-named inputs", () => {
  it("answers prototype-named ids, providers and meta filters with clear errors or nothing, never a crash", async () => {
    const store = await memoryStore();
    await store.write("x", { sessionId: "S", filename: "a.txt", meta: { kind: "a" } });
    for (const id of ["__proto__", "constructor", "toString", "ses___proto__"]) {
      await expect(store.read(id, { sessionId: "S" })).rejects.toMatchObject({ code: "invalid_argument" });
    }
    expect(await store.list({ sessionId: "S" }, { meta: JSON.parse('{"constructor": "x", "__proto__": "y"}') as Record<string, string> })).toEqual([]);
    expect(await store.list({ sessionId: "S" }, { meta: { toString: "x" } })).toEqual([]);
    for (const provider of ["constructor", "__proto__", "toString"]) {
      expect(() => artifactStorageConfigFromEnv({ ARTIFACT_STORAGE_PROVIDER: provider }), provider).toThrow(/Unknown ARTIFACT_STORAGE_PROVIDER/);
    }
  });
});
