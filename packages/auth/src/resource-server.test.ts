import { exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { AuthError } from "./errors.js";
import { jwtAuthFromEnv, oauthTtlsFromEnv } from "./env.js";
import { createResourceServer } from "./resource-server.js";

const SECRET = "0123456789abcdef0123456789abcdef-test-secret";
const RESOURCE = "https://mcp.example.com/mcp";
const ISSUER = "https://auth.example.com";
const now = () => Math.floor(Date.now() / 1000);

async function hsToken(claims: JWTPayload, options: { secret?: string; alg?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

function server(extra: Partial<Parameters<typeof createResourceServer>[0]> = {}) {
  return createResourceServer({
    resource: RESOURCE,
    authorizationServers: [ISSUER],
    scopesSupported: ["read", "write"],
    jwt: { secret: SECRET, issuer: ISSUER },
    ...extra,
  });
}

const valid = (): JWTPayload => ({ sub: "alice", iss: ISSUER, aud: RESOURCE, exp: now() + 600, scope: "read write", client_id: "c1" });
const call = (token?: string) => ({ headers: token ? { authorization: `Bearer ${token}` } : {}, url: RESOURCE, method: "POST" });

describe("createResourceServer", () => {
  it("accepts a valid token and maps its claims to AuthInfo", async () => {
    const result = await server().authenticate(call(await hsToken(valid())));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.auth.subject).toBe("alice");
    expect(result.auth.clientId).toBe("c1");
    expect(result.auth.scopes).toEqual(["read", "write"]);
    expect(result.auth.audience).toBe(RESOURCE);
  });

  it("answers a request without a token with 401 and a challenge pointing at the metadata", async () => {
    const result = await server().authenticate(call());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(401);
    expect(result.headers["www-authenticate"]).toBe(
      'Bearer scope="read write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it.each([
    ["expired", { exp: now() - 120 }, "expired"],
    ["not yet valid", { nbf: now() + 600 }, "not yet valid"],
    ["for another audience", { aud: "https://other.example.com/mcp" }, "another audience"],
    ["from another issuer", { iss: "https://evil.example.com" }, "untrusted issuer"],
  ])("refuses a token that is %s with 401 invalid_token", async (_name, override, reason) => {
    const result = await server().authenticate(call(await hsToken({ ...valid(), ...override })));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(401);
    expect(result.headers["www-authenticate"]).toContain('error="invalid_token"');
    expect(JSON.parse(result.body).error_description).toContain(reason);
  });

  it("honours the leeway for a just-expired token", async () => {
    const token = await hsToken({ ...valid(), exp: now() - 5 });
    expect((await server().authenticate(call(token))).ok).toBe(false);
    expect((await server({ jwt: { secret: SECRET, issuer: ISSUER, leewaySeconds: 30 } }).authenticate(call(token))).ok).toBe(true);
  });

  it('refuses alg "none" tokens', async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify(valid())).toString("base64url");
    const result = await server().authenticate(call(`${header}.${payload}.`));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(401);
  });

  it("refuses a token signed with the wrong secret", async () => {
    const result = await server().authenticate(call(await hsToken(valid(), { secret: "another-secret-of-sufficient-length-123456" })));
    expect(result.ok).toBe(false);
  });

  it("refuses HS256 tokens signed with the RSA public key (key confusion)", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    const pem = await exportSPKI(publicKey);
    const rs = server({ jwt: { publicKey: pem, algorithms: ["RS256"], issuer: ISSUER } });
    const good = await new SignJWT(valid()).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
    expect((await rs.authenticate(call(good))).ok).toBe(true);
    const forged = await hsToken(valid(), { secret: pem });
    const result = await rs.authenticate(call(forged));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(JSON.parse(result.body).error_description).toContain("algorithm");
  });

  it("refuses configurations that mix key families or allow none", () => {
    expect(() => server({ jwt: { secret: SECRET, algorithms: ["HS256", "RS256"] } })).toThrow(AuthError);
    expect(() => server({ jwt: { secret: SECRET, algorithms: ["none"] } })).toThrow(/never allowed/);
    expect(() => server({ jwt: { secret: "short" } })).not.toThrow();
  });

  it("answers malformed Authorization headers and query tokens with 400 invalid_request", async () => {
    const rs = server();
    for (const input of [
      { headers: { authorization: "Basic abc" }, url: RESOURCE, method: "POST" },
      { headers: { authorization: "Bearer a b" }, url: RESOURCE, method: "POST" },
      { headers: { authorization: "Bearer <script>" }, url: RESOURCE, method: "POST" },
      { headers: {}, url: `${RESOURCE}?access_token=abc`, method: "POST" },
    ]) {
      const result = await rs.authenticate(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(400);
        expect(result.headers["www-authenticate"]).toContain('error="invalid_request"');
      }
    }
  });

  it("answers 403 insufficient_scope with the needed scopes for step-up", async () => {
    const rs = server({ requiredScopes: ["admin"] });
    const result = await rs.authenticate(call(await hsToken(valid())));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(403);
    expect(result.headers["www-authenticate"]).toContain('error="insufficient_scope"');
    expect(result.headers["www-authenticate"]).toContain('scope="admin"');
  });

  it("attaches the upstream token for the subject and never otherwise", async () => {
    const rs = server({ resolveExternalAccessToken: async (auth) => (auth.subject === "alice" ? "upstream-abc" : undefined) });
    const result = await rs.authenticate(call(await hsToken(valid())));
    expect(result.ok && result.auth.extra?.["externalAccessToken"]).toBe("upstream-abc");
  });

  it("serves RFC 9728 metadata at the path-suffixed and root well-known URLs", async () => {
    const rs = server();
    const response = await rs.routes.request("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body["resource"]).toBe(RESOURCE);
    expect(body["authorization_servers"]).toEqual([ISSUER]);
    expect(body["bearer_methods_supported"]).toEqual(["header"]);
    expect((await rs.routes.request("https://mcp.example.com/.well-known/oauth-protected-resource")).status).toBe(200);
    expect((await rs.routes.request("https://mcp.example.com/.well-known/oauth-protected-resource/other")).status).toBe(404);
  });
});

describe("environment configuration", () => {
  it("turns on HS256 bearer auth from the Python runtime's variables", async () => {
    const options = jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, JWT_LEEWAY: "10" });
    expect(options?.jwt?.algorithms).toEqual(["HS256"]);
    expect(options?.jwt?.leewaySeconds).toBe(10);
    const rs = createResourceServer(options!);
    const token = await hsToken({ sub: "bob", exp: now() + 60 });
    const ok = await rs.authenticate({ headers: { authorization: `Bearer ${token}` }, url: "http://127.0.0.1:8000/mcp", method: "POST" });
    expect(ok.ok && ok.auth.subject).toBe("bob");
    const missing = await rs.authenticate({ headers: {}, url: "http://127.0.0.1:8000/mcp", method: "POST" });
    expect(!missing.ok && missing.headers["www-authenticate"]).toContain("http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp");
  });

  it("returns undefined without JWT_SECRET_KEY and refuses bad values with the variable's name", () => {
    expect(jwtAuthFromEnv({})).toBeUndefined();
    expect(() => jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, JWT_LEEWAY: "soon" })).toThrow(/JWT_LEEWAY/);
    expect(() => jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, JWT_ALGORITHM: "XX1" })).toThrow(/JWT_ALGORITHM/);
    expect(() => createResourceServer(jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, JWT_ALLOWED_ALGORITHMS: "HS256,RS256" })!)).toThrow(AuthError);
  });

  it("reads OAuth TTLs with the documented defaults", () => {
    expect(oauthTtlsFromEnv({})).toEqual({ authorizationCode: 600, accessToken: 3600, refreshToken: 2592000, clientRegistration: 31536000, externalToken: 5184000 });
    expect(oauthTtlsFromEnv({ OAUTH_ACCESS_TOKEN_TTL: "60" }).accessToken).toBe(60);
    expect(() => oauthTtlsFromEnv({ OAUTH_AUTH_CODE_TTL: "-1" })).toThrow(/OAUTH_AUTH_CODE_TTL/);
  });
});
