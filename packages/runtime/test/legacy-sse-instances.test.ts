/**
 * Legacy SSE across instances: the SDK v1 SSEClientTransport opens its stream on instance A
 * and every POST goes to instance B; with SESSION_PROVIDER=redis (real Redis, keys under a
 * unique DEPLOYMENT_ID) B forwards them and the replies arrive on A's stream.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { loadConfig, startRuntime, type Runtime } from "../src/index.js";
import { fixtureEnv, scratch } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

const silent = Object.fromEntries(["debug", "info", "warning", "error", "critical"].map((level) => [level, () => undefined])) as never;

async function instance(file: string, env: Record<string, string>): Promise<Runtime> {
  const runtime = await startRuntime(await loadConfig({ file, env }), { logger: silent });
  cleanups.push(() => runtime.close());
  return runtime;
}

function project(): string {
  const directory = scratch();
  mkdirSync(join(directory, "my_tools"));
  writeFileSync(join(directory, "my_tools", "tools.ts"), `import { tool } from "chuk-mcp";\ntool({ name: "where", handler: () => "instance pid " + process.pid });\n`);
  const file = join(directory, "config.yaml");
  writeFileSync(file, `server:\n  type: sse\nsse:\n  port: 0\nmcp_servers:\n  local:\n    location: "./my_tools"\n    tools: { enabled: true, module: "my_tools.tools" }\n`);
  return file;
}

/** A fetch that sends every POST to `other` instead of the stream's instance. */
function postsTo(other: string): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if ((init?.method ?? "GET") === "POST") {
      const target = new URL(other);
      url.host = target.host;
    }
    return fetch(url, init);
  };
}

describe("legacy SSE sessions across instances", () => {
  it("delivers a POST that reaches instance B to the stream held by instance A", async () => {
    const file = project();
    const env = fixtureEnv({ SESSION_PROVIDER: "redis", REDIS_URL: "redis://127.0.0.1:6379", DEPLOYMENT_ID: `test-runtime-sse-${randomUUID()}` });
    const a = await instance(file, env);
    const b = await instance(file, env);
    const client = new Client({ name: "sse-two-instances", version: "1.0.0" });
    await client.connect(new SSEClientTransport(new URL(a.url as string), { fetch: postsTo(b.url as string) }));
    cleanups.push(() => client.close());
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["where"]);
    const result = (await client.callTool({ name: "where" })) as { content: { text: string }[] };
    expect(result.content[0]?.text).toMatch(/^instance pid \d+$/);
  }, 60_000);

  it("answers 404 on B for a session no instance holds", async () => {
    const file = project();
    const env = fixtureEnv({ SESSION_PROVIDER: "redis", REDIS_URL: "redis://127.0.0.1:6379", DEPLOYMENT_ID: `test-runtime-sse-${randomUUID()}` });
    const b = await instance(file, env);
    const response = await fetch(new URL(`/messages/?session_id=${randomUUID()}`, b.url as string), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/Could not find session/);
  }, 60_000);

  it("without Redis, a POST to the other instance is 404 (streams are per instance)", async () => {
    const file = project();
    const a = await instance(file, fixtureEnv());
    const b = await instance(file, fixtureEnv());
    const client = new Client({ name: "sse-no-redis", version: "1.0.0" });
    await expect(client.connect(new SSEClientTransport(new URL(a.url as string), { fetch: postsTo(b.url as string) }))).rejects.toThrow(/404|Could not find session/);
    await client.close().catch(() => undefined);
  }, 60_000);
});
