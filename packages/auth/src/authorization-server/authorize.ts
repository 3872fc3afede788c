/**
 * `/oauth/authorize`, the consent form post and the upstream callback.
 * PKCE S256 only, exact redirect_uri match, `state`, `iss` in the response (RFC 9207),
 * resource indicators (RFC 8707). Errors found before the redirect URI is trusted are shown
 * as a page and never redirected (no open redirect).
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-4.1
 * @see https://www.rfc-editor.org/rfc/rfc9207
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { pkceChallenge, randomToken, sha256, timingSafeEqual } from "../crypto.js";
import { AuthError, OAuthError } from "../errors.js";
import { parseScope } from "../scopes.js";
import { isValidScopeString } from "./display-text.js";
import { matchRedirectUri } from "./redirect-uri.js";
import { HTML_SECURITY_HEADERS, renderConsentPage, renderErrorPage } from "./consent-page.js";
import type { CodeRecord, PendingAuthorization, ServerContext } from "./context.js";
import { readFormBody, uniqueParameters } from "./request-body.js";

const CSRF_COOKIE = "chuk_mcp_consent";
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function htmlPage(status: number, title: string, message: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(renderErrorPage(title, message), { status, headers: { ...HTML_SECURITY_HEADERS, ...extraHeaders } });
}

function redirectTo(target: string, parameters: Record<string, string | undefined>): Response {
  const url = new URL(target);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return new Response(null, { status: 302, headers: { location: url.href, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}

function errorRedirect(server: ServerContext, pending: { redirectUri: string; state?: string }, error: OAuthError): Response {
  return redirectTo(pending.redirectUri, { error: error.error, error_description: error.message, state: pending.state, iss: server.issuer });
}

async function csrfToken(server: ServerContext, requestId: string, nonce: string): Promise<string> {
  return (await server.keys).sign(`consent:${requestId}:${nonce}`);
}

/** Parses and checks an authorization request; returns the page to show. */
export async function handleAuthorize(server: ServerContext, context: Context): Promise<Response> {
  let parameters: Map<string, string>;
  try {
    parameters =
      context.req.method === "POST"
        ? await readFormBody(context.req.raw, server.maxBodyBytes)
        : uniqueParameters(new URL(context.req.url).searchParams);
  } catch (error) {
    const message = error instanceof OAuthError ? error.message : "the authorization request could not be read";
    return htmlPage(error instanceof OAuthError ? error.status : 400, "Invalid authorization request", message);
  }
  const clientId = parameters.get("client_id");
  if (!clientId) return htmlPage(400, "Invalid authorization request", "client_id is missing. The application that sent you here is misconfigured.");
  const client = await server.clients.find(clientId);
  if (!client) return htmlPage(400, "Unknown application", "This application is not registered with this server. It must register (or publish client metadata) first.");
  const requestedRedirect = parameters.get("redirect_uri");
  let redirectUri: string;
  if (requestedRedirect === undefined) {
    if (client.redirect_uris.length !== 1) return htmlPage(400, "Invalid authorization request", "redirect_uri is missing and the application registered several.");
    redirectUri = client.redirect_uris[0] as string;
  } else if (matchRedirectUri(requestedRedirect, client.redirect_uris)) {
    redirectUri = requestedRedirect;
  } else {
    return htmlPage(400, "Invalid redirect URI", "The redirect_uri does not exactly match one the application registered, so this server will not send you there.");
  }
  const state = parameters.get("state");
  const base = { redirectUri, ...(state === undefined ? {} : { state }) };
  const fail = (error: OAuthErrorCodeLike, message: string): Response => errorRedirect(server, base, new OAuthError(error, message));

  if (parameters.get("response_type") !== "code") return fail("unsupported_response_type", 'response_type must be "code"');
  if (!client.response_types.includes("code") || !client.grant_types.includes("authorization_code")) {
    return fail("unauthorized_client", "this client is not registered for the authorization code grant");
  }
  const challenge = parameters.get("code_challenge");
  const method = parameters.get("code_challenge_method");
  if (!challenge) return fail("invalid_request", "code_challenge is required (PKCE with S256)");
  if (method !== "S256") return fail("invalid_request", 'code_challenge_method must be "S256"; "plain" and omitted methods are not accepted');
  if (!CODE_CHALLENGE.test(challenge)) return fail("invalid_request", "code_challenge must be the 43-character base64url SHA-256 of the code verifier");

  const scopeText = parameters.get("scope") ?? client.scope;
  if (scopeText !== undefined && !isValidScopeString(scopeText)) {
    return fail("invalid_scope", "scope must be space-separated RFC 6749 scope tokens (printable ASCII, no quotes or backslashes)");
  }
  const requestedScopes = parseScope(scopeText);
  const scopes = requestedScopes.length > 0 ? requestedScopes : server.defaultScopes;
  if (server.scopesSupported) {
    const unknown = scopes.filter((scope) => !server.scopesSupported!.includes(scope));
    if (unknown.length > 0) return fail("invalid_scope", `unknown scopes: ${unknown.join(" ")}`);
  }
  const resource = parameters.get("resource") ?? server.resources[0];
  if (resource === undefined) return fail("invalid_target", "resource is required: pass the MCP server's canonical URI");
  if (!URL.canParse(resource) || new URL(resource).hash || /[^\x21-\x7e]/.test(resource)) {
    return fail("invalid_target", "resource must be an absolute URI (printable ASCII) without a fragment");
  }
  if (server.resources.length > 0 && !server.resources.includes(resource)) {
    return fail("invalid_target", "this server does not issue tokens for that resource");
  }

  const pending: PendingAuthorization = {
    clientId,
    clientName: client.client_name ?? clientId,
    redirectUri,
    redirectUriProvided: requestedRedirect !== undefined,
    ...(state === undefined ? {} : { state }),
    codeChallenge: challenge,
    scopes,
    resource,
  };
  const requestId = randomToken(24);
  await server.store.set(`pending:${requestId}`, pending, server.ttls.authorizationCode);
  const nonce = getCookie(context, CSRF_COOKIE) ?? randomToken(24);
  setCookie(context, CSRF_COOKIE, nonce, {
    httpOnly: true,
    sameSite: "Lax",
    secure: server.secureCookies,
    path: server.paths.consent,
    maxAge: server.ttls.authorizationCode,
  });
  const html = renderConsentPage({
    serverName: server.serverName,
    clientName: pending.clientName,
    clientId,
    redirectUri,
    scopes,
    scopeDescriptions: server.scopeDescriptions,
    resource,
    requestId,
    csrfToken: await csrfToken(server, requestId, nonce),
    action: server.paths.consent,
    ...(server.upstream ? { upstreamName: server.upstream.displayName } : {}),
  });
  return context.body(html, 200, HTML_SECURITY_HEADERS);
}

