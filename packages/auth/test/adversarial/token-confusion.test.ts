/**
 * Token forgery and confusion against the resource server: every token here is refused with
 * 401 invalid_token (or 400 invalid_request for malformed credentials), never accepted, never a crash.
 */
import { connect } from "node:net";
import { McpServer } from "@chuk-mcp/core";
import { serve } from "@chuk-mcp/http/node";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJwtVerifier, createResourceServer, jwtAuthFromEnv, jwtAuthWarnings, type ResourceServer } from "../../src/index.js";
import { obtainTokens, register, RESOURCE, testServer } from "../oauth-helpers.js";

const SECRET = "a-shared-secret-that-is-at-least-32-bytes";
const ISSUER = "https://issuer.example";
const AUDIENCE = "https://mcp.example/mcp";
const now = () => Math.floor(Date.now() / 1000);

let rsaPublicPem: string;
let rsaPrivate: CryptoKey;
let attackerPrivate: CryptoKey;
let attackerJwk: JWK;
let rsaResource: ResourceServer;
let hsResource: ResourceServer;

async function status(resource: ResourceServer, token: string): Promise<number> {
  const result = await resource.authenticate({ headers: { authorization: `Bearer ${token}` }, url: AUDIENCE, method: "POST" });
  return result.ok ? 200 : result.status;
}

/** An HS256 token builder; `claims` override the well-formed defaults (iss, aud, iat, exp). */
function hs(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  return new SignJWT({ sub: "user", iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 300, ...claims }).setProtectedHeader({ alg: "HS256", ...header });
}

beforeAll(async () => {
  const rsa = await generateKeyPair("RS256", { extractable: true });
  rsaPrivate = rsa.privateKey;
  rsaPublicPem = await exportSPKI(rsa.publicKey);
  const attacker = await generateKeyPair("RS256", { extractable: true });
  attackerPrivate = attacker.privateKey;
  attackerJwk = await exportJWK(attacker.publicKey);
  rsaResource = createResourceServer({ resource: AUDIENCE, jwt: { publicKey: rsaPublicPem, algorithms: ["RS256"], issuer: ISSUER } });
  hsResource = createResourceServer({ resource: AUDIENCE, jwt: { secret: SECRET, issuer: ISSUER, leewaySeconds: 30 } });
});

