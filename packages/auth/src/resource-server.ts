/**
 * The resource-server side: checks the bearer token on every MCP request and serves
 * RFC 9728 protected resource metadata.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 * @see https://www.rfc-editor.org/rfc/rfc9728
 */
import {
  missingScopes,
  type AuthenticateInput,
  type AuthenticateResult as TransportAuthenticateResult,
  type AuthInfo,
} from "@chuk-mcp/core";
import { Hono } from "hono";
import { bearerChallenge, extractBearerToken } from "./bearer.js";
import { AuthError } from "./errors.js";
import { createJwtVerifier, type JwtVerifierOptions, type TokenVerifier } from "./jwt-verifier.js";
import { formatScope } from "./scopes.js";

export interface ResourceServerOptions {
  /** This MCP server's canonical URI (RFC 8707), e.g. "https://mcp.example.com/mcp". Derived from the request URL when absent. */
  resource?: string;
  /** Issuers of the authorization servers clients should use (RFC 9728 `authorization_servers`). */
  authorizationServers?: string[];
  /** Scopes advertised in metadata and in 401 challenges. */
  scopesSupported?: string[];
  /** Scopes every request needs; a token without them gets 403 insufficient_scope. */
  requiredScopes?: string[];
  /** JWT verification; `audience` defaults to `resource`. Ignored when `verifier` is given. */
  jwt?: JwtVerifierOptions;
  /** A custom verifier (e.g. `createIntrospectionVerifier`). */
  verifier?: TokenVerifier;
  /** Looks up the upstream provider's access token for the caller (`AuthInfo.extra.externalAccessToken`). */
  resolveExternalAccessToken?: (auth: AuthInfo) => Promise<string | undefined>;
  resourceName?: string;
  resourceDocumentation?: string;
}

/** The hook contract is `@chuk-mcp/core`'s (shared with `@chuk-mcp/http`); this server only fails with 400, 401 or 403. */
export type AuthenticateResult = TransportAuthenticateResult<401 | 403 | 400>;
export type { AuthenticateInput };

export interface ResourceServer {
  /** Checks the request's bearer token. Call it on every MCP request, both protocol eras. */
  authenticate(input: AuthenticateInput): Promise<AuthenticateResult>;
  /** The 403 step-up answer for a caller lacking `scopes` (SEP-835). */
  insufficientScope(input: { url: string; scopes: string[] }): AuthenticateResult & { ok: false };
  /** RFC 9728 metadata; `requestUrl` supplies the resource when the options do not. */
  protectedResourceMetadata(requestUrl?: string): Record<string, unknown>;
  /** Serves `/.well-known/oauth-protected-resource[/path]`. */
  routes: Hono;
}

const WELL_KNOWN = "/.well-known/oauth-protected-resource";

function canonicalResource(resource: string): string {
  let url: URL;
  try {
    url = new URL(resource);
  } catch (error) {
    throw new AuthError("invalid_configuration", `resource "${resource}" is not an absolute URI; pass e.g. "https://mcp.example.com/mcp"`, { cause: error });
  }
  if (url.hash) throw new AuthError("invalid_configuration", `resource "${resource}" must not contain a fragment`);
  const text = url.href;
  return url.pathname === "/" && !url.search && !resource.endsWith("/") ? text.slice(0, -1) : text;
}

/** The metadata URL for a resource: well-known prefix inserted before the path (RFC 9728 §3.1). */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return `${url.origin}${WELL_KNOWN}${path}`;
}

function jsonError(error: string, description: string): string {
  return JSON.stringify({ error, error_description: description });
}

