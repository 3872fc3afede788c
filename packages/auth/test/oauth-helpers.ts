/** Drives the authorization server through `app.request()` the way a client and a user would. */
import { createHash, randomBytes } from "node:crypto";
import { createAuthorizationServer, type AuthorizationServer, type AuthorizationServerOptions } from "../src/index.js";

export const ISSUER = "http://127.0.0.1:9999";
export const RESOURCE = "http://127.0.0.1:9999/mcp";
export const REDIRECT = "http://127.0.0.1:7777/callback";

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function testServer(overrides: Partial<AuthorizationServerOptions> = {}): AuthorizationServer {
  return createAuthorizationServer({
    issuer: ISSUER,
    resources: [RESOURCE],
    scopesSupported: ["read", "write", "admin"],
    defaultScopes: ["read"],
    serverName: "Test server",
    authenticateUser: () => ({ subject: "user-1" }),
    ...overrides,
  });
}

export async function register(as: AuthorizationServer, metadata: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await as.routes.request(`${ISSUER}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "Test client", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none", ...metadata }),
  });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export interface ConsentForm {
  status: number;
  html: string;
  cookie: string;
  requestId: string | undefined;
  csrfToken: string | undefined;
  location: string | null;
}

export async function authorize(as: AuthorizationServer, parameters: Record<string, string | undefined>): Promise<ConsentForm> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) query.set(name, value);
  const response = await as.routes.request(`${ISSUER}/oauth/authorize?${query}`);
  const html = await response.text();
  return {
    status: response.status,
    html,
    cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] as string,
    requestId: /name="request_id" value="([^"]+)"/.exec(html)?.[1],
    csrfToken: /name="csrf_token" value="([^"]+)"/.exec(html)?.[1],
    location: response.headers.get("location"),
  };
}

export async function consent(as: AuthorizationServer, form: ConsentForm, decision = "approve", cookie = form.cookie): Promise<Response> {
  return as.routes.request(`${ISSUER}/oauth/consent`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ request_id: form.requestId ?? "", csrf_token: form.csrfToken ?? "", decision }),
  });
}

export async function tokenRequest(as: AuthorizationServer, body: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await as.routes.request(`${ISSUER}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}

/** Full happy path up to the code. */
export async function obtainCode(as: AuthorizationServer, clientId: string, extra: Record<string, string> = {}): Promise<{ code: string; verifier: string; location: URL }> {
  const { verifier, challenge } = pkcePair();
  const form = await authorize(as, {
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "state-123",
    resource: RESOURCE,
    ...extra,
  });
  if (form.status !== 200) throw new Error(`authorize failed: ${form.status} ${form.html.slice(0, 200)}`);
  const approved = await consent(as, form);
  const location = new URL(approved.headers.get("location") ?? "");
  const code = location.searchParams.get("code");
  if (!code) throw new Error(`no code: ${location}`);
  return { code, verifier, location };
}

export async function obtainTokens(as: AuthorizationServer, clientId: string, extra: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { code, verifier } = await obtainCode(as, clientId, extra);
  const result = await tokenRequest(as, { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: clientId, resource: RESOURCE });
  if (result.status !== 200) throw new Error(`token failed: ${JSON.stringify(result.body)}`);
  return result.body;
}
