import { McpServer } from "@chuk-mcp/core";
import { afterEach, describe, expect, it } from "vitest";
import { ArtifactStore, createArtifactStorage, registerArtifactTools, type ArtifactToolName } from "../src/index.js";
import { call, startHarness, type Harness } from "./tools-helpers.js";

let harness: Harness | undefined;
let clock = Date.now();

async function memoryStore(maxBytes = 1024 * 1024): Promise<ArtifactStore> {
  clock = Date.now();
  return new ArtifactStore({ storage: await createArtifactStorage({ provider: "memory" }), maxBytes, now: () => clock });
}

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128, 7]);
const PNG_BASE64 = Buffer.from(PNG).toString("base64");
const MISSING_SESSION_ID = `ses_${"0".repeat(32)}`;

describe("registerArtifactTools", () => {
  it("registers no tool unless enabled, and exactly the ones named", async () => {
    harness = await startHarness(await memoryStore(), { enable: [] });
    const client = await harness.connect();
    expect((await client.listTools()).tools).toEqual([]);
    await harness.close();
    harness = await startHarness(await memoryStore(), { enable: ["read_file", "write_file"] });
    const other = await harness.connect();
    expect((await other.listTools()).tools.map((tool) => tool.name).sort()).toEqual(["read_file", "write_file"]);
  });

  it("rejects unknown tool names", async () => {
    const server = new McpServer({ name: "x", version: "1.0.0" });
    const store = await memoryStore();
    expect(() => registerArtifactTools(server, store, { enable: ["format_disk" as ArtifactToolName] })).toThrow(/Unknown artifact tool "format_disk"/);
  });

  it("writes text with progress notifications and reads it back as a tool result and a resource", async () => {
    harness = await startHarness(await memoryStore());
    const client = await harness.connect();
    const progress: Array<{ progress: number; total?: number; message?: string }> = [];
    const written = await call(client, "write_file", { content: "hello artifacts", filename: "notes.txt", summary: "greeting" }, (update) => progress.push(update));
    expect(written.isError, written.text).toBe(false);
    expect(written.json).toMatchObject({ scope: "session", filename: "notes.txt", mime: "text/plain", bytes: 15 });
    expect(progress.map((update) => update.progress)).toEqual([1, 2, 3]);
    expect(progress.every((update) => update.total === 3)).toBe(true);
    const id = written.json?.id as string;
    expect((await call(client, "read_file", { artifact_id: id })).content).toEqual([{ type: "text", text: "hello artifacts" }]);
    const listed = await client.listResources();
    expect(listed.resources).toContainEqual(expect.objectContaining({ uri: `artifact://${id}`, name: "notes.txt", mimeType: "text/plain", size: 15 }));
    expect((await client.readResource({ uri: `artifact://${id}` })).contents).toEqual([{ uri: `artifact://${id}`, mimeType: "text/plain", text: "hello artifacts" }]);
  });

  it("uploads base64 bytes with progress and returns binary as a base64 blob", async () => {
    harness = await startHarness(await memoryStore());
    const client = await harness.connect();
    const progress: number[] = [];
    const uploaded = await call(client, "upload_file", { content_base64: PNG_BASE64, filename: "dot.png", mime: "image/png" }, (update) => progress.push(update.progress));
    expect(progress).toEqual([1, 2, 3]);
    const id = uploaded.json?.id as string;
    expect(uploaded.json?.bytes).toBe(PNG.byteLength);
    const read = await call(client, "read_file", { artifact_id: id });
    expect(read.content).toEqual([{ type: "resource", resource: { uri: `artifact://${id}`, mimeType: "image/png", blob: PNG_BASE64 } }]);
    const resource = await client.readResource({ uri: `artifact://${id}` });
    expect(resource.contents).toEqual([{ uri: `artifact://${id}`, mimeType: "image/png", blob: PNG_BASE64 }]);
  });

  it("lists, filters, copies, moves and deletes the caller's files, and reports stats", async () => {
    harness = await startHarness(await memoryStore());
    const alice = await harness.connect("alice");
    await call(alice, "write_session_file", { content: "a", filename: "a.txt", meta: { kind: "draft" } });
    await call(alice, "upload_session_file", { content_base64: PNG_BASE64, filename: "b.png", mime: "image/png" });
    const kept = await call(alice, "write_user_file", { content: "persist me", filename: "keep.md", mime: "text/markdown" });
    expect(kept.json?.scope).toBe("user");
    const images = await call(alice, "list_session_files", { mime_prefix: "image/" });
    expect((images.json?.files as Array<{ filename: string }>).map((file) => file.filename)).toEqual(["b.png"]);
    const drafts = await call(alice, "list_session_files", { meta: { kind: "draft" } });
    expect((drafts.json?.files as Array<{ filename: string }>).map((file) => file.filename)).toEqual(["a.txt"]);
    expect(((await call(alice, "list_user_files")).json?.files as Array<{ id: string }>).map((file) => file.id)).toEqual([kept.json?.id]);
    const directory = await call(alice, "list_directory", { scope: "session", prefix: "a" });
    expect(directory.json?.entries).toEqual([expect.objectContaining({ name: "a.txt", bytes: 1 })]);
    const copied = await call(alice, "copy_file", { artifact_id: kept.json?.id, scope: "session", filename: "copy.md" });
    expect(copied.json).toMatchObject({ scope: "session", filename: "copy.md", sha256: kept.json?.sha256 });
    const renamed = await call(alice, "move_file", { artifact_id: copied.json?.id, filename: "renamed.md" });
    expect(renamed.json).toMatchObject({ id: copied.json?.id, filename: "renamed.md" });
    const promoted = await call(alice, "move_file", { artifact_id: renamed.json?.id, scope: "user" });
    expect(promoted.json?.scope).toBe("user");
    expect((await call(alice, "get_file_metadata", { artifact_id: renamed.json?.id })).isError).toBe(true);
    expect((await call(alice, "get_file_metadata", { artifact_id: promoted.json?.id })).json?.filename).toBe("renamed.md");
    expect((await call(alice, "delete_file", { artifact_id: promoted.json?.id })).json).toEqual({ deleted: promoted.json?.id });
    const stats = await call(alice, "get_storage_stats");
    expect(stats.json?.scopes).toEqual({ session: { count: 2, bytes: 1 + PNG.byteLength }, user: { count: 1, bytes: 10 }, sandbox: { count: 0, bytes: 0 } });
  });

  it("serves HMAC-presigned download links on the HTTP server and refuses tampered or expired ones", async () => {
    harness = await startHarness(await memoryStore());
    const client = await harness.connect();
    const uploaded = await call(client, "upload_file", { content_base64: PNG_BASE64, filename: "dot ü.png", mime: "image/png" });
    const presigned = await call(client, "get_presigned_url", { artifact_id: uploaded.json?.id, expires_in_seconds: 60 });
    const url = presigned.json?.url as string;
    expect(url.startsWith(`http://127.0.0.1:${harness.running.port}/artifacts/download/v1.`)).toBe(true);
    const download = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(download.headers.get("content-disposition")).toContain("filename*=UTF-8''dot%20%C3%BC.png");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
    const tampered = url.slice(0, -3) + (url.endsWith("AAA") ? "BBB" : "AAA");
    expect((await fetch(tampered, { signal: AbortSignal.timeout(5_000) })).status).toBe(403);
    clock += 61_000;
    const expired = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: string }).error).toMatch(/expired/);
  });
});

