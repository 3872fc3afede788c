import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import S3rver from "s3rver";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ArtifactStore, createArtifactStorage, createS3UrlSigner, type S3ProviderOptions } from "../src/index.js";
import { call, startHarness, withoutId, type Harness } from "./tools-helpers.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const MISSING = { session: `ses_${"0".repeat(32)}`, user: `usr_${"0".repeat(32)}` };

/** Every route by which `intruder` might touch `id`; each must look exactly like a missing id of the same scope. */
async function expectInvisible(intruder: Client, id: string, scope: "session" | "user"): Promise<void> {
  const missing = MISSING[scope];
  const attempts: Array<[string, Record<string, unknown>]> = [
    ["read_file", {}],
    ["get_file_metadata", {}],
    ["copy_file", { scope: "session" }],
    ["move_file", { filename: "stolen.txt" }],
    ["get_presigned_url", {}],
    ["delete_file", {}],
  ];
  for (const [tool, extra] of attempts) {
    const foreign = await call(intruder, tool, { artifact_id: id, ...extra });
    const absent = await call(intruder, tool, { artifact_id: missing, ...extra });
    expect(foreign.isError, `${tool} on a foreign artifact`).toBe(true);
    expect(withoutId(foreign.text, id), tool).toBe(withoutId(absent.text, missing));
  }
  const foreignRead = await intruder.readResource({ uri: `artifact://${id}` }).then(
    () => undefined,
    (error: { code?: number; message?: string }) => error,
  );
  const absentRead = await intruder.readResource({ uri: `artifact://${missing}` }).then(
    () => undefined,
    (error: { code?: number; message?: string }) => error,
  );
  expect(foreignRead?.code).toBe(-32002);
  expect(withoutId(foreignRead?.message ?? "", id)).toBe(withoutId(absentRead?.message ?? "", missing));
  const listed = await intruder.listResources();
  expect(listed.resources.map((resource) => resource.uri)).not.toContain(`artifact://${id}`);
  for (const tool of ["list_session_files", "list_user_files", "list_directory"]) {
    const result = await call(intruder, tool);
    expect(result.text).not.toContain(id);
  }
}

async function isolationScenario(store: ArtifactStore): Promise<void> {
  harness = await startHarness(store);
  const aliceOne = await harness.connect("alice");
  const aliceTwo = await harness.connect("alice");
  const bob = await harness.connect("bob");
  const anonymous = await harness.connect();

  const sessionFile = (await call(aliceOne, "write_file", { content: "alice session secret", filename: "s.txt" })).json?.id as string;
  const userFile = (await call(aliceOne, "write_user_file", { content: "alice user secret", filename: "u.txt" })).json?.id as string;
  const presigned = (await call(aliceOne, "get_presigned_url", { artifact_id: sessionFile })).json?.url as string;

  // Another session of the same user: the user's file yes, the other session's file no.
  expect((await call(aliceTwo, "read_file", { artifact_id: userFile })).content).toEqual([{ type: "text", text: "alice user secret" }]);
  await expectInvisible(aliceTwo, sessionFile, "session");
  // Another user and an anonymous caller: neither.
  await expectInvisible(bob, sessionFile, "session");
  await expectInvisible(bob, userFile, "user");
  await expectInvisible(anonymous, sessionFile, "session");

  // Nothing the intruders tried changed anything.
  expect((await call(aliceOne, "read_file", { artifact_id: sessionFile })).content).toEqual([{ type: "text", text: "alice session secret" }]);
  expect((await call(aliceOne, "get_file_metadata", { artifact_id: userFile })).json?.filename).toBe("u.txt");
  expect(((await call(bob, "list_session_files")).json?.files as unknown[]).length).toBe(0);

  // A presigned link grants exactly its artifact; a link re-pointed at another id fails its signature.
  if (presigned.includes("/artifacts/download/")) {
    expect((await fetch(presigned, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
    const token = presigned.slice(presigned.lastIndexOf("/") + 1);
    const [version, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as { i: string };
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, i: userFile })).toString("base64url");
    const forged = presigned.replace(token, `${version}.${forgedPayload}.${signature}`);
    expect((await fetch(forged, { signal: AbortSignal.timeout(5_000) })).status).toBe(403);
  } else {
    const direct = await fetch(presigned, { signal: AbortSignal.timeout(5_000) });
    expect(direct.status).toBe(200);
    expect(await direct.text()).toBe("alice session secret");
  }
}

describe("isolation between sessions and users, by every route", () => {
  it("holds on the memory driver (tools, resources, presigned links)", async () => {
    await isolationScenario(new ArtifactStore({ storage: await createArtifactStorage({ provider: "memory" }) }));
  });

  describe("on S3 (s3rver) with real S3 presigning", () => {
    let s3: S3rver | undefined;
    let directory: string;
    let options: S3ProviderOptions;

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), "chuk-artifacts-tools-s3-"));
      s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: "tools", configs: [] }] });
      const { port } = await s3.run();
      options = { bucket: "tools", endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
    });

    afterAll(async () => {
      await s3?.close();
      await rm(directory, { recursive: true, force: true });
    });

    it("holds on S3, and get_presigned_url returns a SigV4 URL the bucket honours", async () => {
      const storage = await createArtifactStorage({ provider: "s3", s3: options });
      const store = new ArtifactStore({ storage, presignUrl: await createS3UrlSigner(options) });
      await isolationScenario(store);
      const client = await harness!.connect("carol");
      const written = await call(client, "write_file", { content: "via s3", filename: "s3.txt" });
      const url = (await call(client, "get_presigned_url", { artifact_id: written.json?.id, expires_in_seconds: 120 })).json?.url as string;
      expect(url).toContain(options.endpoint!);
      expect(url).toContain("X-Amz-Signature=");
      expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("120");
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("via s3");
    }, 30_000);
  });
});
