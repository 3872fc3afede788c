import { describe, expect, it } from "vitest";
import { createResourceServer } from "../src/index.js";
import { authorize, consent, ISSUER, obtainCode, obtainTokens, pkcePair, REDIRECT, register, RESOURCE, testServer, tokenRequest } from "./oauth-helpers.js";

function baseAuthorize(clientId: string, challenge: string): Record<string, string> {
  return { response_type: "code", client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: "S256", state: "s1", resource: RESOURCE };
}

describe("authorization endpoint attacks", () => {
  it("refuses a redirect_uri that only shares a prefix with the registered one, without redirecting", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    for (const redirect of [`${REDIRECT}/evil`, `${REDIRECT}x`, `${REDIRECT}?next=https://evil.example`, "http://127.0.0.1:7777/callbac", "https://evil.example/callback"]) {
      const form = await authorize(as, { ...baseAuthorize(client_id as string, pkcePair().challenge), redirect_uri: redirect });
      expect(form.status).toBe(400);
      expect(form.location).toBeNull();
      expect(form.html).toContain("Invalid redirect URI");
      expect(form.html).not.toContain("evil.example");
    }
  });

  it("never redirects to an attacker's URI when the client is unknown (open redirect)", async () => {
    const as = testServer();
    const form = await authorize(as, { ...baseAuthorize("no-such-client", pkcePair().challenge), redirect_uri: "https://evil.example/steal" });
    expect(form.status).toBe(400);
    expect(form.location).toBeNull();
    expect(form.html).toContain("Unknown application");
  });

  it("refuses a missing code_challenge with invalid_request on the redirect", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const form = await authorize(as, { ...baseAuthorize(client_id as string, ""), code_challenge: undefined });
    expect(form.status).toBe(302);
    const location = new URL(form.location as string);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("state")).toBe("s1");
    expect(location.searchParams.get("iss")).toBe(ISSUER);
    expect(location.searchParams.has("code")).toBe(false);
  });

  it("refuses the plain PKCE method and an omitted method", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    for (const method of ["plain", undefined]) {
      const form = await authorize(as, { ...baseAuthorize(client_id as string, pkcePair().challenge), code_challenge_method: method });
      const location = new URL(form.location as string);
      expect(location.searchParams.get("error")).toBe("invalid_request");
      expect(location.searchParams.get("error_description")).toContain("S256");
    }
  });

  it("refuses unknown scopes and foreign resources", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const scoped = await authorize(as, { ...baseAuthorize(client_id as string, pkcePair().challenge), scope: "read root" });
    expect(new URL(scoped.location as string).searchParams.get("error")).toBe("invalid_scope");
    const foreign = await authorize(as, { ...baseAuthorize(client_id as string, pkcePair().challenge), resource: "https://other.example/mcp" });
    expect(new URL(foreign.location as string).searchParams.get("error")).toBe("invalid_target");
  });

  it("refuses a repeated parameter", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const response = await as.routes.request(`${ISSUER}/oauth/authorize?client_id=${client_id}&client_id=${client_id}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("more than once");
  });
});

describe("consent CSRF", () => {
  it("refuses a consent post without the cookie", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const form = await authorize(as, baseAuthorize(client_id as string, pkcePair().challenge));
    const response = await consent(as, form, "approve", "");
    expect(response.status).toBe(403);
    expect(response.headers.get("location")).toBeNull();
  });

  it("refuses a consent post whose token was minted for another browser", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const victim = await authorize(as, baseAuthorize(client_id as string, pkcePair().challenge));
    const attacker = await authorize(as, baseAuthorize(client_id as string, pkcePair().challenge));
    const forged = await consent(as, { ...victim, csrfToken: attacker.csrfToken }, "approve", victim.cookie);
    expect(forged.status).toBe(403);
    const tampered = await consent(as, { ...victim, csrfToken: `${victim.csrfToken}x` });
    expect(tampered.status).toBe(403);
  });

  it("lets a form be used once", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const form = await authorize(as, baseAuthorize(client_id as string, pkcePair().challenge));
    expect((await consent(as, form)).status).toBe(302);
    expect((await consent(as, form)).status).toBe(400);
  });

  it("sends access_denied back to the client when the user denies", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const form = await authorize(as, baseAuthorize(client_id as string, pkcePair().challenge));
    const response = await consent(as, form, "deny");
    const location = new URL(response.headers.get("location") as string);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.has("code")).toBe(false);
  });
});

describe("token endpoint attacks", () => {
  it("refuses a wrong code_verifier and burns the code", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const { code, verifier } = await obtainCode(as, client_id as string);
    const wrong = await tokenRequest(as, { grant_type: "authorization_code", code, code_verifier: pkcePair().verifier, redirect_uri: REDIRECT, client_id: client_id as string });
    expect(wrong.status).toBe(400);
    expect(wrong.body["error"]).toBe("invalid_grant");
    expect(wrong.body["access_token"]).toBeUndefined();
    const retry = await tokenRequest(as, { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: client_id as string });
    expect(retry.body["error"]).toBe("invalid_grant");
  });

  it("refuses code reuse and revokes the tokens the first exchange produced", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const { code, verifier } = await obtainCode(as, client_id as string);
    const body = { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: client_id as string };
    const first = await tokenRequest(as, body);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const second = await tokenRequest(as, body);
    expect(second.status).toBe(400);
    expect(second.body["error"]).toBe("invalid_grant");
    const refresh = await tokenRequest(as, { grant_type: "refresh_token", refresh_token: first.body["refresh_token"] as string, client_id: client_id as string });
    expect(refresh.body["error"]).toBe("invalid_grant");
    const rs = createResourceServer(as.resourceServerOptions());
    const result = await rs.authenticate({ headers: { authorization: `Bearer ${first.body["access_token"]}` }, url: RESOURCE, method: "POST" });
    expect(result.ok).toBe(false);
  });

  it("refuses a code redeemed with a different redirect_uri or by another client", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const other = await register(as);
    const a = await obtainCode(as, client_id as string);
    const mismatch = await tokenRequest(as, { grant_type: "authorization_code", code: a.code, code_verifier: a.verifier, redirect_uri: "http://127.0.0.1:7777/other", client_id: client_id as string });
    expect(mismatch.body["error"]).toBe("invalid_grant");
    const b = await obtainCode(as, client_id as string);
    const stolen = await tokenRequest(as, { grant_type: "authorization_code", code: b.code, code_verifier: b.verifier, redirect_uri: REDIRECT, client_id: other.client_id as string });
    expect(stolen.body["error"]).toBe("invalid_grant");
  });

  it("detects refresh token reuse and revokes the whole family", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const tokens = await obtainTokens(as, client_id as string);
    const rotated = await tokenRequest(as, { grant_type: "refresh_token", refresh_token: tokens["refresh_token"] as string, client_id: client_id as string });
    expect(rotated.status).toBe(200);
    expect(rotated.body["refresh_token"]).not.toBe(tokens["refresh_token"]);
    const replay = await tokenRequest(as, { grant_type: "refresh_token", refresh_token: tokens["refresh_token"] as string, client_id: client_id as string });
    expect(replay.status).toBe(400);
    expect(replay.body["error"]).toBe("invalid_grant");
    const legit = await tokenRequest(as, { grant_type: "refresh_token", refresh_token: rotated.body["refresh_token"] as string, client_id: client_id as string });
    expect(legit.body["error"]).toBe("invalid_grant");
    const rs = createResourceServer(as.resourceServerOptions());
    const check = await rs.authenticate({ headers: { authorization: `Bearer ${rotated.body["access_token"]}` }, url: RESOURCE, method: "POST" });
    expect(check.ok).toBe(false);
  });

  it("refuses scope escalation at refresh but allows narrowing", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const tokens = await obtainTokens(as, client_id as string, { scope: "read" });
    const escalate = await tokenRequest(as, { grant_type: "refresh_token", refresh_token: tokens["refresh_token"] as string, client_id: client_id as string, scope: "read admin" });
    expect(escalate.status).toBe(400);
    expect(escalate.body["error"]).toBe("invalid_scope");
    expect(escalate.body["access_token"]).toBeUndefined();
  });

  it("refuses malformed, mistyped and oversized bodies with JSON errors", async () => {
    const as = testServer();
    const json = await as.routes.request(`${ISSUER}/oauth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe("invalid_request");
    const huge = await as.routes.request(`${ISSUER}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `grant_type=${"a".repeat(70_000)}` });
    expect(huge.status).toBe(413);
    const badUtf8 = await as.routes.request(`${ISSUER}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new Uint8Array([0x67, 0xff, 0xfe]) });
    expect(badUtf8.status).toBe(400);
    const unknownGrant = await tokenRequest(as, { grant_type: "password", client_id: "x" });
    expect(unknownGrant.body["error"]).toBe("invalid_client");
    const register = await as.routes.request(`${ISSUER}/oauth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(register.status).toBe(400);
    expect(((await register.json()) as { error: string }).error).toBe("invalid_client_metadata");
    const bigRegister = await as.routes.request(`${ISSUER}/oauth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_name: "x".repeat(100_000) }) });
    expect(bigRegister.status).toBe(413);
  });

  it("refuses dangerous redirect URIs at registration", async () => {
    const as = testServer();
    for (const uri of ["javascript:alert(1)", "http://evil.example/cb", "https://ok.example/cb#frag", "data:text/html,hi", "not a uri"]) {
      const response = await as.routes.request(`${ISSUER}/oauth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ redirect_uris: [uri], token_endpoint_auth_method: "none" }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe("invalid_redirect_uri");
    }
  });

  it("authenticates confidential clients and never returns the secret hash", async () => {
    const as = testServer();
    const registered = await register(as, { token_endpoint_auth_method: "client_secret_basic" });
    expect(typeof registered["client_secret"]).toBe("string");
    expect(JSON.stringify(registered)).not.toContain("hash");
    const { code, verifier } = await obtainCode(as, registered["client_id"] as string);
    const wrong = await tokenRequest(as, { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: REDIRECT }, { authorization: `Basic ${btoa(`${registered["client_id"]}:wrong`)}` });
    expect(wrong.status).toBe(401);
    expect(wrong.body["error"]).toBe("invalid_client");
    const second = await obtainCode(as, registered["client_id"] as string);
    const right = await tokenRequest(as, { grant_type: "authorization_code", code: second.code, code_verifier: second.verifier, redirect_uri: REDIRECT }, { authorization: `Basic ${btoa(`${registered["client_id"]}:${registered["client_secret"]}`)}` });
    expect(right.status).toBe(200);
  });

  it("revokes a refresh token and every access token of its grant (RFC 7009)", async () => {
    const as = testServer();
    const { client_id } = await register(as);
    const tokens = await obtainTokens(as, client_id as string);
    const response = await as.routes.request(`${ISSUER}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens["refresh_token"] as string, client_id: client_id as string }),
    });
    expect(response.status).toBe(200);
    const refresh = await tokenRequest(as, { grant_type: "refresh_token", refresh_token: tokens["refresh_token"] as string, client_id: client_id as string });
    expect(refresh.body["error"]).toBe("invalid_grant");
    const rs = createResourceServer(as.resourceServerOptions());
    const check = await rs.authenticate({ headers: { authorization: `Bearer ${tokens["access_token"]}` }, url: RESOURCE, method: "POST" });
    expect(check.ok).toBe(false);
    const unknown = await as.routes.request(`${ISSUER}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: "never-issued", client_id: client_id as string }),
    });
    expect(unknown.status).toBe(200);
  });
});
