/**
 * The upstream identity provider interface: the authorize step sends the user there, the
 * callback exchanges the code, and the tokens are kept (encrypted) and refreshed.
 */

/** Tokens issued by the upstream provider. `expiresAt` is epoch seconds. */
export interface UpstreamTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: number;
  scope?: string;
  tokenType?: string;
}

/** The outcome of a successful upstream sign-in. */
export interface UpstreamSignIn {
  /** Stable account id at the provider (OIDC `sub`, GitHub user id). */
  subject: string;
  /** Display name or login, shown nowhere sensitive. */
  name?: string;
  email?: string;
  tokens: UpstreamTokens;
}

/** A custom upstream provider. `oidcProvider`, `githubProvider` and `googleProvider` implement it. */
export interface UpstreamProvider {
  /** Short id, part of the linked MCP user's key (e.g. "github"). */
  readonly id: string;
  /** Name shown on the consent page ("Continue with GitHub"). */
  readonly displayName: string;
  /** The URL to send the user to. The provider must carry `state`, `nonce` and the S256 `codeChallenge`. */
  authorizationUrl(input: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): Promise<URL>;
  /** Validates the callback and exchanges the code (checking state, PKCE, nonce and the ID token where there is one). */
  exchangeCode(input: { callbackUrl: URL; redirectUri: string; state: string; nonce: string; codeVerifier: string }): Promise<UpstreamSignIn>;
  /** Refreshes expired upstream tokens. */
  refresh?(refreshToken: string): Promise<UpstreamTokens>;
}
