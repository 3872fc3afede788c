import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { McpServer, runWithContext } from "@chuk-mcp/core";
import { ChukMCPServer } from "./chuk-mcp-server.js";
import { findPackageIdentity, programDirectory } from "./package-identity.js";
import { testRunnerHolding } from "./test-runner.js";
import { describeCounts, httpBanner, type RunningServer } from "./transports.js";
import { getUpstreamToken, requireUpstreamToken } from "./upstream-token.js";

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

const namedProject = fileURLToPath(new URL("../test/fixtures/named-project/src", import.meta.url));

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("run({ host, port }) in code", () => {
  it("serves HTTP, as the original's run(host=..., port=...) does", async () => {
    const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
    mcp.tool({ name: "ping_tool", handler: () => "pong" });
    const server = await mcp.run({ host: "127.0.0.1", port: 0, argv: [], env: {}, exitOnError: false });
    running.push(server);
    expect(server).toMatchObject({ transport: "http", url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/) });
  });
});

describe("run() and the program's own flags", () => {
  it("leaves unknown flags after ours to the program instead of refusing them", async () => {
    const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
    const server = await mcp.run({ argv: ["--port=0", "--db", "notes.sqlite", "--verbose"], env: {}, exitOnError: false });
    running.push(server);
    expect(server.transport).toBe("http");
  });

  it("still refuses a typo of one of ours", async () => {
    const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
    await expect(mcp.run({ argv: ["--prot", "0"], env: {}, exitOnError: false })).rejects.toThrow("did you mean --port?");
  });
});

describe("the original's curl: tools/list with no initialize", () => {
  const curl = { jsonrpc: "2.0", method: "tools/list", id: 1 };

  it("gets 400 from the default (session) server, whose message says to initialize first", async () => {
    const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
    const server = await mcp.run({ port: 0, argv: [], env: {}, exitOnError: false });
    running.push(server);
    const reply = await post(server.url as string, curl);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toMatch(/initialize|session/i);
  });

  it("is answered with --stateless (and MCP_STATELESS=1 / run({ stateless: true }))", async () => {
    for (const options of [{ argv: ["--port=0", "--stateless"], env: {} }, { argv: ["--port=0"], env: { MCP_STATELESS: "1" } }, { argv: [], env: {}, port: 0, stateless: true }]) {
      const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
      mcp.tool({ name: "add_numbers", handler: () => "8" });
      const server = await mcp.run({ ...options, exitOnError: false });
      running.push(server);
      const reply = await post(server.url as string, curl);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ id: 1, result: { tools: [{ name: "add_numbers" }] } });
      const call = await post(server.url as string, { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "add_numbers", arguments: {} } });
      expect(call.body).toMatchObject({ id: 2, result: { content: [{ type: "text", text: "8" }] } });
    }
  });

  it("is answered by the default server in the 2026-07-28 form (headers plus _meta)", async () => {
    const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
    mcp.tool({ name: "add_numbers", handler: () => "8" });
    const server = await mcp.run({ port: 0, argv: [], env: {}, exitOnError: false });
    running.push(server);
    const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
    const reply = await post(server.url as string, { ...curl, params: { _meta: meta } }, { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" });
    expect(reply).toMatchObject({ status: 200, body: { result: { tools: [{ name: "add_numbers" }] } } });
  });
});

describe("the HTTP banner", () => {
  it("names the server and its counts, and tells a loopback bind how to accept outside connections", () => {
    const server = new McpServer({ name: "demo", version: "1.0.0" });
    server.tool({ name: "a", handler: () => "" });
    server.tool({ name: "b", handler: () => "" });
    server.resource({ uri: "config://app", read: () => ({}) });
    expect(describeCounts(server)).toBe("2 tools, 1 resource, 0 prompts");
    const banner = httpBanner(server, "http://127.0.0.1:8000/mcp", { host: "127.0.0.1", stateless: false });
    expect(banner).toContain("MCP server listening on http://127.0.0.1:8000/mcp (loopback only; in a container pass --host 0.0.0.0)");
    expect(banner).toContain("demo 1.0.0: 2 tools, 1 resource, 0 prompts");
    expect(httpBanner(server, "http://0.0.0.0:8000/mcp", { host: "0.0.0.0", stateless: true })).not.toContain("loopback");
  });
});

