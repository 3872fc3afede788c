export { AuthError, OAuthError } from "./errors.js";
export type { AuthErrorCode, OAuthErrorCode } from "./errors.js";
export { bearerChallenge, extractBearerToken } from "./bearer.js";
export type { BearerExtraction } from "./bearer.js";
export {
  createJwtVerifier,
  authInfoFromClaims,
  SYMMETRIC_ALGORITHMS,
  ASYMMETRIC_ALGORITHMS,
} from "./jwt-verifier.js";
export type { JwtVerifierOptions, TokenVerifier } from "./jwt-verifier.js";
export { createIntrospectionVerifier } from "./introspection.js";
export type { IntrospectionVerifierOptions } from "./introspection.js";
export { createResourceServer, protectedResourceMetadataUrl } from "./resource-server.js";
export type { ResourceServer, ResourceServerOptions, AuthenticateInput, AuthenticateResult } from "./resource-server.js";
export { jwtAuthFromEnv, jwtAuthWarnings, oauthTtlsFromEnv, DEFAULT_OAUTH_TTLS } from "./env.js";
export type { Environment, OAuthTtls } from "./env.js";
export { requiresAuth, hasScopes, missingScopes, canUseTool, toolAuthRequirement } from "@chuk-mcp/core";
export { resolveExternalAccessToken, parseScope, formatScope } from "./scopes.js";
export type { ToolAuthRequirement } from "./scopes.js";
export { createAuthStore, authStoreFromEnv } from "./store.js";
export type { AuthStore, AuthStoreOptions, StorageDriver } from "./store.js";
export { createAuthorizationServer } from "./authorization-server/authorization-server.js";
export type { AuthorizationServer, AuthorizationServerOptions } from "./authorization-server/authorization-server.js";
export type { AuthenticateUser } from "./authorization-server/context.js";
export type { ClientRecord, TokenEndpointAuthMethod } from "./authorization-server/clients.js";
export { renderConsentPage, escapeHtml } from "./authorization-server/consent-page.js";
export type { ConsentPageInput } from "./authorization-server/consent-page.js";
export { oidcProvider, googleProvider, githubProvider, createOAuthUpstream } from "./upstream/oidc.js";
export type { OidcProviderOptions } from "./upstream/oidc.js";
export type { UpstreamProvider, UpstreamSignIn, UpstreamTokens } from "./upstream/provider.js";
export type { MetadataDocumentOptions } from "./client-metadata/document-loader.js";
export { createWebMetadataFetcher, MetadataFetchError } from "./client-metadata/fetcher.js";
export type { HostResolver, MetadataDocumentFetcher, MetadataFetchRequest, MetadataFetchResponse } from "./client-metadata/fetcher.js";
export { createPinnedMetadataFetcher, systemHostResolver } from "./client-metadata/pinned-fetcher.js";
export { isInternalAddress, isInternalHostname } from "./client-metadata/address-ranges.js";