/** Creates the resource server. Throws `AuthError("invalid_configuration")` on bad options. */
export function createResourceServer(options: ResourceServerOptions): ResourceServer {
  const resource = options.resource === undefined ? undefined : canonicalResource(options.resource);
  const verifier =
    options.verifier ??
    (options.jwt
      ? createJwtVerifier({ ...options.jwt, audience: options.jwt.audience ?? resource })
      : undefined);
  if (!verifier) throw new AuthError("invalid_configuration", "createResourceServer needs `jwt` options or a `verifier`");
  const requiredScopes = options.requiredScopes ?? [];
  const challengeScope = formatScope(requiredScopes.length > 0 ? requiredScopes : (options.scopesSupported ?? []));

  function resourceFor(url: string): string {
    if (resource) return resource;
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  }

  function metadataUrlFor(url: string): string {
    return protectedResourceMetadataUrl(resourceFor(url));
  }

  function failure(status: 400 | 401 | 403, url: string, error: string | undefined, description: string, scope = challengeScope): AuthenticateResult & { ok: false } {
    const challenge = bearerChallenge({
      ...(error === undefined ? {} : { error, errorDescription: description }),
      scope,
      resourceMetadata: metadataUrlFor(url),
    });
    return {
      ok: false,
      status,
      headers: { "www-authenticate": challenge, "content-type": "application/json", "cache-control": "no-store" },
      body: jsonError(error ?? "unauthorized", description),
    };
  }

  function insufficientScope(input: { url: string; scopes: string[] }): AuthenticateResult & { ok: false } {
    return failure(403, input.url, "insufficient_scope", `this request needs the scopes: ${formatScope(input.scopes)}`, formatScope(input.scopes));
  }

  async function authenticate(input: AuthenticateInput): Promise<AuthenticateResult> {
    const extraction = extractBearerToken(input.headers, input.url);
    if (extraction.kind === "missing") {
      return failure(401, input.url, undefined, "authentication required: send an access token in the Authorization header as \"Bearer <token>\"");
    }
    if (extraction.kind === "malformed") return failure(400, input.url, "invalid_request", extraction.reason);
    let auth: AuthInfo;
    try {
      auth = await verifier!.verify(extraction.token);
    } catch (error) {
      if (error instanceof AuthError && error.code === "invalid_token") return failure(401, input.url, "invalid_token", error.message.replace(/^\[chuk-mcp\] \[auth\] /, ""));
      return failure(401, input.url, "invalid_token", "the access token could not be verified right now; retry later");
    }
    const missing = missingScopes(auth, requiredScopes);
    if (missing.length > 0) return insufficientScope({ url: input.url, scopes: requiredScopes });
    if (options.resolveExternalAccessToken && auth.subject !== undefined) {
      try {
        const external = await options.resolveExternalAccessToken(auth);
        if (external !== undefined) auth.extra = { ...auth.extra, externalAccessToken: external };
      } catch {
        return failure(401, input.url, "invalid_token", "the upstream identity provider session has expired; sign in again");
      }
    }
    return { ok: true, auth };
  }

  function protectedResourceMetadata(requestUrl?: string): Record<string, unknown> {
    const resolved = resource ?? (requestUrl ? resourceFor(requestUrl) : undefined);
    const metadata: Record<string, unknown> = {
      resource: resolved,
      authorization_servers: options.authorizationServers ?? [],
      bearer_methods_supported: ["header"],
    };
    if (options.scopesSupported) metadata["scopes_supported"] = options.scopesSupported;
    if (options.resourceName) metadata["resource_name"] = options.resourceName;
    if (options.resourceDocumentation) metadata["resource_documentation"] = options.resourceDocumentation;
    return metadata;
  }

  const routes = new Hono();
  const serveMetadata = (requestUrl: string): Response => {
    const url = new URL(requestUrl);
    const suffix = url.pathname.slice(WELL_KNOWN.length);
    const derived = resource ?? `${url.origin}${suffix === "" ? "" : suffix}`;
    if (resource && suffix !== "" && protectedResourceMetadataUrl(resource) !== `${url.origin}${url.pathname}`) {
      return Response.json({ error: "not_found", error_description: `no protected resource at ${suffix}` }, { status: 404 });
    }
    const body = protectedResourceMetadata(resource ? undefined : derived);
    if (!resource) body["resource"] = derived;
    return Response.json(body, { headers: { "cache-control": "public, max-age=3600", "access-control-allow-origin": "*" } });
  };
  routes.get(WELL_KNOWN, (context) => serveMetadata(context.req.url));
  routes.get(`${WELL_KNOWN}/*`, (context) => serveMetadata(context.req.url));

  return { authenticate, insufficientScope, protectedResourceMetadata, routes };
}
