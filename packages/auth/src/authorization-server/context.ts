/**
 * Shared state of one authorization server instance, handed to each endpoint module.
 */
import type { SecretKeys } from "../crypto.js";
import type { OAuthTtls } from "../env.js";
import type { AuthStore } from "../store.js";
import type { ExternalTokenVault } from "../upstream/external-tokens.js";
import type { UpstreamProvider } from "../upstream/provider.js";
import type { ClientRegistry } from "./clients.js";
import type { EndpointPaths } from "./metadata.js";
import type { TokenService } from "./tokens.js";

/** Who signed in, when no upstream provider is configured. */
export type AuthenticateUser = (request: Request) => Promise<{ subject: string } | undefined> | { subject: string } | undefined;

export interface ServerContext {
  issuer: string;
  origin: string;
  paths: EndpointPaths;
  resources: string[];
  scopesSupported: string[] | undefined;
  defaultScopes: string[];
  scopeDescriptions: Record<string, string>;
  serverName: string;
  store: AuthStore;
  keys: Promise<SecretKeys>;
  ttls: OAuthTtls;
  clients: ClientRegistry;
  tokens: TokenService;
  upstream: UpstreamProvider | undefined;
  vault: ExternalTokenVault | undefined;
  authenticateUser: AuthenticateUser | undefined;
  maxBodyBytes: number;
  secureCookies: boolean;
}

/** An authorization request waiting for consent (and upstream sign-in). */
export interface PendingAuthorization {
  clientId: string;
  clientName: string;
  redirectUri: string;
  redirectUriProvided: boolean;
  state?: string;
  codeChallenge: string;
  scopes: string[];
  resource: string;
}

/** What an authorization code stands for, stored under its hash. */
export interface CodeRecord extends PendingAuthorization {
  subject: string;
  familyId: string;
}