describe("token confusion", () => {
  it("accepts a well-formed token (the baseline the attacks deviate from)", async () => {
    expect(await status(hsResource, await hs().sign(new TextEncoder().encode(SECRET)))).toBe(200);
    const rs = await new SignJWT({ sub: "u" }).setProtectedHeader({ alg: "RS256" }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("5m").sign(rsaPrivate);
    expect(await status(rsaResource, rs)).toBe(200);
  });

  it("refuses alg none", async () => {
    const unsigned = new UnsecuredJWT({ sub: "admin" }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("5m").encode();
    expect(await status(hsResource, unsigned)).toBe(401);
    expect(await status(rsaResource, unsigned)).toBe(401);
  });

  it("refuses an HS256 token signed with the RSA public key as the secret (algorithm confusion)", async () => {
    const forged = await new SignJWT({ sub: "admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(rsaPublicPem));
    expect(await status(rsaResource, forged)).toBe(401);
  });

  it("refuses kid injection, an embedded jwk and a jku pointing at the attacker's key", async () => {
    const jwksResource = createResourceServer({
      resource: AUDIENCE,
      jwt: { jwks: { keys: [{ ...(await exportJWK((await generateKeyPair("RS256", { extractable: true })).publicKey)), kid: "real", alg: "RS256" }] }, issuer: ISSUER },
    });
    for (const header of [
      { kid: "../../../../dev/null" },
      { kid: "real' OR '1'='1" },
      { kid: "real", jwk: attackerJwk },
      { kid: "real", jku: "https://attacker.example/jwks.json" },
      { kid: "real", x5u: "https://attacker.example/cert.pem" },
    ]) {
      const token = await new SignJWT({ sub: "admin" }).setProtectedHeader({ alg: "RS256", ...header }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("5m").sign(attackerPrivate);
      expect(await status(jwksResource, token)).toBe(401);
    }
  });

  it("refuses expired tokens, wrong audience, wrong issuer and a tampered payload", async () => {
    const key = new TextEncoder().encode(SECRET);
    expect(await status(hsResource, await hs({ exp: now() - 120 }).sign(key))).toBe(401);
    expect(await status(hsResource, await hs().setAudience("https://other.example/mcp").sign(key))).toBe(401);
    expect(await status(hsResource, await hs().setIssuer("https://evil.example").sign(key))).toBe(401);
    const [header, , signature] = (await hs().sign(key)).split(".");
    const payload = Buffer.from(JSON.stringify({ sub: "admin", iss: ISSUER, aud: AUDIENCE, exp: now() + 300 })).toString("base64url");
    expect(await status(hsResource, `${header}.${payload}.${signature}`)).toBe(401);
  });

  it("refuses a critical header the server does not understand", async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const { createHmac } = await import("node:crypto");
    const input = `${encode({ alg: "HS256", crit: ["x-bypass"], "x-bypass": true })}.${encode({ sub: "admin", iss: ISSUER, aud: AUDIENCE, exp: now() + 300 })}`;
    const token = `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`;
    expect(await status(hsResource, token)).toBe(401);
  });

  it("refuses a 1 MB token with 400 at once and a 16 KB garbage token with 401", async () => {
    const started = performance.now();
    expect(await status(hsResource, "a".repeat(1024 * 1024))).toBe(400);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await status(hsResource, `${"a".repeat(8000)}.${"b".repeat(8000)}.c`)).toBe(401);
  });
});

describe("hardening: exp, iat, nbf and typ", () => {
  const key = new TextEncoder().encode(SECRET);

  it("refuses a token without exp by default and accepts it only with requireExpiration: false (RFC 9068)", async () => {
    const noExp = await new SignJWT({ sub: "u" }).setProtectedHeader({ alg: "HS256" }).setIssuer(ISSUER).setAudience(AUDIENCE).sign(key);
    await expect(createJwtVerifier({ secret: SECRET }).verify(noExp)).rejects.toThrow(/no expiry/);
    await expect(createJwtVerifier({ secret: SECRET, requireExpiration: false }).verify(noExp)).resolves.toMatchObject({ subject: "u" });
    expect(await status(hsResource, noExp)).toBe(401);
  });

  it("refuses iat in the future beyond the leeway, and accepts it within", async () => {
    await expect(createJwtVerifier({ secret: SECRET, leewaySeconds: 30 }).verify(await hs({ iat: now() + 600 }).sign(key))).rejects.toThrow(/issued in the future/);
    await expect(createJwtVerifier({ secret: SECRET, leewaySeconds: 30 }).verify(await hs({ iat: now() + 10 }).sign(key))).resolves.toBeDefined();
  });

  it("honours nbf", async () => {
    await expect(createJwtVerifier({ secret: SECRET }).verify(await hs({ nbf: now() + 600 }).sign(key))).rejects.toThrow(/not yet valid/);
  });

  it("checks typ when asked (at+jwt), accepting the application/ prefix", async () => {
    const verifier = createJwtVerifier({ secret: SECRET, requiredType: "at+jwt" });
    await expect(verifier.verify(await hs({}, { typ: "JWT" }).sign(key))).rejects.toThrow(/wrong type/);
    await expect(verifier.verify(await hs().sign(key))).rejects.toThrow(/wrong type/);
    await expect(verifier.verify(await hs({}, { typ: "at+jwt" }).sign(key))).resolves.toBeDefined();
    await expect(verifier.verify(await hs({}, { typ: "application/at+jwt" }).sign(key))).resolves.toBeDefined();
  });

  it("makes the resource server that trusts the built-in AS require typ at+jwt", async () => {
    const as = testServer();
    const tokens = await obtainTokens(as, (await register(as))["client_id"] as string);
    const resource = createResourceServer(as.resourceServerOptions(RESOURCE));
    const good = await resource.authenticate({ headers: { authorization: `Bearer ${tokens["access_token"]}` }, url: RESOURCE, method: "POST" });
    expect(good.ok).toBe(true);
  });
});

describe("hardening: JWT_SECRET_KEY alone", () => {
  it("warns loudly about unchecked iss and aud, and reads JWT_ISSUER / JWT_AUDIENCE / JWT_REQUIRE_EXP", () => {
    const bare = jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET })!;
    expect(jwtAuthWarnings(bare).join("\n")).toMatch(/issuer is not checked[\s\S]*audience is not checked/);
    const configured = jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE })!;
    expect(jwtAuthWarnings(configured)).toEqual([]);
    expect(configured.jwt).toMatchObject({ issuer: ISSUER, audience: AUDIENCE, requireExpiration: true });
    const byResource = jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, JWT_ISSUER: ISSUER, MCP_RESOURCE_URL: AUDIENCE })!;
    expect(jwtAuthWarnings(byResource)).toEqual([]);
    expect(jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, JWT_REQUIRE_EXP: "false" })!.jwt?.requireExpiration).toBe(false);
    expect(() => jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, JWT_REQUIRE_EXP: "maybe" })).toThrow(/JWT_REQUIRE_EXP/);
  });

  it("uses MCP_RESOURCE_URL as the default audience", async () => {
    const resource = createResourceServer(jwtAuthFromEnv({ JWT_SECRET_KEY: SECRET, MCP_RESOURCE_URL: AUDIENCE })!);
    const key = new TextEncoder().encode(SECRET);
    expect(await status(resource, await hs().sign(key))).toBe(200);
    expect(await status(resource, await hs().setAudience("https://other.example/mcp").sign(key))).toBe(401);
  });
});

describe("hardening: two Authorization headers", () => {
  let running: Awaited<ReturnType<typeof serve>>;
  let token: string;
  beforeAll(async () => {
    token = await hs().sign(new TextEncoder().encode(SECRET));
    const engine = new McpServer({ name: "two-headers", version: "1.0.0" });
    running = await serve(engine, { port: 0, authenticate: (input) => hsResource.authenticate(input) });
  });
  afterAll(() => running.close());

  it("answers a comma-joined pair of credentials (fetch Headers) with 400 invalid_request", async () => {
    const headers = new Headers();
    headers.append("authorization", `Bearer ${token}`);
    headers.append("authorization", "Bearer attacker");
    const result = await hsResource.authenticate({ headers: { authorization: headers.get("authorization")! }, url: AUDIENCE, method: "POST" });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(JSON.parse((result as { body: string }).body)).toMatchObject({ error: "invalid_request" });
  });

  it("answers two Authorization header lines on the Node transport with 400, not first-wins", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(running.port, "127.0.0.1", () => {
        socket.write(
          `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${running.port}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n` +
            `Authorization: Bearer ${token}\r\nAuthorization: Bearer attacker\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(raw).toContain("invalid_request");
  });
});
