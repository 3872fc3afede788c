/**
 * Regression: presigned download links took their scheme from a client-sent
 * X-Forwarded-Proto. End to end through `@chuk-mcp/http`: the header counts only when the
 * peer is a configured proxy (`trustProxy`) and the tools are told to believe it.
 */
import { McpServer } from "@chuk-mcp/core";
import { serve, type RunningServer } from "@chuk-mcp/http/node";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { ArtifactStore, createArtifactDownloadRoute, createArtifactStorage, registerArtifactTools } from "../../src/index.js";
import { call } from "../tools-helpers.js";

let running: RunningServer | undefined;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await running?.close();
  running = undefined;
});

async function linkFor(trustProxy: boolean | string[] | undefined, trustForwardedHeaders: boolean): Promise<string> {
  const store = new ArtifactStore({ storage: await createArtifactStorage({ provider: "memory" }), presignSecret: "0123456789abcdef0123" });
  const server = new McpServer({ name: "presign", version: "1.0.0" });
  registerArtifactTools(server, store, { enable: ["write_file", "get_presigned_url"], trustForwardedHeaders });
  running = await serve(server, { port: 0, routes: [createArtifactDownloadRoute(store)], ...(trustProxy === undefined ? {} : { trustProxy }) });
  const client = new Client({ name: "presign-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(running.url), { requestInit: { headers: { "x-forwarded-proto": "https" } } }));
  clients.push(client);
  const written = await call(client, "write_file", { filename: "a.txt", content: "hello" });
  const link = await call(client, "get_presigned_url", { artifact_id: written.json?.id });
  expect(link.isError).toBe(false);
  return link.json?.url as string;
}

describe("presigned links behind proxies (regression: client-sent X-Forwarded-Proto chose the scheme)", () => {
  it("keeps http when an untrusted client claims https, even with trustForwardedHeaders", async () => {
    expect(await linkFor(undefined, true)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/artifacts\/download\/v1\./);
  });

  it("ignores the header when the tools are not told to believe it, even from a trusted proxy", async () => {
    expect(await linkFor(["127.0.0.1"], false)).toMatch(/^http:\/\//);
  });

  it("uses https when the peer is a trusted proxy and the tools believe the transport", async () => {
    const url = await linkFor(["127.0.0.0/8"], true);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/artifacts\/download\/v1\./);
    // The link itself works (over plain http here, since the proxy is simulated).
    const response = await fetch(url.replace(/^https:/, "http:"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hello");
  });
});
