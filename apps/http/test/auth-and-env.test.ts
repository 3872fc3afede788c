/**
 * apps/http in a child process with Python-runtime-compatible environment variables:
 * JWT_SECRET_KEY turns on bearer authentication; bad values stop it with exit code 2.
 */
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAll, launch, waitForUrl, type AppProcess } from "./app-process.js";

const SECRET = "apps-http-test-secret-of-32-bytes-or-more";

function sign(subject: string, secret = SECRET): Promise<string> {
  return new SignJWT({ sub: subject }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("5m").sign(new TextEncoder().encode(secret));
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  const json = text.startsWith("{") ? (JSON.parse(text) as Record<string, any>) : undefined;
  return { status: response.status, headers: response.headers, json };
}

const initialize = { jsonrpc: "2.0", id: "init", method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "auth-test", version: "1" } } };

afterAll(() => {
  killAll();
});

describe("apps/http with JWT_SECRET_KEY (built, in a child process)", () => {
  let server: AppProcess;
  let url: string;

  beforeAll(async () => {
    server = launch({ PORT: "0", JWT_SECRET_KEY: SECRET });
    url = await waitForUrl(server);
  });

  it("answers a request without a token 401 with a Bearer WWW-Authenticate challenge", async () => {
    const reply = await post(url, initialize);
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer .*resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
  });

  it("serves a valid HS256 token, and whoami answers the token's sub", async () => {
    const authorization = `Bearer ${await sign("user-4711")}`;
    const init = await post(url, initialize, { authorization });
    expect(init.status).toBe(200);
    const session = { authorization, "mcp-protocol-version": "2025-11-25", "mcp-session-id": init.headers.get("mcp-session-id") ?? "" };
    expect((await post(url, { jsonrpc: "2.0", method: "notifications/initialized" }, session)).status).toBe(202);
    const reply = await post(url, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "whoami", arguments: {} } }, session);
    expect(reply.status).toBe(200);
    expect(reply.json?.result.content[0].text).toBe("user-4711");
  });

  it("refuses a token signed with the wrong secret with 401 invalid_token", async () => {
    const reply = await post(url, initialize, { authorization: `Bearer ${await sign("mallory", "a-different-secret-that-is-32-bytes-long")}` });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("still shuts down with exit code 0 on SIGTERM", async () => {
    server.child.kill("SIGTERM");
    expect((await server.exited)[0]).toBe(0);
  });
});

describe("apps/http with SESSION_PROVIDER=redis (built, in a child process)", () => {
  it("serves a session opened before a SIGTERM restart after it", async () => {
    const env = { PORT: "0", SESSION_PROVIDER: "redis", REDIS_URL: "redis://127.0.0.1:6379", ENVIRONMENT: "app-http-test", DEPLOYMENT_ID: `restart-${randomUUID()}` };
    const first = launch(env);
    const firstUrl = await waitForUrl(first);
    const init = await post(firstUrl, initialize);
    expect(init.status).toBe(200);
    const session = { "mcp-protocol-version": "2025-11-25", "mcp-session-id": init.headers.get("mcp-session-id") ?? "" };
    expect((await post(firstUrl, { jsonrpc: "2.0", method: "notifications/initialized" }, session)).status).toBe(202);
    first.child.kill("SIGTERM");
    expect((await first.exited)[0]).toBe(0);

    const second = launch(env);
    const secondUrl = await waitForUrl(second);
    const reply = await post(secondUrl, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "hello", arguments: { name: "again" } } }, session);
    expect(reply.status).toBe(200);
    expect(reply.json?.result.content[0].text).toBe("Hello, again!");
    const ended = await fetch(secondUrl, { method: "DELETE", headers: session, signal: AbortSignal.timeout(5_000) });
    expect(ended.status).toBeLessThan(300);
    second.child.kill("SIGTERM");
    expect((await second.exited)[0]).toBe(0);
  });
});

describe("apps/http with bad environment values", () => {
  it.each([
    [{ SESSION_PROVIDER: "bogus" }, "Invalid SESSION_PROVIDER 'bogus': expected 'memory' or 'redis'"],
    [{ JWT_SECRET_KEY: SECRET, JWT_ALGORITHM: "none" }, 'JWT_ALGORITHM "none" is not supported'],
    [{ JWT_SECRET_KEY: "too-short" }, "JWT secret is shorter than 32 bytes"],
    [{ SESSION_PROVIDER: "redis", REDIS_URL: "mysql://127.0.0.1" }, 'Invalid REDIS_URL "mysql://127.0.0.1"'],
    [{ MCP_TOOL_TIMEOUT: "never" }, "Invalid MCP_TOOL_TIMEOUT 'never'"],
  ])("%j exits with code 2 and a one-line reason, no stack trace", async (env, message) => {
    const app = launch({ PORT: "0", ...env });
    const [code] = await app.exited;
    expect(code).toBe(2);
    const firstLine = app.stderr().split("\n")[0] ?? "";
    expect(firstLine).toMatch(/^chuk-mcp: /);
    expect(firstLine).toContain(message);
    expect(app.stderr()).not.toMatch(/\n\s+at /);
    expect(app.stderr()).not.toContain("listening on");
  });
});
