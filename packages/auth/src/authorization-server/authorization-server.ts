/**
 * The built-in OAuth 2.1 authorization server as a Hono app: RFC 8414 metadata (+ OpenID
 * discovery alias), authorize, consent, upstream callback, token, register (RFC 7591),
 * revoke (RFC 7009) and JWKS.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 */
import type { AuthInfo } from "@chuk-mcp/core";
import { Hono } from "hono";
import type { JSONWebKeySet, JWK } from "jose";
import { deriveSecretKeys, randomToken } from "../crypto.js";
import { AuthError } from "../errors.js";
import { DEFAULT_OAUTH_TTLS, type OAuthTtls } from "../env.js";
import { createJwtVerifier, type TokenVerifier } from "../jwt-verifier.js";
import type { ResourceServerOptions } from "../resource-server.js";
import { createAuthStore, type AuthStore } from "../store.js";
import { createExternalTokenVault } from "../upstream/external-tokens.js";
import type { UpstreamProvider } from "../upstream/provider.js";
import type { MetadataDocumentOptions } from "../client-metadata/document-loader.js";
import { handleAuthorize, handleConsent, handleUpstreamCallback } from "./authorize.js";
import { createClientRegistry } from "./clients.js";
import { socketAddress, type RegistrationLimits } from "./registration-limits.js";
import type { AuthenticateUser, ServerContext } from "./context.js";
import { buildAuthorizationServerMetadata, endpointPaths } from "./metadata.js";
import { DEFAULT_MAX_OAUTH_BODY_BYTES, readJsonObject } from "./request-body.js";
import { handleRevoke, handleToken, oauthErrorResponse } from "./token-endpoint.js";
import { createTokenService } from "./tokens.js";

export interface AuthorizationServerOptions {
  /** Issuer identifier: an https URL (http only on loopback), no query or fragment. */
  issuer: string;
  /** Canonical URIs of the MCP servers tokens may be issued for (RFC 8707). The first is the default. */
  resources?: string[];
  scopesSupported?: string[];
  /** Scopes granted when a client asks for none. */
  defaultScopes?: string[];
  /** Human text for scopes, shown on the consent page. */
  scopeDescriptions?: Record<string, string>;
  /** Name shown on the consent page. */
  serverName?: string;
  /** Where codes, tokens and clients live. Default: in-memory. */
  store?: AuthStore;
  /** Secret for CSRF tokens and upstream-token encryption. Required with a persistent store. */
  secret?: string;
  /** Private JWK that signs access tokens. Default: an ES256 key per process. */
  signingKey?: JWK;
  ttls?: Partial<OAuthTtls>;
  /** Upstream identity provider users sign in with. */
  upstream?: UpstreamProvider;
  /** Without an upstream: who is signed in (e.g. from your session cookie). */
  authenticateUser?: AuthenticateUser;
  /** Accept client ID metadata documents. Default true. */
  clientIdMetadataDocuments?: boolean;
  /** Allow http:// client metadata URLs (tests only). */
  allowInsecureMetadataDocuments?: boolean;
  /**
   * Policy of client ID metadata document fetches: `maxBytes` (5 KiB), `timeoutMs` (5 000),
   * `allowInternalHosts` (false), `failureCacheSeconds` (60), `failureDelayMs` (500), a `resolver`
   * or a whole `fetcher`. Hosts are resolved and every address checked; on Node the connection
   * is pinned to the checked address.
   */
  metadataDocuments?: MetadataDocumentOptions;
  /**
   * Limits of unauthenticated dynamic client registration: `maxBodyBytes` (16 KiB),
   * `perAddressLimit` per `windowSeconds` (10 per 60 s), `maxUnusedClients` (10 000, oldest
   * never-used evicted first), `unusedClientTtlSeconds` (24 h until first used).
   */
  registrationLimits?: RegistrationLimits;
  /** The caller's address for registration rate limits. Default: the Node socket's address (via `@hono/node-server`). */
  clientAddress?: (request: Request, env: unknown) => string | undefined;
  /** Largest accepted body on OAuth endpoints. Default 64 KiB. */
  maxBodyBytes?: number;
  fetch?: typeof fetch;
}

export interface AuthorizationServer {
  routes: Hono;
  metadata(): Record<string, unknown>;
  jwks(): Promise<JSONWebKeySet>;
  /** Resource-server options that trust this AS in-process: its keys, its revocations, its upstream tokens. */
  resourceServerOptions(resource?: string): ResourceServerOptions;
  /** The upstream access token for an MCP user (refreshed when expired). */
  externalAccessToken(subject: string): Promise<string | undefined>;
  store: AuthStore;
}

function validateIssuer(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch (error) {
    throw new AuthError("invalid_configuration", `issuer "${issuer}" is not an absolute URL`, { cause: error });
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new AuthError("invalid_configuration", `issuer "${issuer}" must use https (http is allowed only on loopback)`);
  }
  if (url.search || url.hash || issuer.endsWith("/")) {
    throw new AuthError("invalid_configuration", `issuer "${issuer}" must have no query, fragment or trailing slash`);
  }
  return url;
}