describe("importing a module that calls run() from a unit test", () => {
  it("does not start the stdio server (the runner would hang); run() returns a skipped server", async () => {
    const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
    const server = await mcp.run();
    expect(server).toMatchObject({ transport: "stdio", skipped: true });
    await server.close();
    await server.closed;
  });

  it("detects the runner only when the entry script is the runner's or a test file, so spawned servers still serve", () => {
    expect(testRunnerHolding({ VITEST: "true" }, "/p/node_modules/vitest/vitest.mjs")).toBe("VITEST");
    expect(testRunnerHolding({ JEST_WORKER_ID: "1" }, "/p/node_modules/jest-worker/build/processChild.js")).toBe("JEST_WORKER_ID");
    expect(testRunnerHolding({ NODE_TEST_CONTEXT: "child" }, "/p/server.test.mjs")).toBe("NODE_TEST_CONTEXT");
    expect(testRunnerHolding({ NODE_ENV: "test" }, "/p/src/tools.spec.ts")).toBe("NODE_ENV=test");
    expect(testRunnerHolding({ VITEST: "true" }, "/p/dist/server.js")).toBeUndefined();
    expect(testRunnerHolding({ NODE_ENV: "production" }, "/p/node_modules/vitest/vitest.mjs")).toBeUndefined();
    expect(testRunnerHolding({}, undefined)).toBeUndefined();
  });
});

describe("name and version from the nearest package.json", () => {
  it("skips package.json files without a name (a dist/ {\"type\":\"module\"}) and reads the project's", () => {
    expect(findPackageIdentity(namedProject)).toEqual({ name: "weather-tools", version: "3.4.5" });
  });

  it("is empty when no package.json has a name up to the root", () => {
    const lonely = mkdtempSync(join(tmpdir(), "chuk-mcp-identity-"));
    writeFileSync(join(lonely, "package.json"), "not json");
    expect(findPackageIdentity(lonely)).toEqual({});
  });

  it("searches from the entry script's folder, or the working directory for a node_modules tool", () => {
    expect(programDirectory("/srv/app/dist/server.js")).toBe("/srv/app/dist");
    expect(programDirectory("/srv/app/node_modules/vitest/vitest.mjs")).toBe(process.cwd());
    expect(programDirectory(undefined)).toBe(process.cwd());
  });

  it("lets MCP_SERVER_NAME / MCP_SERVER_VERSION and options beat package.json", () => {
    const saved = { name: process.env.MCP_SERVER_NAME, version: process.env.MCP_SERVER_VERSION };
    process.env.MCP_SERVER_NAME = "from-env";
    process.env.MCP_SERVER_VERSION = "9.9.9";
    try {
      expect(new ChukMCPServer().info).toMatchObject({ name: "from-env", version: "9.9.9" });
      expect(new ChukMCPServer({ name: "given", version: "1.0.0" }).info).toMatchObject({ name: "given", version: "1.0.0" });
    } finally {
      for (const [key, value] of [["MCP_SERVER_NAME", saved.name], ["MCP_SERVER_VERSION", saved.version]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe("the upstream token of a requiresAuth tool", () => {
  it("is getUpstreamToken(ctx), read from ctx.auth.extra.externalAccessToken (kept for compatibility)", () => {
    const ctx = { auth: { scopes: [], subject: "u1", extra: { externalAccessToken: "gho_abc" } } };
    expect(getUpstreamToken(ctx)).toBe("gho_abc");
    expect(requireUpstreamToken(ctx)).toBe("gho_abc");
    expect(getUpstreamToken({ auth: { scopes: [] } })).toBeUndefined();
    expect(getUpstreamToken(undefined)).toBeUndefined();
  });

  it("defaults to the current request's context", () => {
    expect(runWithContext({ auth: { scopes: [], extra: { externalAccessToken: "t" } } }, () => getUpstreamToken())).toBe("t");
  });

  it("requireUpstreamToken throws a PermissionError that says how to get one", () => {
    expect(() => requireUpstreamToken({ auth: { scopes: [] } })).toThrow(expect.objectContaining({ code: "permission_denied", message: expect.stringContaining("sign in") }));
  });
});
