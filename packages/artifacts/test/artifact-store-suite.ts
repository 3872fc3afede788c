import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArtifactStore, isArtifactError, type ArtifactErrorCode } from "../src/index.js";

export interface ArtifactStoreFixture {
  store: ArtifactStore;
  cleanup(): Promise<void>;
}

/** Builds a store on the driver under test; `now` and `maxBytes` must be passed through. */
export type ArtifactStoreFactory = (options: { now: () => number; maxBytes: number }) => Promise<ArtifactStoreFixture>;

const alice = { sessionId: "session-alice", userId: "alice" };
const bob = { sessionId: "session-bob", userId: "bob" };
const admin = { admin: true };

async function codeOf(promise: Promise<unknown>): Promise<ArtifactErrorCode | string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (error === undefined) return "resolved";
  return isArtifactError(error) ? error.code : `unexpected: ${String(error)}`;
}

/** The behaviour every artifact storage driver must show. */
export function describeArtifactStore(driver: string, createFixture: ArtifactStoreFactory): void {
  describe(`ArtifactStore conformance: ${driver}`, () => {
    let fixture: ArtifactStoreFixture;
    let store: ArtifactStore;
    let now: number;
    beforeEach(async () => {
      now = Date.now();
      fixture = await createFixture({ now: () => now, maxBytes: 1_024 });
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it("stores bytes and returns them with complete metadata", async () => {
      const data = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
      const written = await store.write(data, { ...alice, filename: "blob.bin", mime: "application/octet-stream", summary: "test bytes", meta: { kind: "raw" } });
      expect(written).toMatchObject({
        scope: "session", filename: "blob.bin", bytes: 7, owner: "session-alice", sessionId: "session-alice", userId: "alice",
        sha256: createHash("sha256").update(data).digest("hex"), summary: "test bytes", meta: { kind: "raw" }, createdAt: now, expiresAt: now + 900_000,
      });
      expect(written.id).toMatch(/^ses_[0-9a-f]{32}$/);
      const read = await store.read(written.id, alice);
      expect([...read.data]).toEqual([...data]);
      expect(read.metadata).toEqual(written);
      expect(await store.metadata(written.id, alice)).toEqual(written);
    });

    it("accepts UTF-8 text, base64 text, Blobs and streams", async () => {
      const text = await store.write("héllo ✓", { ...alice, filename: "note.txt" });
      expect(text.mime).toBe("text/plain");
      expect(await store.readText(text.id, alice)).toBe("héllo ✓");
      const base64 = await store.write("AAEC/w==", { ...alice, filename: "b.bin", encoding: "base64" });
      expect([...(await store.read(base64.id, alice)).data]).toEqual([0, 1, 2, 255]);
      const blob = await store.write(new Blob(["from a blob"]), { ...alice, filename: "blob.txt", mime: "text/plain" });
      expect(await store.readText(blob.id, alice)).toBe("from a blob");
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("chunk-1 "));
          controller.enqueue(new TextEncoder().encode("chunk-2"));
          controller.close();
        },
      });
      const streamed = await store.write(stream, { ...alice, filename: "stream.txt", mime: "text/plain" });
      expect(await store.readText(streamed.id, alice)).toBe("chunk-1 chunk-2");
      expect(streamed.bytes).toBe(15);
    });

    it("makes another session's and another user's artifacts read exactly like missing ones", async () => {
      const sessionArtifact = await store.write("secret", { ...alice, filename: "s.txt" });
      const userArtifact = await store.write("secret", { ...alice, scope: "user", filename: "u.txt" });
      const missingId = `ses_${"0".repeat(32)}`;
      const missing = await store.read(missingId, bob).catch((error: Error) => error);
      for (const id of [sessionArtifact.id, userArtifact.id]) {
        const error = await store.read(id, bob).catch((caught: Error) => caught);
        expect(isArtifactError(error, "artifact_not_found")).toBe(true);
        expect((error as Error).message.replace(id, "<id>")).toBe((missing as Error).message.replace(missingId, "<id>"));
        expect(await codeOf(store.metadata(id, bob))).toBe("artifact_not_found");
        expect(await codeOf(store.presign(id, bob))).toBe("artifact_not_found");
        expect(await codeOf(store.copy(id, bob))).toBe("artifact_not_found");
        expect(await store.delete(id, bob)).toBe(false);
      }
      // Same user, other session: session artifacts stay in their session, user artifacts follow the user.
      const aliceElsewhere = { sessionId: "session-alice-2", userId: "alice" };
      expect(await codeOf(store.read(sessionArtifact.id, aliceElsewhere))).toBe("artifact_not_found");
      expect(await store.readText(userArtifact.id, aliceElsewhere)).toBe("secret");
      expect(await store.list(bob)).toEqual([]);
      expect(await store.list(bob, { scope: "user" })).toEqual([]);
      expect((await store.list(alice)).map((entry) => entry.id)).toEqual([sessionArtifact.id]);
    });

    it("requires a session for session scope and an authenticated user for user scope", async () => {
      expect(await codeOf(store.write("x", { filename: "a.txt" }))).toBe("session_required");
      expect(await codeOf(store.write("x", { sessionId: "s", scope: "user", filename: "a.txt" }))).toBe("authentication_required");
      expect(await codeOf(store.list({ sessionId: "s" }, { scope: "user" }))).toBe("authentication_required");
    });

    it("lets only admins write and delete sandbox artifacts, and every caller read them", async () => {
      expect(await codeOf(store.write("x", { ...alice, scope: "sandbox", filename: "shared.txt" }))).toBe("permission_denied");
      const shared = await store.write("shared text", { ...admin, scope: "sandbox", filename: "shared.txt" });
      expect(shared.id).toMatch(/^sbx_/);
      expect(await store.readText(shared.id, bob)).toBe("shared text");
      expect(await store.readText(shared.id, {})).toBe("shared text");
      expect(await codeOf(store.delete(shared.id, bob))).toBe("permission_denied");
      expect(await codeOf(store.move(shared.id, bob, { filename: "renamed.txt" }))).toBe("permission_denied");
      expect((await store.list(bob, { scope: "sandbox" })).map((entry) => entry.id)).toEqual([shared.id]);
      expect(await store.delete(shared.id, admin)).toBe(true);
    });

    it("refuses bad input with stable codes and stores nothing", async () => {
      const cases: [() => Promise<unknown>, ArtifactErrorCode][] = [
        [() => store.write("x", { ...alice, filename: "../../etc/passwd" }), "invalid_filename"],
        [() => store.write("x", { ...alice, filename: "dir\\file" }), "invalid_filename"],
        [() => store.write("x", { ...alice, filename: ".." }), "invalid_filename"],
        [() => store.write("x", { ...alice, filename: "" }), "invalid_filename"],
        [() => store.write("x", { ...alice, filename: "nul\u0000byte" }), "invalid_filename"],
        [() => store.write("x", { ...alice, filename: "é".repeat(200) }), "invalid_filename"],
        [() => store.write("x".repeat(1_025), { ...alice, filename: "big.txt" }), "content_too_large"],
        [() => store.write(new Uint8Array(2_000), { ...alice, filename: "big.bin" }), "content_too_large"],
        [() => store.write(new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(300)) }), { ...alice, filename: "endless.bin" }), "content_too_large"],
        [() => store.write("not base64!", { ...alice, filename: "b.bin", encoding: "base64" }), "invalid_base64"],
        [() => store.write("AAE", { ...alice, filename: "b.bin", encoding: "base64" }), "invalid_base64"],
        [() => store.write("x", { ...alice, filename: "a.txt", scope: "global" as never }), "invalid_scope"],
        [() => store.write("x", { ...alice, filename: "a.txt", ttl: 60 }), "invalid_ttl"],
        [() => store.write("x", { ...alice, filename: "a.txt", ttl: 90_000 }), "invalid_ttl"],
        [() => store.write("x", { ...admin, scope: "sandbox", filename: "a.txt", ttl: 1_000 }), "invalid_ttl"],
        [() => store.write("x", { ...alice, filename: "a.txt", mime: "not a mime" }), "invalid_argument"],
        [() => store.write("x", { ...alice, filename: "a.txt", meta: { nested: {} as never } }), "invalid_argument"],
        [() => store.write(42 as never, { ...alice, filename: "a.txt" }), "invalid_argument"],
        [() => store.read("../../etc/passwd", alice), "invalid_argument"],
        [() => store.list(alice, { scope: "everyone" as never }), "invalid_scope"],
      ];
      for (const [attempt, code] of cases) expect(await codeOf(attempt()), String(attempt)).toBe(code);
      expect(await store.list(alice)).toEqual([]);
      expect(await store.list(alice, { scope: "user" })).toEqual([]);
      expect(await store.list(admin, { scope: "sandbox" })).toEqual([]);
    });

    it("reports an expired artifact as artifact_expired, then drops it from lists", async () => {
      const shortLived = await store.write("soon gone", { ...alice, filename: "tmp.txt", ttl: 900 });
      const longLived = await store.write("stays", { ...alice, filename: "keep.txt", ttl: 3_600 });
      now += 901_000;
      expect(await codeOf(store.read(shortLived.id, alice))).toBe("artifact_expired");
      expect((await store.list(alice)).map((entry) => entry.id)).toEqual([longLived.id]);
      now += 3_600_000;
      expect(await store.purgeExpired()).toBe(1);
      expect(await codeOf(store.read(longLived.id, alice))).toBe("artifact_not_found");
    });

    it("lists newest first, filtered by mime prefix and metadata", async () => {
      const png = await store.write(new Uint8Array([1]), { ...alice, filename: "a.png", mime: "image/png", meta: { project: "x" } });
      now += 1;
      const jpeg = await store.write(new Uint8Array([2]), { ...alice, filename: "b.jpg", mime: "image/jpeg", meta: { project: "y" } });
      now += 1;
      const text = await store.write("t", { ...alice, filename: "c.txt", meta: { project: "x" } });
      expect((await store.list(alice)).map((entry) => entry.id)).toEqual([text.id, jpeg.id, png.id]);
      expect((await store.list(alice, { mimePrefix: "image/" })).map((entry) => entry.id)).toEqual([jpeg.id, png.id]);
      expect((await store.list(alice, { meta: { project: "x" } })).map((entry) => entry.id)).toEqual([text.id, png.id]);
      expect((await store.list(alice, { mimePrefix: "image/", meta: { project: "x" } })).map((entry) => entry.id)).toEqual([png.id]);
      expect(await store.list(alice, { limit: 1 })).toHaveLength(1);
    });

    it("deletes, copies across scopes, renames in place and moves across scopes", async () => {
      const original = await store.write("payload", { ...alice, filename: "draft.txt" });
      const copied = await store.copy(original.id, alice, { scope: "user", filename: "kept.txt" });
      expect(copied).toMatchObject({ scope: "user", filename: "kept.txt", owner: "alice", sha256: original.sha256 });
      expect(copied.expiresAt).toBeUndefined();
      expect(await store.readText(copied.id, alice)).toBe("payload");

      const renamed = await store.move(original.id, alice, { filename: "final.txt", summary: "renamed" });
      expect(renamed.id).toBe(original.id);
      expect((await store.metadata(original.id, alice)).filename).toBe("final.txt");

      const moved = await store.move(original.id, alice, { scope: "user" });
      expect(moved.id).toMatch(/^usr_/);
      expect(await codeOf(store.read(original.id, alice))).toBe("artifact_not_found");
      expect(await store.readText(moved.id, alice)).toBe("payload");

      expect(await store.delete(moved.id, alice)).toBe(true);
      expect(await store.delete(moved.id, alice)).toBe(false);
      expect(await codeOf(store.read(moved.id, alice))).toBe("artifact_not_found");
    });

    it("counts artifacts and bytes per visible scope", async () => {
      await store.write("12345", { ...alice, filename: "a.txt" });
      await store.write("123", { ...alice, filename: "b.txt" });
      await store.write("1", { ...alice, scope: "user", filename: "c.txt" });
      await store.write("shared", { ...admin, scope: "sandbox", filename: "d.txt" });
      await store.write("other", { ...bob, filename: "e.txt" });
      expect(await store.stats(alice)).toEqual({ session: { count: 2, bytes: 8 }, user: { count: 1, bytes: 1 }, sandbox: { count: 1, bytes: 6 } });
    });

    it("redeems a presigned token until it expires and refuses tampered tokens", async () => {
      const written = await store.write("download me", { ...alice, filename: "d.txt" });
      const { token, expiresAt } = await store.presign(written.id, alice, { expiresIn: 60 });
      expect(expiresAt).toBe(now + 60_000);
      expect(new TextDecoder().decode((await store.readPresigned(token)).data)).toBe("download me");
      const [version, payload, signature] = token.split(".");
      const forged = `${version}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith("AA") ? "BB" : "AA"}`;
      expect(await codeOf(store.readPresigned(forged))).toBe("invalid_token");
      expect(await codeOf(store.readPresigned("garbage"))).toBe("invalid_token");
      now += 61_000;
      expect(await codeOf(store.readPresigned(token))).toBe("token_expired");
      expect(await codeOf(store.presign(written.id, alice, { expiresIn: 0 }))).toBe("invalid_argument");
    });
  });
}