/** Creates the authorization server. */
export function createAuthorizationServer(options: AuthorizationServerOptions): AuthorizationServer {
  const issuerUrl = validateIssuer(options.issuer);
  if (!options.upstream && !options.authenticateUser) {
    throw new AuthError("invalid_configuration", "createAuthorizationServer needs an `upstream` provider or an `authenticateUser` function to know who signs in");
  }
  const ttls: OAuthTtls = { ...DEFAULT_OAUTH_TTLS, ...options.ttls };
  const store = options.store ?? createAuthStore();
  const keys = deriveSecretKeys(options.secret ?? randomToken(32));
  const paths = endpointPaths(issuerUrl);
  const clientIdMetadataDocuments = options.clientIdMetadataDocuments ?? true;
  const tokens = createTokenService({ issuer: options.issuer, store, ttls, ...(options.signingKey ? { signingKey: options.signingKey } : {}) });
  const vault = options.upstream
    ? createExternalTokenVault({ store, keys, provider: options.upstream, ttlSeconds: ttls.externalToken })
    : undefined;
  const server: ServerContext = {
    issuer: options.issuer,
    origin: issuerUrl.origin,
    paths,
    resources: options.resources ?? [],
    scopesSupported: options.scopesSupported,
    defaultScopes: options.defaultScopes ?? [],
    scopeDescriptions: options.scopeDescriptions ?? {},
    serverName: options.serverName ?? issuerUrl.host,
    store,
    keys,
    ttls,
    clients: createClientRegistry({
      store,
      registrationTtlSeconds: ttls.clientRegistration,
      clientIdMetadataDocuments,
      ...(options.allowInsecureMetadataDocuments ? { allowInsecureMetadataDocuments: true } : {}),
      ...(options.metadataDocuments ? { metadataDocuments: options.metadataDocuments } : {}),
      ...(options.registrationLimits ? { registrationLimits: options.registrationLimits } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    tokens,
    upstream: options.upstream,
    vault,
    authenticateUser: options.authenticateUser,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_OAUTH_BODY_BYTES,
    secureCookies: issuerUrl.protocol === "https:",
  };
  const metadataDocument = buildAuthorizationServerMetadata({
    issuer: options.issuer,
    paths,
    ...(options.scopesSupported ? { scopesSupported: options.scopesSupported } : {}),
    clientIdMetadataDocuments,
  });
  const metadataHeaders = { "cache-control": "public, max-age=3600", "access-control-allow-origin": "*" };

  const routes = new Hono();
  const serveMetadata = () => Response.json(metadataDocument, { headers: metadataHeaders });
  routes.get(`/.well-known/oauth-authorization-server${paths.issuerPath}`, serveMetadata);
  routes.get(`/.well-known/openid-configuration${paths.issuerPath}`, serveMetadata);
  if (paths.issuerPath) routes.get(`${paths.issuerPath}/.well-known/openid-configuration`, serveMetadata);
  routes.get(paths.jwks, async () => Response.json(await tokens.jwks(), { headers: metadataHeaders }));
  routes.get(paths.authorize, (context) => handleAuthorize(server, context));
  routes.post(paths.authorize, (context) => handleAuthorize(server, context));
  routes.post(paths.consent, (context) => handleConsent(server, context));
  routes.get(paths.callback, (context) => handleUpstreamCallback(server, context));
  routes.post(paths.token, (context) => handleToken(server, context.req.raw));
  routes.post(paths.revoke, (context) => handleRevoke(server, context.req.raw));
  routes.post(paths.register, async (context) => {
    try {
      const address = (options.clientAddress ?? ((_request, env) => socketAddress(env)))(context.req.raw, context.env) ?? "unknown";
      const metadata = await readJsonObject(context.req.raw, server.clients.limits.maxBodyBytes);
      return Response.json(await server.clients.register(metadata, address), { status: 201, headers: { "cache-control": "no-store" } });
    } catch (error) {
      return oauthErrorResponse(error);
    }
  });
  routes.onError((error) => oauthErrorResponse(error));

  async function externalAccessToken(subject: string): Promise<string | undefined> {
    return vault ? vault.accessToken(subject) : undefined;
  }

  return {
    routes,
    metadata: () => ({ ...metadataDocument }),
    jwks: () => tokens.jwks(),
    externalAccessToken,
    store,
    resourceServerOptions(resource) {
      const target = resource ?? server.resources[0];
      if (target === undefined) throw new AuthError("invalid_configuration", "resourceServerOptions needs a resource: pass it or configure `resources`");
      let verifierPromise: Promise<TokenVerifier> | undefined;
      return {
        resource: target,
        authorizationServers: [options.issuer],
        ...(options.scopesSupported ? { scopesSupported: options.scopesSupported } : {}),
        verifier: {
          async verify(token) {
            verifierPromise ??= tokens.jwks().then((jwks) =>
              createJwtVerifier({
                jwks,
                issuer: options.issuer,
                audience: target,
                algorithms: [(jwks.keys[0]?.alg as string | undefined) ?? "ES256"],
                requiredType: "at+jwt",
                isRevoked: (claims) => tokens.isRevoked(claims),
              }),
            );
            return (await verifierPromise).verify(token);
          },
        },
        ...(vault ? { resolveExternalAccessToken: (auth: AuthInfo) => externalAccessToken(auth.subject as string) } : {}),
      };
    },
  };
}