describe("bad input gives clear tool errors and writes nothing", () => {
  async function expectNothingStored(harnessClient: Awaited<ReturnType<Harness["connect"]>>): Promise<void> {
    const listed = await call(harnessClient, "list_session_files");
    expect(listed.json?.files).toEqual([]);
  }

  it("refuses path traversal and odd filenames", async () => {
    harness = await startHarness(await memoryStore());
    const client = await harness.connect();
    for (const filename of ["../etc/passwd", "a/b.txt", "..", "bad\u0000name", "back\\slash"]) {
      const result = await call(client, "write_file", { content: "x", filename });
      expect(result.isError, filename).toBe(true);
      expect(result.text).toMatch(/Invalid filename|filename/i);
    }
    await expectNothingStored(client);
  });

  it("refuses oversized content before storing anything", async () => {
    harness = await startHarness(await memoryStore(), { maxBytes: 1_000 });
    const client = await harness.connect();
    const text = await call(client, "write_file", { content: "x".repeat(1_001), filename: "big.txt" });
    expect(text.isError).toBe(true);
    expect(text.text).toMatch(/1001 bytes, over the 1000-byte limit/);
    const binary = await call(client, "upload_file", { content_base64: Buffer.alloc(1_500).toString("base64"), filename: "big.bin" });
    expect(binary.text).toMatch(/over the 1000-byte limit/);
    await expectNothingStored(client);
  });

  it("refuses bad base64", async () => {
    harness = await startHarness(await memoryStore());
    const client = await harness.connect();
    const result = await call(client, "upload_file", { content_base64: "not*base64!", filename: "x.bin" });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/base64/i);
    await expectNothingStored(client);
  });

  it("refuses a wrong or unauthorised scope", async () => {
    harness = await startHarness(await memoryStore());
    const anonymous = await harness.connect();
    const sandbox = await call(anonymous, "write_file", { content: "x", filename: "x.txt", scope: "sandbox" });
    expect(sandbox.isError).toBe(true);
    expect(sandbox.text).toMatch(/scope/);
    const user = await call(anonymous, "write_user_file", { content: "x", filename: "x.txt" });
    expect(user.isError).toBe(true);
    expect(user.text).toMatch(/authenticated user/);
    const ttl = await call(anonymous, "write_file", { content: "x", filename: "x.txt", ttl_seconds: 10 });
    expect(ttl.isError).toBe(true);
    expect(ttl.text).toMatch(/900/);
    await expectNothingStored(anonymous);
  });

  it("reports an expired artifact as expired, and a malformed id as malformed", async () => {
    harness = await startHarness(await memoryStore());
    const client = await harness.connect();
    const written = await call(client, "write_file", { content: "short-lived", filename: "tmp.txt", ttl_seconds: 900 });
    clock += 901_000;
    const expired = await call(client, "read_file", { artifact_id: written.json?.id });
    expect(expired.isError).toBe(true);
    expect(expired.text).toMatch(/expired at/);
    const malformed = await call(client, "read_file", { artifact_id: "../../secret" });
    expect(malformed.text).toMatch(/Malformed artifact id/);
    expect((await call(client, "read_file", { artifact_id: MISSING_SESSION_ID })).text).toMatch(/was not found/);
  });
});
