/**
 * End to end: a real upstream OpenID provider (oidc-provider), our authorization server in
 * front of it, an MCP server whose tool sees the upstream token, the official SDK v1 client's
 * OAuth support, and headless Chromium clicking through both consent pages.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { McpServer, type AuthInfo } from "@chuk-mcp/core";
import { createMcpHandler, type McpEngine } from "@chuk-mcp/http";
import { serve, type ServerType } from "@hono/node-server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { auth, type OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { OAuthClientInformationMixed, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { Hono } from "hono";
// @ts-expect-error oidc-provider ships no type declarations
import Provider from "oidc-provider";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../scripts/test-support/child-processes.mjs";
import { createAuthorizationServer, createResourceServer, oidcProvider, resolveExternalAccessToken, type AuthorizationServer } from "../src/index.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

describe("OAuth end to end with an upstream OpenID provider, the SDK client and Chromium", () => {
  let upstreamServer: Server;
  let callbackServer: Server;
  let mcpHttp: ServerType;
  let browser: Browser;
  let authorizationServer: AuthorizationServer;
  let upstreamIssuer: string;
  let resource: string;
  let callbackUrl: string;
  let nextCode: Promise<string>;
  let deliverCode: (code: string) => void = () => undefined;

  beforeAll(async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    resource = `${issuer}/mcp`;

    // Upstream OpenID provider.
    const upstreamPort = await freePort();
    upstreamIssuer = `http://127.0.0.1:${upstreamPort}`;
    const provider = new Provider(upstreamIssuer, {
      clients: [
        {
          client_id: "chuk-mcp-as",
          client_secret: "upstream-client-secret-0123456789abcdef",
          redirect_uris: [`${issuer}/oauth/callback`],
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
        },
      ],
      scopes: ["openid", "profile", "offline_access"],
      ttl: { AccessToken: 30 },
      issueRefreshToken: () => true,
      cookies: { keys: ["test-cookie-key-0123456789"] },
      findAccount: (_context: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, name: `User ${id}` }) }),
    });
    upstreamServer = createServer(provider.callback());
    await new Promise<void>((resolve) => upstreamServer.listen(upstreamPort, "127.0.0.1", () => resolve()));

    // Our authorization server in front of it.
    authorizationServer = createAuthorizationServer({
      issuer,
      resources: [resource],
      scopesSupported: ["tools:read"],
      scopeDescriptions: { "tools:read": "Call the tools of this server" },
      serverName: "Acme Files MCP",
      secret: "e2e-secret-0123456789abcdef0123456789",
      upstream: oidcProvider({
        issuer: upstreamIssuer,
        id: "acme-idp",
        displayName: "Acme ID",
        clientId: "chuk-mcp-as",
        clientSecret: "upstream-client-secret-0123456789abcdef",
        scopes: ["openid", "profile", "offline_access"],
        authorizationParameters: { prompt: "consent" },
        allowInsecureRequests: true,
      }),
    });
    const resourceServer = createResourceServer(authorizationServer.resourceServerOptions(resource));

    // The MCP server: a tool that sees who called and the upstream token.
    const mcp = new McpServer({ name: "e2e", version: "1.0.0" });
    mcp.tool({
      name: "whoami",
      description: "Who is calling, and the upstream token the server holds for them",
      input: { type: "object", properties: {} },
      handler: async (_args: unknown, context: { auth?: AuthInfo }) => ({
        subject: context.auth?.subject,
        scopes: context.auth?.scopes,
        upstreamToken: resolveExternalAccessToken(context.auth),
      }),
    } as never);
    // http has no auth hook yet: carry the AuthInfo from the wrapper into the engine.
    const currentAuth = new AsyncLocalStorage<AuthInfo>();
    const engine: McpEngine = {
      handleText: (text, options) => mcp.handleText(text, { ...options, auth: currentAuth.getStore() } as never),
      dispatchAnswer: (text, options) => mcp.dispatchAnswer(text, { ...options, auth: currentAuth.getStore() } as never),
      createSession: (options) => mcp.createSession(options as never) as never,
    };
    const handler = createMcpHandler(engine);
    const app = new Hono();
    app.route("/", authorizationServer.routes);
    app.route("/", resourceServer.routes);
    app.all("/mcp", async (context) => {
      const headers: Record<string, string> = {};
      context.req.raw.headers.forEach((value, name) => (headers[name] = value));
      const result = await resourceServer.authenticate({ headers, url: context.req.url, method: context.req.method });
      if (!result.ok) return new Response(result.body, { status: result.status, headers: result.headers });
      return currentAuth.run(result.auth, () => handler.fetch(context.req.raw));
    });
    mcpHttp = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
    await new Promise((resolve) => mcpHttp.once("listening", resolve));

    // The MCP client's redirect target.
    callbackServer = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      response.end("Signed in. You can close this window.");
      const code = url.searchParams.get("code");
      if (code) deliverCode(code);
    });
    callbackUrl = `http://127.0.0.1:${await listen(callbackServer)}/callback`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    mcpHttp?.close();
    upstreamServer?.closeAllConnections();
    upstreamServer?.close();
    callbackServer?.close();
  });

  it("registers, authorizes through consent and upstream sign-in, calls a tool with the upstream token, refreshes and revokes", async () => {
    let clientInformation: OAuthClientInformationMixed | undefined;
    let tokens: OAuthTokens | undefined;
    let verifier = "";
    let authorizationUrl: URL | undefined;
    const clientProvider: OAuthClientProvider = {
      get redirectUrl() {
        return callbackUrl;
      },
      get clientMetadata() {
        return {
          client_name: "Claude-like Desktop",
          redirect_uris: [callbackUrl],
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
          token_endpoint_auth_method: "none",
        };
      },
      clientInformation: () => clientInformation,
      saveClientInformation: (information) => {
        clientInformation = information;
      },
      tokens: () => tokens,
      saveTokens: (saved) => {
        tokens = saved;
      },
      redirectToAuthorization: (url) => {
        authorizationUrl = url;
      },
      saveCodeVerifier: (value) => {
        verifier = value;
      },
      codeVerifier: () => verifier,
    };
    nextCode = new Promise((resolve) => (deliverCode = resolve));

    // 1. The first connect meets 401, discovers metadata, registers (RFC 7591) and asks to redirect.
    const first = new StreamableHTTPClientTransport(new URL(resource), { authProvider: clientProvider });
    await expect(new Client({ name: "e2e", version: "1" }).connect(first)).rejects.toThrow(/Unauthorized/i);
    expect(clientInformation?.client_id).toMatch(/^mcp_/);
    expect(authorizationUrl?.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl?.searchParams.get("resource")).toBe(resource);

    // 2. The user sees our consent page, approves, signs in upstream and approves there too.
    const page = await browser.newPage();
    await page.goto(authorizationUrl!.href);
    await expect(page.textContent("h1")).resolves.toContain("Claude-like Desktop");
    const text = await page.textContent("main");
    expect(text).toContain(new URL(callbackUrl).host);
    expect(text).toContain("tools:read");
    await page.screenshot({ path: join(tmpdir(), "chuk-mcp-consent.png") });
    await page.click('button[value="approve"]');
    await page.waitForURL((url) => url.href.startsWith(upstreamIssuer));
    await page.fill('input[name="login"]', "alice");
    await page.fill('input[name="password"]', "any-password");
    await page.click('button[type="submit"]');
    await page.waitForSelector("button.login-submit");
    await page.click("button.login-submit");
    const code = await nextCode;
    await page.close();

    // 3. Token exchange through the SDK, then a protected tool call that sees the upstream token.
    await first.finishAuth(code);
    expect(tokens?.access_token).toBeTruthy();
    expect(tokens?.refresh_token).toBeTruthy();
    const client = new Client({ name: "e2e", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(resource), { authProvider: clientProvider }));
    const called = await client.callTool({ name: "whoami", arguments: {} });
    const seen = JSON.parse((called.content as Array<{ text: string }>)[0]!.text) as { subject: string; scopes: string[]; upstreamToken: string };
    expect(seen.subject).toBe("acme-idp:alice");
    expect(seen.scopes).toEqual(["tools:read"]);
    expect(seen.upstreamToken).toBeTruthy();
    expect(seen.upstreamToken).not.toBe(tokens?.access_token);
    const userinfo = await fetch(`${upstreamIssuer}/me`, { headers: { authorization: `Bearer ${seen.upstreamToken}` } });
    expect(userinfo.status).toBe(200);
    expect(((await userinfo.json()) as { sub: string }).sub).toBe("alice");

    // The upstream token expires within the refresh margin, so the server refreshed it upstream.
    const refreshedUpstream = await authorizationServer.externalAccessToken("acme-idp:alice");
    expect(refreshedUpstream).toBeTruthy();
    expect(refreshedUpstream).not.toBe(seen.upstreamToken);
    expect((await fetch(`${upstreamIssuer}/me`, { headers: { authorization: `Bearer ${refreshedUpstream}` } })).status).toBe(200);

    // 4. Refresh our tokens through the SDK: rotation gives a new pair that still works.
    const before = tokens!;
    await expect(auth(clientProvider, { serverUrl: resource })).resolves.toBe("AUTHORIZED");
    expect(tokens!.access_token).not.toBe(before.access_token);
    expect(tokens!.refresh_token).not.toBe(before.refresh_token);
    const again = await client.callTool({ name: "whoami", arguments: {} });
    expect(JSON.parse((again.content as Array<{ text: string }>)[0]!.text).subject).toBe("acme-idp:alice");

    // 5. Revoke: the grant dies, the next call is refused and the SDK cannot refresh its way back.
    const metadata = authorizationServer.metadata();
    const revoked = await fetch(metadata["revocation_endpoint"] as string, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens!.refresh_token!, client_id: clientInformation!.client_id }),
    });
    expect(revoked.status).toBe(200);
    const refused = await fetch(resource, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens!.access_token}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    await expect(client.callTool({ name: "whoami", arguments: {} })).rejects.toThrow();
    await client.close().catch(() => undefined);
  }, 60_000);
});
