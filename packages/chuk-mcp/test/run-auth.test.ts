/**
 * `run()` over HTTP with bearer-token authentication: from JWT_* environment variables
 * (Python-runtime compatible) and from an explicit `run({ auth })`.
 */
import { createAuthorizationServer, createResourceServer } from "@chuk-mcp/auth";
import { SignJWT } from "jose";
import { freePort } from "../../../scripts/test-support/child-processes.mjs";
import { afterEach, describe, expect, it } from "vitest";
import { ChukMCPServer } from "../src/chuk-mcp-server.js";
import { getUserId, requiresAuth } from "../src/index.js";
import type { ServerRunOptions } from "../src/chuk-mcp-server.js";
import type { RunningServer } from "../src/transports.js";
import { openSession, post, rpc } from "./http-client.js";

const SECRET = "test-secret-that-is-at-least-32-bytes-long";
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

function sign(claims: Record<string, unknown>, secret = SECRET, expiresIn = "5m"): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));
}

async function start(options: ServerRunOptions): Promise<RunningServer> {
  const mcp = new ChukMCPServer({ name: "guarded", version: "1.0.0" });
  mcp.tool({ name: "whoami", handler: () => getUserId() ?? "anonymous" });
  mcp.tool({ name: "write_notes", ...requiresAuth({ scopes: ["notes:write"] }), handler: () => "written" });
  const server = await mcp.run({ argv: ["--port", "0"], exitOnError: false, ...options });
  running.push(server);
  return server;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("run() with JWT_SECRET_KEY", () => {
  it("answers a request without a token 401 with a WWW-Authenticate challenge and serves the metadata it names", async () => {
    const server = await start({ env: { JWT_SECRET_KEY: SECRET } });
    const reply = await post(server.url as string, rpc(1, "ping"));
    expect(reply.status).toBe(401);
    const challenge = reply.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^Bearer /);
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1];
    expect(metadataUrl).toBe(`http://127.0.0.1:${server.port}/.well-known/oauth-protected-resource/mcp`);
    const metadata = await fetch(metadataUrl as string, { signal: AbortSignal.timeout(5_000) });
    expect(metadata.status).toBe(200);
    expect(await metadata.json()).toMatchObject({ resource: server.url, bearer_methods_supported: ["header"] });
  });

  it("serves a valid HS256 token, and tools see its sub as getUserId()", async () => {
    const server = await start({ env: { JWT_SECRET_KEY: SECRET } });
    const session = await openSession(server.url as string, bearer(await sign({ sub: "alice" })));
    const reply = await post(server.url as string, rpc(2, "tools/call", { name: "whoami", arguments: {} }), session);
    expect(reply.status).toBe(200);
    expect(reply.json?.result.content[0].text).toBe("alice");
  });

  it.each([
    ["signed with another secret", () => sign({ sub: "mallory" }, "another-secret-that-is-at-least-32-bytes")],
    ["expired", () => sign({ sub: "alice" }, SECRET, "-1m")],
    ["not a JWT", async () => "definitely-not-a-jwt"],
  ])("refuses a token %s with 401 invalid_token", async (_case, token) => {
    const server = await start({ env: { JWT_SECRET_KEY: SECRET } });
    const reply = await post(server.url as string, rpc(1, "ping"), bearer(await token()));
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("checks JWT_ISSUER and, with MCP_RESOURCE_URL, the audience", async () => {
    const resource = "https://mcp.example.com/mcp";
    const server = await start({ env: { JWT_SECRET_KEY: SECRET, JWT_ISSUER: "https://id.example.com", MCP_RESOURCE_URL: resource } });
    const good = await sign({ sub: "alice", iss: "https://id.example.com", aud: resource });
    expect((await post(server.url as string, rpc("init", "initialize", {}), bearer(good))).status).not.toBe(401);
    const wrongAudience = await sign({ sub: "alice", iss: "https://id.example.com", aud: "https://elsewhere.example.com/mcp" });
    expect((await post(server.url as string, rpc(1, "ping"), bearer(wrongAudience))).status).toBe(401);
    const wrongIssuer = await sign({ sub: "alice", iss: "https://evil.example.com", aud: resource });
    expect((await post(server.url as string, rpc(1, "ping"), bearer(wrongIssuer))).status).toBe(401);
  });

  it("answers a tool call lacking a required scope 403 insufficient_scope naming the scope and the metadata", async () => {
    const resource = "https://mcp.example.com/mcp";
    const server = await start({ env: { JWT_SECRET_KEY: SECRET, MCP_RESOURCE_URL: resource } });
    const token = await sign({ sub: "alice", aud: resource, scope: "notes:read" });
    const session = await openSession(server.url as string, bearer(token));
    const reply = await post(server.url as string, rpc(3, "tools/call", { name: "write_notes", arguments: {} }), session);
    expect(reply.status).toBe(403);
    const challenge = reply.headers.get("www-authenticate") ?? "";
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="notes:write"');
    expect(challenge).toContain('resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"');
    const allowed = await openSession(server.url as string, bearer(await sign({ sub: "alice", aud: resource, scope: "notes:write" })));
    const written = await post(server.url as string, rpc(4, "tools/call", { name: "write_notes", arguments: {} }), allowed);
    expect(written.json?.result.content[0].text).toBe("written");
  });

  it("run({ auth: false }) ignores JWT_SECRET_KEY", async () => {
    const server = await start({ env: { JWT_SECRET_KEY: SECRET }, auth: false });
    expect((await post(server.url as string, rpc("init", "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } }))).status).toBe(200);
  });

  it.each([
    [{ JWT_SECRET_KEY: SECRET, JWT_ALGORITHM: "none" }, 'JWT_ALGORITHM "none" is not supported'],
    [{ JWT_SECRET_KEY: "short" }, "JWT secret is shorter than 32 bytes"],
    [{ JWT_SECRET_KEY: "not a PEM key", JWT_ALGORITHM: "RS256" }, "the JWT key could not be loaded"],
    [{ JWT_SECRET_KEY: SECRET, JWT_LEEWAY: "soon" }, "JWT_LEEWAY must be a non-negative number"],
    [{ JWT_SECRET_KEY: SECRET, MCP_RESOURCE_URL: "not a url" }, 'resource "not a url" is not an absolute URI'],
  ])("rejects the environment %j with a UsageError before listening", async (env, message) => {
    const error = await start({ env }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "UsageError", exitCode: 2 });
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toMatch(/^Invalid authentication settings: /);
  });
});

describe("run({ auth })", () => {
  it("uses a resource server built in code, with no JWT variables set", async () => {
    const auth = createResourceServer({ jwt: { secret: SECRET, algorithms: ["HS256"] } });
    const server = await start({ env: {}, auth });
    expect((await post(server.url as string, rpc(1, "ping"))).status).toBe(401);
    const session = await openSession(server.url as string, bearer(await sign({ sub: "bob" })));
    const reply = await post(server.url as string, rpc(2, "tools/call", { name: "whoami", arguments: {} }), session);
    expect(reply.json?.result.content[0].text).toBe("bob");
  });

  it("{ authorizationServer } mounts the authorization server and protects the endpoint with its tokens", async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const authorizationServer = createAuthorizationServer({
      issuer: origin,
      resources: [`${origin}/mcp`],
      scopesSupported: ["notes:read"],
      authenticateUser: () => undefined,
    });
    const server = await start({ argv: ["--port", String(port)], env: { JWT_SECRET_KEY: SECRET }, auth: { authorizationServer } });
    const asMetadata = await fetch(`${origin}/.well-known/oauth-authorization-server`, { signal: AbortSignal.timeout(5_000) });
    expect(await asMetadata.json()).toMatchObject({ issuer: origin, token_endpoint: `${origin}/oauth/token` });
    const resourceMetadata = await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`, { signal: AbortSignal.timeout(5_000) });
    expect(await resourceMetadata.json()).toMatchObject({ resource: `${origin}/mcp`, authorization_servers: [origin] });
    const refused = await post(server.url as string, rpc(1, "ping"));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain(`resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`);
    // JWT_SECRET_KEY does not apply when auth is given in code: only the authorization server's tokens count.
    expect((await post(server.url as string, rpc(1, "ping"), bearer(await sign({ sub: "alice", aud: `${origin}/mcp` })))).status).toBe(401);
  });

  it("refuses auth together with http.authenticate", async () => {
    const auth = createResourceServer({ jwt: { secret: SECRET } });
    const authenticate = async () => ({ ok: true as const, auth: { subject: "x", scopes: [] } });
    await expect(start({ env: {}, auth, http: { authenticate } })).rejects.toThrow("pass only one of them");
  });

  it("lets http.authenticate replace the JWT variables", async () => {
    const authenticate = async () => ({ ok: true as const, auth: { subject: "custom-user", scopes: [] } });
    const server = await start({ env: { JWT_SECRET_KEY: SECRET }, http: { authenticate } });
    const session = await openSession(server.url as string);
    const reply = await post(server.url as string, rpc(2, "tools/call", { name: "whoami", arguments: {} }), session);
    expect(reply.json?.result.content[0].text).toBe("custom-user");
  });
});
