/**
 * Upstream OAuth 2.1 / OpenID Connect providers on oauth4webapi: discovery, PKCE, state,
 * nonce and ID token validation. Presets for Google and GitHub.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#CodeFlowAuth
 */
import * as oauth from "oauth4webapi";
import { AuthError } from "../errors.js";
import type { UpstreamProvider, UpstreamSignIn, UpstreamTokens } from "./provider.js";

export interface OidcProviderOptions {
  /** Issuer identifier; metadata comes from its discovery document. */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Scopes asked upstream. Default "openid profile email". */
  scopes?: string[];
  id?: string;
  displayName?: string;
  /** Extra authorization parameters (e.g. Google's access_type=offline). */
  authorizationParameters?: Record<string, string>;
  /** Allow http:// issuers (local test providers only). */
  allowInsecureRequests?: boolean;
  fetch?: typeof fetch;
}

function upstreamError(message: string, cause: unknown): AuthError {
  return new AuthError("upstream_failure", message, { cause });
}

function tokensFrom(response: oauth.TokenEndpointResponse): UpstreamTokens {
  const tokens: UpstreamTokens = { accessToken: response.access_token, tokenType: response.token_type };
  if (response.refresh_token) tokens.refreshToken = response.refresh_token;
  if (typeof response.expires_in === "number") tokens.expiresAt = Math.floor(Date.now() / 1000) + response.expires_in;
  if (response.scope) tokens.scope = response.scope;
  return tokens;
}

/** Shared oauth4webapi plumbing for OIDC and plain OAuth 2 providers. */
export function createOAuthUpstream(options: {
  id: string;
  displayName: string;
  clientId: string;
  clientSecret?: string;
  scopes: string[];
  openid: boolean;
  authorizationServer: () => Promise<oauth.AuthorizationServer>;
  authorizationParameters?: Record<string, string>;
  allowInsecureRequests?: boolean;
  fetch?: typeof fetch;
  fetchProfile?: (accessToken: string) => Promise<{ subject: string; name?: string; email?: string }>;
}): UpstreamProvider {
  const client: oauth.Client = { client_id: options.clientId };
  const clientAuth = options.clientSecret ? oauth.ClientSecretPost(options.clientSecret) : oauth.None();
  const requestOptions = {
    ...(options.allowInsecureRequests ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
    signal: AbortSignal.timeout(10_000),
  };
  const freshOptions = () => ({ ...requestOptions, signal: AbortSignal.timeout(10_000) });

  return {
    id: options.id,
    displayName: options.displayName,
    async authorizationUrl({ redirectUri, state, nonce, codeChallenge }) {
      const as = await options.authorizationServer();
      if (!as.authorization_endpoint) throw new AuthError("upstream_failure", `${options.displayName} has no authorization_endpoint`);
      const url = new URL(as.authorization_endpoint);
      url.searchParams.set("client_id", options.clientId);
      url.searchParams.set("redirect_uri", redirectUri);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("scope", options.scopes.join(" "));
      url.searchParams.set("state", state);
      url.searchParams.set("code_challenge", codeChallenge);
      url.searchParams.set("code_challenge_method", "S256");
      if (options.openid) url.searchParams.set("nonce", nonce);
      for (const [name, value] of Object.entries(options.authorizationParameters ?? {})) url.searchParams.set(name, value);
      return url;
    },
    async exchangeCode({ callbackUrl, redirectUri, state, nonce, codeVerifier }): Promise<UpstreamSignIn> {
      const as = await options.authorizationServer();
      let response: oauth.TokenEndpointResponse;
      try {
        const parameters = oauth.validateAuthResponse(as, client, callbackUrl, state);
        const tokenResponse = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, parameters, redirectUri, codeVerifier, freshOptions());
        response = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse, options.openid ? { expectedNonce: nonce, requireIdToken: true } : {});
      } catch (error) {
        throw upstreamError(`${options.displayName} sign-in failed: ${(error as Error).message}`, error);
      }
      const tokens = tokensFrom(response);
      if (options.openid) {
        const claims = oauth.getValidatedIdTokenClaims(response);
        if (!claims?.sub) throw new AuthError("upstream_failure", `${options.displayName} returned no ID token subject`);
        const signIn: UpstreamSignIn = { subject: claims.sub, tokens };
        if (typeof claims["name"] === "string") signIn.name = claims["name"];
        if (typeof claims["email"] === "string") signIn.email = claims["email"];
        return signIn;
      }
      if (!options.fetchProfile) throw new AuthError("invalid_configuration", `${options.displayName}: a non-OIDC provider needs fetchProfile`);
      return { ...(await options.fetchProfile(tokens.accessToken)), tokens };
    },
    async refresh(refreshToken) {
      const as = await options.authorizationServer();
      try {
        const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, freshOptions());
        const refreshed = tokensFrom(await oauth.processRefreshTokenResponse(as, client, response));
        return { ...refreshed, refreshToken: refreshed.refreshToken ?? refreshToken };
      } catch (error) {
        throw upstreamError(`${options.displayName} token refresh failed; the user must sign in again`, error);
      }
    },
  };
}

