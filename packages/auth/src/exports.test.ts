/**
 * Pins the public surface: the export-map keys and the root entry's runtime exports change only
 * on purpose (add the name here in the same change, with a changeset).
 */
import { readFileSync } from "node:fs";
import * as core from "@chuk-mcp/core";
import { describe, expect, it } from "vitest";
import * as publicApi from "./index.js";

describe("public surface", () => {
  it("offers exactly the root entry", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports)).toEqual(["."]);
  });

  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(publicApi).sort()).toEqual(
      [
        "ASYMMETRIC_ALGORITHMS", "AuthError", "DEFAULT_OAUTH_TTLS", "MetadataFetchError", "OAuthError", "SYMMETRIC_ALGORITHMS",
        "authInfoFromClaims", "authStoreFromEnv", "bearerChallenge", "canUseTool", "createAuthStore", "createAuthorizationServer",
        "createIntrospectionVerifier", "createJwtVerifier", "createOAuthUpstream", "createPinnedMetadataFetcher",
        "createResourceServer", "createWebMetadataFetcher", "escapeHtml", "extractBearerToken", "formatScope", "githubProvider",
        "googleProvider", "hasScopes", "isInternalAddress", "isInternalHostname", "jwtAuthFromEnv", "jwtAuthWarnings",
        "missingScopes", "oauthTtlsFromEnv", "oidcProvider", "parseScope", "protectedResourceMetadataUrl", "renderConsentPage",
        "requiresAuth", "resolveExternalAccessToken", "systemHostResolver", "toolAuthRequirement",
      ].sort(),
    );
  });

  it("re-exports core's scope helpers rather than copies of them", () => {
    expect(publicApi.requiresAuth).toBe(core.requiresAuth);
    expect(publicApi.hasScopes).toBe(core.hasScopes);
    expect(publicApi.missingScopes).toBe(core.missingScopes);
    expect(publicApi.canUseTool).toBe(core.canUseTool);
    expect(publicApi.toolAuthRequirement).toBe(core.toolAuthRequirement);
  });
});
