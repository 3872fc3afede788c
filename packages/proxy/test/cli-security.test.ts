/**
 * `chuk-mcp-proxy` as a new user meets it, run as a real process: bearer auth on --port
 * (defect 5 of issue 16), Host checks on every bind, a proxy flag written after "--", an
 * upstream command that does not exist, and quick client disconnects.
 */
import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { killStartedProcesses, runProcess, startProcess, type StartedProcess } from "../../../scripts/test-support/child-processes.mjs";
import { isProcessAlive } from "../src/index.js";
import { CLI, ensureCliBuilt, EVERYTHING, FIXTURE, firstText, waitFor } from "./helpers.js";

const SECRET = "proxy-cli-test-secret-0123456789abcdef";
const ISSUER = "https://issuer.test";
const AUDIENCE = "http://proxy.test/mcp";
/** One bearer-protected proxy shared by the auth cases (each start costs a process and its upstream). */
let shared: Awaited<ReturnType<typeof listening>> | undefined;

afterEach(() => {
  killStartedProcesses([shared?.process]);
});

afterAll(() => {
  killStartedProcesses();
});

beforeAll(() => {
  ensureCliBuilt();
});

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** An HS256 JWT signed with `secret`. */
function jwt(claims: Record<string, unknown>, secret = SECRET): string {
  const now = Math.floor(Date.now() / 1000);
  const body = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" })) + "." + base64url(JSON.stringify({ iat: now, exp: now + 600, ...claims }));
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

/** Runs the CLI to its exit (stdin closed, so a stdio downstream ends at once). */
function runCli(args: string[], env: Record<string, string> = {}) {
  return runProcess(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
}

/** Starts the CLI with --port 0 and resolves once it listens. */
async function listening(args: string[], env: Record<string, string> = {}): Promise<{ port: number; stderr: () => string; process: StartedProcess }> {
  const started = startProcess(process.execPath, [CLI, "--port", "0", ...args], { env: { ...process.env, ...env } });
  const line = await started.waitForOutput(/listening on http:\/\/[^\s:]+:(\d+)\//, { timeoutMs: 20_000, what: "the proxy to listen" });
  return { port: Number(line[1]), stderr: started.stderr, process: started };
}

/** A raw HTTP request (so the Host header can be anything). */
function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: "127.0.0.1", port, method: options.method ?? "POST", path: options.path ?? "/mcp", headers: options.headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

const INITIALIZE = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } });
const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };
const FIXTURE_UPSTREAM = ["--stdio", "one", "--command", process.execPath, "--", FIXTURE];
const AUTH_ENV = { JWT_SECRET_KEY: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE };

describe("defect 5: chuk-mcp-proxy --port authentication and Host checks", () => {
  async function bearerProxy(): Promise<Awaited<ReturnType<typeof listening>>> {
    if (shared === undefined || !shared.process.running()) shared = await listening(["--auth", "bearer", ...FIXTURE_UPSTREAM], AUTH_ENV);
    return shared;
  }

  it("refuses a request without a token with 401 and a WWW-Authenticate challenge", async () => {
    const proxy = await bearerProxy();
    const reply = await send(proxy.port, { headers: { ...MCP_HEADERS, host: `127.0.0.1:${proxy.port}` }, body: INITIALIZE });
    expect(reply.status).toBe(401);
    expect(String(reply.headers["www-authenticate"])).toMatch(/^Bearer /);
    expect(String(reply.headers["www-authenticate"])).toContain("resource_metadata=");
  });

  it("refuses a forged token (wrong key), a token for another audience and one from another issuer with 401", async () => {
    const proxy = await bearerProxy();
    for (const token of [
      jwt({ sub: "mallory", iss: ISSUER, aud: AUDIENCE }, "not-the-secret-not-the-secret-0000"),
      jwt({ sub: "mallory", iss: ISSUER, aud: "http://other.test/mcp" }),
      jwt({ sub: "mallory", iss: "https://evil.test", aud: AUDIENCE }),
      `${jwt({ sub: "mallory", iss: ISSUER, aud: AUDIENCE })}x`,
    ]) {
      const reply = await send(proxy.port, { headers: { ...MCP_HEADERS, host: `127.0.0.1:${proxy.port}`, authorization: `Bearer ${token}` }, body: INITIALIZE });
      expect(reply.status, token).toBe(401);
      expect(String(reply.headers["www-authenticate"])).toContain('error="invalid_token"');
    }
  });

  it("serves an official SDK client that sends a valid token, and guards /health/upstreams the same way", async () => {
    const proxy = await bearerProxy();
    const token = jwt({ sub: "alice", iss: ISSUER, aud: AUDIENCE });
    const client = new Client({ name: "auth-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${proxy.port}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    expect(firstText(await client.callTool({ name: "proxy.one.ok", arguments: { text: "authorized" } }))).toMatch(/^ok:authorized:/);
    await client.close();
    expect((await send(proxy.port, { method: "GET", path: "/health/upstreams", headers: { host: `127.0.0.1:${proxy.port}` } })).status).toBe(401);
    const health = await send(proxy.port, { method: "GET", path: "/health/upstreams", headers: { host: `127.0.0.1:${proxy.port}`, authorization: `Bearer ${token}` } });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok", servers: { one: { state: "ready" } } });
  });

  it("keeps the Host allow-list on a 0.0.0.0 bind: a foreign Host gets 403, --allowed-host names pass, and no-auth is warned about loudly", async () => {
    const proxy = await listening(["--host", "0.0.0.0", "--allowed-host", "mcp.example.com", ...FIXTURE_UPSTREAM]);
    expect(proxy.stderr()).toContain("WITHOUT AUTHENTICATION");
    const foreign = await send(proxy.port, { headers: { ...MCP_HEADERS, host: "evil.example" }, body: INITIALIZE });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain("allowedHosts");
    expect((await send(proxy.port, { method: "GET", path: "/health/upstreams", headers: { host: "evil.example" } })).status).toBe(403);
    for (const host of [`127.0.0.1:${proxy.port}`, `localhost:${proxy.port}`, "mcp.example.com"]) {
      const allowed = await send(proxy.port, { headers: { ...MCP_HEADERS, host }, body: INITIALIZE });
      expect(allowed.status, host).toBe(200);
    }
  });

  it("exits 2 before starting anything when --auth bearer has no key to check tokens with", async () => {
    const { code, stderr } = await runCli(["--port", "0", "--auth", "bearer", ...FIXTURE_UPSTREAM], { JWT_SECRET_KEY: "" });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--auth bearer needs a key.*JWT_SECRET_KEY.*--jwks-url/);
  });
});

describe("chuk-mcp-proxy as a new user meets it", () => {
  it("warns when a proxy flag such as --port comes after -- and was passed to the child", async () => {
    const { code, stderr } = await runCli([...FIXTURE_UPSTREAM, "--port", "8770"]);
    expect(code).toBe(0);
    expect(stderr).toContain('"--port 8770" comes after "--", so it was passed to the child command');
    expect(stderr).toContain('move it before "--"');
  });

  it("fails fast with exit code 1 and a clear message when the upstream command does not exist", async () => {
    const { code, stderr } = await runCli(["--stdio", "ghost", "--command", "no-such-command-xyz"]);
    expect(code).toBe(1);
    expect(stderr).toContain('command "no-such-command-xyz" was not found');
    expect(stderr).toContain("no upstream could be started");
  });

  it("keeps serving the healthy upstreams and reports the missing one in /health/upstreams (or exits with --exit-on-start-failure any)", async () => {
    const proxy = await listening(["--stdio", "ghost", "--command", "no-such-command-xyz", ...FIXTURE_UPSTREAM]);
    expect(proxy.stderr()).toContain('serving without upstream "ghost"');
    const health = await send(proxy.port, { method: "GET", path: "/health/upstreams", headers: { host: `127.0.0.1:${proxy.port}` } });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "degraded", servers: { ghost: { state: "failed" }, one: { state: "ready" } } });
    expect(JSON.parse(health.body).servers.ghost.error).toContain("was not found");
    const strict = await runCli(["--exit-on-start-failure", "any", "--stdio", "ghost", "--command", "no-such-command-xyz", ...FIXTURE_UPSTREAM]);
    expect(strict.code).toBe(1);
  });

  it("does not print 'Failed to send response: Error: Not connected' when clients disconnect quickly", async () => {
    for (let round = 0; round < 1; round++) {
      const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, "--stdio", "ev", "--command", process.execPath, "--", EVERYTHING, "stdio"], stderr: "pipe" });
      let stderr = "";
      transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk));
      const client = new Client({ name: "quick", version: "1.0.0" });
      await client.connect(transport);
      const pid = transport.pid;
      await client.listTools();
      await client.close();
      await waitFor(() => pid === null || !isProcessAlive(pid), 10_000, "the proxy to exit");
      expect(stderr).not.toContain("Not connected");
      expect(stderr).not.toContain("Failed to send response");
    }
  });
});