/** A generic OpenID Connect provider found by discovery. */
export function oidcProvider(options: OidcProviderOptions): UpstreamProvider {
  const issuer = new URL(options.issuer);
  let discovered: Promise<oauth.AuthorizationServer> | undefined;
  const authorizationServer = (): Promise<oauth.AuthorizationServer> => {
    discovered ??= (async () => {
      const response = await oauth.discoveryRequest(issuer, {
        algorithm: "oidc",
        ...(options.allowInsecureRequests ? { [oauth.allowInsecureRequests]: true } : {}),
        ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
        signal: AbortSignal.timeout(10_000),
      });
      return oauth.processDiscoveryResponse(issuer, response);
    })();
    discovered.catch(() => {
      discovered = undefined;
    });
    return discovered;
  };
  return createOAuthUpstream({
    id: options.id ?? "oidc",
    displayName: options.displayName ?? issuer.host,
    clientId: options.clientId,
    ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
    scopes: options.scopes ?? ["openid", "profile", "email"],
    openid: true,
    authorizationServer,
    ...(options.authorizationParameters ? { authorizationParameters: options.authorizationParameters } : {}),
    ...(options.allowInsecureRequests ? { allowInsecureRequests: true } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** Google (OIDC), asking for offline access so upstream tokens can be refreshed. */
export function googleProvider(options: { clientId: string; clientSecret: string; scopes?: string[] }): UpstreamProvider {
  return oidcProvider({
    issuer: "https://accounts.google.com",
    id: "google",
    displayName: "Google",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scopes: options.scopes ?? ["openid", "profile", "email"],
    authorizationParameters: { access_type: "offline", prompt: "consent" },
  });
}

/** GitHub (OAuth 2, not OIDC): the account id comes from the /user API. */
export function githubProvider(options: { clientId: string; clientSecret: string; scopes?: string[]; fetch?: typeof fetch }): UpstreamProvider {
  const doFetch = options.fetch ?? fetch;
  const as: oauth.AuthorizationServer = {
    issuer: "https://github.com",
    authorization_endpoint: "https://github.com/login/oauth/authorize",
    token_endpoint: "https://github.com/login/oauth/access_token",
  };
  return createOAuthUpstream({
    id: "github",
    displayName: "GitHub",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scopes: options.scopes ?? ["read:user"],
    openid: false,
    authorizationServer: async () => as,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    async fetchProfile(accessToken) {
      const response = await doFetch("https://api.github.com/user", {
        headers: { authorization: `Bearer ${accessToken}`, accept: "application/vnd.github+json", "user-agent": "chuk-mcp-auth" },
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new AuthError("upstream_failure", `GitHub /user answered HTTP ${response.status}`);
      const user = (await response.json()) as { id?: number; login?: string; email?: string | null };
      if (typeof user.id !== "number") throw new AuthError("upstream_failure", "GitHub /user returned no id");
      return { subject: String(user.id), ...(user.login ? { name: user.login } : {}), ...(user.email ? { email: user.email } : {}) };
    },
  });
}
