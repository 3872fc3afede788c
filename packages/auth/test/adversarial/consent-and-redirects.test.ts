/**
 * The authorization endpoint under attack: disguised client names, redirect URI tricks,
 * PKCE downgrade and prototype-named inputs. Failures before the redirect URI is trusted are
 * pages (never redirects); everything else is an exact RFC answer, never a 500.
 */
import { describe, expect, it } from "vitest";
import { authorize, consent, ISSUER, obtainCode, pkcePair, register, REDIRECT, RESOURCE, testServer, tokenRequest } from "../oauth-helpers.js";

async function registerRaw(as: ReturnType<typeof testServer>, body: string) {
  const response = await as.routes.request(`${ISSUER}/oauth/register`, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("client names shown on the consent page", () => {
  it.each([
    ["right-to-left override", "Good\u202Eelgoog"],
    ["left-to-right embedding", "\u202AApp"],
    ["pop directional formatting", "App\u202C"],
    ["first strong isolate", "\u2068App\u2069"],
    ["right-to-left isolate", "App\u2067x"],
    ["zero width space", "Go\u200Bogle"],
    ["zero width joiner", "Go\u200Dogle"],
    ["right-to-left mark", "App\u200F"],
    ["byte order mark", "\uFEFFApp"],
    ["soft hyphen", "Go\u00ADogle"],
    ["tag characters", "App\u{E0041}"],
    ["a control character", "App\u0007"],
    ["word joiner", "Go\u2060ogle"],
  ])("refuses a client_name with a %s", async (_label, name) => {
    const result = await registerRaw(testServer(), JSON.stringify({ client_name: name, redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }));
    expect(result.status).toBe(400);
    expect(result.body["error"]).toBe("invalid_client_metadata");
    expect(String(result.body["error_description"])).toMatch(/client_name contains .*U\+/);
  });

  it("refuses an unpaired surrogate", async () => {
    const result = await registerRaw(testServer(), `{"client_name":"App\\ud800","redirect_uris":["${REDIRECT}"],"token_endpoint_auth_method":"none"}`);
    expect(result.status).toBe(400);
  });

  it("NFKC-normalises the name before showing it (full-width letters, ligatures)", async () => {
    const as = testServer();
    const client = await register(as, { client_name: "\uFF21\uFF50\uFF50 \uFB01le" });
    expect(client["client_name"]).toBe("App file");
  });

  it("escapes markup in the name on the consent page", async () => {
    const as = testServer();
    const client = await register(as, { client_name: `<script>alert(1)</script>"' onload=x` });
    const form = await authorize(as, { response_type: "code", client_id: client["client_id"] as string, redirect_uri: REDIRECT, code_challenge: pkcePair().challenge, code_challenge_method: "S256" });
    expect(form.status).toBe(200);
    expect(form.html).not.toContain("<script>");
    expect(form.html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#39; onload=x");
  });

  it("refuses scope strings outside the RFC 6749 scope-token syntax", async () => {
    const as = testServer({ scopesSupported: undefined });
    const client = await register(as);
    const form = await authorize(as, { response_type: "code", client_id: client["client_id"] as string, redirect_uri: REDIRECT, code_challenge: pkcePair().challenge, code_challenge_method: "S256", scope: "read \u202Eetirw" });
    expect(form.status).toBe(302);
    expect(new URL(form.location!).searchParams.get("error")).toBe("invalid_scope");
  });
});

describe("redirect URI tricks", () => {
  const registered = "https://good.example/cb";

  it.each([
    "https://good.example/cb/",
    "https://good.example/cb?x=1",
    "https://good.example/cb#fragment",
    "https://good.example@evil.example/cb",
    "https://evil.example/cb",
    "https://good.example.evil.example/cb",
    "https://good.example/cb/../evil",
    "https://good.example/%63b",
    "https://good.example:444/cb",
    "http://good.example/cb",
    "https://good.example/cb\u0000",
  ])("shows a page and never redirects for %s", async (redirect) => {
    const as = testServer();
    const client = await register(as, { redirect_uris: [registered] });
    const form = await authorize(as, { response_type: "code", client_id: client["client_id"] as string, redirect_uri: redirect, code_challenge: pkcePair().challenge, code_challenge_method: "S256" });
    expect(form.status).toBe(400);
    expect(form.location).toBeNull();
  });

  it.each(["https://good@evil.example/cb", "https://user:pass@good.example/cb", "https://good.example/cb#x", "javascript:alert(1)", "http://evil.example/cb", "data:text/html,x"])(
    "refuses to register %s",
    async (uri) => {
      const result = await registerRaw(testServer(), JSON.stringify({ redirect_uris: [uri], token_endpoint_auth_method: "none" }));
      expect(result.status).toBe(400);
      expect(result.body["error"]).toBe("invalid_redirect_uri");
    },
  );

  it("lets a loopback IP redirect differ in port only (RFC 8252 §7.3)", async () => {
    const as = testServer();
    const client = await register(as, { redirect_uris: ["http://127.0.0.1/callback", "http://[::1]/callback", "http://localhost/callback"] });
    const clientId = client["client_id"] as string;
    const attempt = (redirect: string) => authorize(as, { response_type: "code", client_id: clientId, redirect_uri: redirect, code_challenge: pkcePair().challenge, code_challenge_method: "S256" });
    expect((await attempt("http://127.0.0.1:51234/callback")).status).toBe(200);
    expect((await attempt("http://[::1]:51234/callback")).status).toBe(200);
    expect((await attempt("http://127.0.0.1:51234/other")).status).toBe(400);
    expect((await attempt("http://127.0.0.1:51234/callback?x=1")).status).toBe(400);
    expect((await attempt("https://127.0.0.1:51234/callback")).status).toBe(400);
    // Port variance is for IP literals only: a name can be re-pointed, an IP cannot.
    expect((await attempt("http://localhost:51234/callback")).status).toBe(400);
    expect((await attempt("http://127.0.0.2:51234/callback")).status).toBe(400);
  });
});

describe("PKCE", () => {
  async function codeFor(as: ReturnType<typeof testServer>) {
    const clientId = (await register(as))["client_id"] as string;
    return { clientId, ...(await obtainCode(as, clientId)) };
  }

  it("refuses a challenge that is not a 43-character S256 value", async () => {
    const as = testServer();
    const client = await register(as);
    for (const challenge of ["a".repeat(42), "a".repeat(44), `${"a".repeat(42)}=`, `${"a".repeat(42)}+`]) {
      const form = await authorize(as, { response_type: "code", client_id: client["client_id"] as string, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: "S256" });
      expect(new URL(form.location!).searchParams.get("error")).toBe("invalid_request");
    }
  });

  it("refuses a missing, short, long, mischaracterised or mismatched verifier", async () => {
    const as = testServer();
    for (const [verifier, error] of [
      [undefined, "invalid_request"],
      ["a".repeat(42), "invalid_grant"],
      ["a".repeat(129), "invalid_grant"],
      [`${"a".repeat(42)}!`, "invalid_grant"],
      [pkcePair().verifier, "invalid_grant"],
    ] as const) {
      const { clientId, code } = await codeFor(as);
      const body: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: REDIRECT, client_id: clientId };
      if (verifier !== undefined) body["code_verifier"] = verifier;
      const result = await tokenRequest(as, body);
      expect(result.status).toBe(400);
      expect(result.body["error"]).toBe(error);
    }
  });
});

describe("prototype-named inputs (Map / null-prototype lookups)", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])("renders the consent page for the scope %s with no description, not a 500", async (scope) => {
    const as = testServer({ scopesSupported: undefined, scopeDescriptions: { read: "Read your files" } });
    const client = await register(as);
    const form = await authorize(as, { response_type: "code", client_id: client["client_id"] as string, redirect_uri: REDIRECT, code_challenge: pkcePair().challenge, code_challenge_method: "S256", scope: `read ${scope}` });
    expect(form.status).toBe(200);
    expect(form.html).toContain(`<code>${scope}</code></li>`);
    expect(form.html).toContain("Read your files");
    expect((await consent(as, form)).status).toBe(302);
  });

  it.each(["__proto__", "constructor", "toString"])("treats the client_id %s as an unknown client", async (clientId) => {
    const as = testServer();
    const form = await authorize(as, { response_type: "code", client_id: clientId, redirect_uri: REDIRECT, code_challenge: pkcePair().challenge, code_challenge_method: "S256" });
    expect(form.status).toBe(400);
    const token = await tokenRequest(as, { grant_type: "authorization_code", code: "x", client_id: clientId, code_verifier: pkcePair().verifier });
    expect(token.status).toBe(401);
    expect(token.body["error"]).toBe("invalid_client");
  });

  it.each(["__proto__", "constructor", "toString"])("answers grant_type %s with unsupported_grant_type", async (grantType) => {
    const as = testServer();
    const clientId = (await register(as))["client_id"] as string;
    const result = await tokenRequest(as, { grant_type: grantType, client_id: clientId });
    expect(result.status).toBe(400);
    expect(result.body["error"]).toBe("unsupported_grant_type");
  });

  it.each(["__proto__", "constructor", "toString"])("answers the parameter name and resource %s without a 500", async (name) => {
    const as = testServer();
    const clientId = (await register(as))["client_id"] as string;
    const form = await authorize(as, { response_type: "code", client_id: clientId, redirect_uri: REDIRECT, code_challenge: pkcePair().challenge, code_challenge_method: "S256", resource: name, [name]: "x" });
    expect(form.status).toBe(302);
    expect(new URL(form.location!).searchParams.get("error")).toBe("invalid_target");
  });

  it("ignores a __proto__ member in registration JSON (no prototype pollution, no default change)", async () => {
    const as = testServer();
    const result = await registerRaw(as, `{"redirect_uris":["${REDIRECT}"],"__proto__":{"token_endpoint_auth_method":"none","scope":"admin"},"constructor":{"x":1}}`);
    expect(result.status).toBe(201);
    expect(result.body["token_endpoint_auth_method"]).toBe("client_secret_basic");
    expect(result.body["scope"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["token_endpoint_auth_method"]).toBeUndefined();
  });

  it("finds tokens by the hash of the presented value only (resource stays the registered one)", async () => {
    const as = testServer();
    const clientId = (await register(as))["client_id"] as string;
    const { code, verifier } = await obtainCode(as, clientId);
    const result = await tokenRequest(as, { grant_type: "authorization_code", code, code_verifier: verifier, client_id: clientId, redirect_uri: REDIRECT, resource: RESOURCE });
    expect(result.status).toBe(200);
  });
});
