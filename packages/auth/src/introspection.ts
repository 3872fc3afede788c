/**
 * Opaque access tokens checked by RFC 7662 token introspection, with a small bounded cache.
 * @see https://www.rfc-editor.org/rfc/rfc7662
 */
import type { AuthInfo } from "@chuk-mcp/core";
import { sha256 } from "./crypto.js";
import { AuthError } from "./errors.js";
import type { TokenVerifier } from "./jwt-verifier.js";
import { parseScope } from "./scopes.js";

export interface IntrospectionVerifierOptions {
  /** The AS introspection endpoint. */
  endpoint: string | URL;
  /** Credentials of this resource server at the AS (client_secret_basic). */
  clientId: string;
  clientSecret: string;
  /** This server's canonical URI; tokens whose `aud` does not include it are refused. */
  audience?: string;
  /** Expected `iss` in the introspection response, when the AS sends one. */
  issuer?: string;
  /** How long an active answer is reused, in seconds (never past the token's exp). Default 60. */
  cacheSeconds?: number;
  /** Entries held in the cache. Default 1 000. */
  maxCacheEntries?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface CachedAnswer {
  info: AuthInfo;
  until: number;
}

/** A `TokenVerifier` for opaque tokens, asking the AS (RFC 7662). */
export function createIntrospectionVerifier(options: IntrospectionVerifierOptions): TokenVerifier {
  const doFetch = options.fetch ?? fetch;
  const cacheSeconds = options.cacheSeconds ?? 60;
  const maxEntries = options.maxCacheEntries ?? 1_000;
  const cache = new Map<string, CachedAnswer>();
  const basic = btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`);
  return {
    async verify(token) {
      const key = await sha256(token);
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && hit.until > now) return { ...hit.info, token };
      cache.delete(key);
      let body: Record<string, unknown>;
      try {
        const response = await doFetch(options.endpoint, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", authorization: `Basic ${basic}` },
          body: new URLSearchParams({ token, token_type_hint: "access_token" }).toString(),
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
        if (!response.ok) throw new Error(`introspection endpoint answered HTTP ${response.status}`);
        body = (await response.json()) as Record<string, unknown>;
      } catch (error) {
        throw new AuthError("upstream_failure", "token introspection failed; check the introspection endpoint and credentials", { cause: error });
      }
      if (body["active"] !== true) throw new AuthError("invalid_token", "the access token is not active (expired, revoked or unknown)");
      const exp = typeof body["exp"] === "number" ? body["exp"] : undefined;
      if (exp !== undefined && exp * 1000 <= now) throw new AuthError("invalid_token", "the access token has expired; obtain a new one");
      if (options.issuer !== undefined && body["iss"] !== undefined && body["iss"] !== options.issuer) {
        throw new AuthError("invalid_token", "the access token was issued by an untrusted issuer");
      }
      if (options.audience !== undefined) {
        const aud = body["aud"];
        const audiences = Array.isArray(aud) ? aud : typeof aud === "string" ? [aud] : [];
        if (!audiences.includes(options.audience)) {
          throw new AuthError("invalid_token", "the access token was issued for another audience (resource); request a token for this server");
        }
      }
      const info: AuthInfo = { token, scopes: parseScope(typeof body["scope"] === "string" ? body["scope"] : undefined), claims: body };
      if (typeof body["sub"] === "string") info.subject = body["sub"];
      if (typeof body["client_id"] === "string") info.clientId = body["client_id"];
      if (exp !== undefined) info.expiresAt = exp;
      if (body["aud"] !== undefined) info.audience = body["aud"] as string | string[];
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(key, { info, until: Math.min(now + cacheSeconds * 1000, exp === undefined ? Infinity : exp * 1000) });
      return info;
    },
  };
}