type OAuthErrorCodeLike = ConstructorParameters<typeof OAuthError>[0];

async function issueCode(server: ServerContext, pending: PendingAuthorization, subject: string): Promise<Response> {
  const code = randomToken(32);
  const record: CodeRecord = { ...pending, subject, familyId: randomToken(16) };
  await server.store.set(`code:${await sha256(code)}`, record, server.ttls.authorizationCode);
  return redirectTo(pending.redirectUri, { code, state: pending.state, iss: server.issuer });
}

/** The consent form post: checks CSRF, then denies, sends the user upstream, or issues the code. */
export async function handleConsent(server: ServerContext, context: Context): Promise<Response> {
  let form: Map<string, string>;
  try {
    form = await readFormBody(context.req.raw, server.maxBodyBytes);
  } catch (error) {
    return htmlPage(error instanceof OAuthError ? error.status : 400, "Invalid consent form", error instanceof OAuthError ? error.message : "The form could not be read.");
  }
  const requestId = form.get("request_id") ?? "";
  const submitted = form.get("csrf_token") ?? "";
  const nonce = getCookie(context, CSRF_COOKIE);
  const expected = nonce ? await csrfToken(server, requestId, nonce) : undefined;
  if (!nonce || !expected || !submitted || !timingSafeEqual(submitted, expected)) {
    return htmlPage(403, "Consent form expired", "The form was not submitted from this server's consent page, or it expired. Go back to the application and start signing in again.");
  }
  const pending = await server.store.take<PendingAuthorization>(`pending:${requestId}`);
  if (!pending) return htmlPage(400, "Consent form expired", "This authorization request expired or was already used. Go back to the application and start again.");
  const decision = form.get("decision");
  if (decision !== "approve") return errorRedirect(server, pending, new OAuthError("access_denied", "the user denied the request"));

  if (server.upstream) {
    const upstreamState = randomToken(24);
    const codeVerifier = randomToken(32);
    const nonceValue = randomToken(24);
    await server.store.set(`upstream:${upstreamState}`, { pending, codeVerifier, nonce: nonceValue }, server.ttls.authorizationCode);
    try {
      const url = await server.upstream.authorizationUrl({
        redirectUri: `${server.origin}${server.paths.callback}`,
        state: upstreamState,
        nonce: nonceValue,
        codeChallenge: await pkceChallenge(codeVerifier),
      });
      return new Response(null, { status: 302, headers: { location: url.href, "cache-control": "no-store" } });
    } catch {
      return errorRedirect(server, pending, new OAuthError("server_error", "the upstream identity provider is unavailable; try again later"));
    }
  }
  const user = server.authenticateUser ? await server.authenticateUser(context.req.raw) : undefined;
  if (!user?.subject) return htmlPage(401, "Sign-in required", "You are not signed in to this server. Sign in and try again.");
  return issueCode(server, pending, user.subject);
}

interface UpstreamState {
  pending: PendingAuthorization;
  codeVerifier: string;
  nonce: string;
}

/** The upstream provider's redirect back: exchange, link the account, keep the tokens, issue our code. */
export async function handleUpstreamCallback(server: ServerContext, context: Context): Promise<Response> {
  const url = new URL(context.req.url);
  const stateValue = url.searchParams.get("state");
  if (!server.upstream || !server.vault) return htmlPage(404, "Not found", "No upstream identity provider is configured.");
  const saved = stateValue ? await server.store.take<UpstreamState>(`upstream:${stateValue}`) : undefined;
  if (!saved || !stateValue) return htmlPage(400, "Sign-in expired", "This sign-in attempt is unknown or expired. Go back to the application and start again.");
  if (url.searchParams.has("error")) {
    return errorRedirect(server, saved.pending, new OAuthError("access_denied", "sign-in at the identity provider was cancelled or refused"));
  }
  let signIn;
  try {
    signIn = await server.upstream.exchangeCode({
      callbackUrl: url,
      redirectUri: `${server.origin}${server.paths.callback}`,
      state: stateValue,
      nonce: saved.nonce,
      codeVerifier: saved.codeVerifier,
    });
  } catch (error) {
    const reason = error instanceof AuthError ? "the identity provider's answer failed validation" : "the identity provider could not be reached";
    return errorRedirect(server, saved.pending, new OAuthError("access_denied", `sign-in failed: ${reason}`));
  }
  const linkKey = `link:${server.upstream.id}:${await sha256(signIn.subject)}`;
  let userId = await server.store.get<string>(linkKey);
  if (!userId) userId = `${server.upstream.id}:${signIn.subject}`;
  await server.store.set(linkKey, userId, server.ttls.externalToken);
  await server.vault.save(userId, signIn.tokens);
  return issueCode(server, saved.pending, userId);
}
