import { describe, expect, it } from "vitest";
import { ArtifactStore } from "./artifact-store.js";
import { createArtifactDownloadHandler } from "./download-route.js";
import { createArtifactStorage } from "./providers.js";

async function setup() {
  let now = Date.now();
  const store = new ArtifactStore({ storage: await createArtifactStorage({ provider: "memory" }), now: () => now });
  const handler = createArtifactDownloadHandler(store, { basePath: "/files" });
  const written = await store.write("report body", { sessionId: "s1", filename: 'q3 "final".txt' });
  const { token } = await store.presign(written.id, { sessionId: "s1" }, { expiresIn: 60 });
  return { store, handler, written, token, advance: (ms: number) => (now += ms) };
}

describe("createArtifactDownloadHandler", () => {
  it("answers GET with the bytes, safe headers and an escaped attachment filename, and HEAD without a body", async () => {
    const { handler, token } = await setup();
    const response = await handler(new Request(`http://localhost/files/${token}`));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("report body");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="q3 _final_.txt"; filename*=UTF-8''q3%20%22final%22.txt`);
    const head = await handler(new Request(`http://localhost/files/${token}`, { method: "HEAD" }));
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("11");
  });

  it("answers 404 for an incomplete link, 403 for garbage, 405 for other methods", async () => {
    const { handler } = await setup();
    expect((await handler(new Request("http://localhost/files/"))).status).toBe(404);
    expect((await handler(new Request("http://localhost/files/not-a-token"))).status).toBe(403);
    expect((await handler(new Request("http://localhost/files/x", { method: "POST" }))).status).toBe(405);
  });

  it("answers 410 once the link expired and 404 once the artifact was deleted", async () => {
    const first = await setup();
    await first.store.delete(first.written.id, { sessionId: "s1" });
    expect((await first.handler(new Request(`http://localhost/files/${first.token}`))).status).toBe(404);
    const second = await setup();
    second.advance(61_000);
    const expired = await second.handler(new Request(`http://localhost/files/${second.token}`));
    expect(expired.status).toBe(410);
  });
});
