/**
 * JWT access-token verification on jose: allowed algorithms, issuer, audience (RFC 8707),
 * exp/nbf with leeway, HS/RS confusion and `alg: none` refused.
 * @see https://www.rfc-editor.org/rfc/rfc9068 JWT profile for OAuth 2.0 access tokens
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#token-handling
 */
import type { AuthInfo } from "@chuk-mcp/core";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  importJWK,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import { AuthError } from "./errors.js";
import { parseScope } from "./scopes.js";

/** Verifies a bearer token and returns who it belongs to. Throws `AuthError("invalid_token")`. */
export interface TokenVerifier {
  verify(token: string): Promise<AuthInfo>;
}

export const SYMMETRIC_ALGORITHMS = ["HS256", "HS384", "HS512"] as const;
export const ASYMMETRIC_ALGORITHMS = [
  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519",
] as const;

/** Where the verification key comes from: exactly one of these. */
export interface JwtVerifierOptions {
  /** Shared secret for HS256/384/512. */
  secret?: string | Uint8Array;
  /** A public key: PEM (SPKI), a public JWK, or a CryptoKey. */
  publicKey?: string | JWK | CryptoKey;
  /** A JWKS document held locally. */
  jwks?: JSONWebKeySet;
  /** A JWKS URL, fetched and cached (jose remote JWK set). */
  jwksUri?: string | URL;
  /** Allowed `alg` values. Default: HS256 with a secret, RS256/ES256/EdDSA with public keys. */
  algorithms?: string[];
  /** Expected `iss` (one or several). Unchecked when absent. */
  issuer?: string | string[];
  /** Expected `aud`: this server's canonical URI (RFC 8707). Unchecked when absent. */
  audience?: string | string[];
  /** Clock skew allowed for exp/nbf/iat, in seconds. Default 0. */
  leewaySeconds?: number;
  /**
   * Refuse tokens without `exp` (RFC 9068 §2.2 makes it REQUIRED). Default true; false accepts
   * tokens that never expire, for legacy issuers only.
   */
  requireExpiration?: boolean;
  /** Required JOSE `typ` header, e.g. "at+jwt" (RFC 9068 §2.1). Unchecked when absent. */
  requiredType?: string;
  /** Extra check after signature and claims pass; throw to refuse, return true to refuse as revoked. */
  isRevoked?: (claims: JWTPayload) => Promise<boolean> | boolean;
}

function configurationError(message: string): AuthError {
  return new AuthError("invalid_configuration", message);
}

function resolveAlgorithms(options: JwtVerifierOptions, symmetric: boolean): string[] {
  const algorithms = options.algorithms ?? (symmetric ? ["HS256"] : ["RS256", "ES256", "EdDSA"]);
  if (algorithms.length === 0) throw configurationError("JWT algorithms list is empty; allow at least one algorithm");
  for (const algorithm of algorithms) {
    if (algorithm.toLowerCase() === "none") {
      throw configurationError('JWT algorithm "none" is never allowed; remove it from the allowed algorithms');
    }
    const isSymmetric = (SYMMETRIC_ALGORITHMS as readonly string[]).includes(algorithm);
    const isAsymmetric = (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(algorithm);
    if (!isSymmetric && !isAsymmetric) throw configurationError(`unknown JWT algorithm "${algorithm}"`);
    // Mixing families is how HS/RS key confusion happens: a public key used as an HMAC secret.
    if (symmetric && !isSymmetric) {
      throw configurationError(`JWT algorithm "${algorithm}" needs a public key, but a shared secret was given; allow only HS256/HS384/HS512 with a secret`);
    }
    if (!symmetric && isSymmetric) {
      throw configurationError(`JWT algorithm "${algorithm}" needs a shared secret, but public keys were given; allow only asymmetric algorithms with public keys`);
    }
  }
  return algorithms;
}

async function resolveKey(options: JwtVerifierOptions, algorithms: string[]): Promise<Uint8Array | CryptoKey | JWTVerifyGetKey> {
  if (options.secret !== undefined) {
    const secret = typeof options.secret === "string" ? new TextEncoder().encode(options.secret) : options.secret;
    if (secret.length < 32) {
      throw configurationError("JWT secret is shorter than 32 bytes; use a random secret of at least 256 bits");
    }
    return secret;
  }
  if (options.jwks) return createLocalJWKSet(options.jwks);
  if (options.jwksUri) return createRemoteJWKSet(new URL(options.jwksUri), { cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  const publicKey = options.publicKey;
  if (publicKey === undefined) throw configurationError("no JWT key: pass one of secret, publicKey, jwks or jwksUri");
  const algorithm = algorithms[0] as string;
  if (typeof publicKey === "string") {
    if (algorithms.length > 1) {
      throw configurationError("a PEM public key works with exactly one algorithm; pass algorithms: [\"RS256\"] (or the key's algorithm)");
    }
    return importSPKI(publicKey, algorithm);
  }
  if ("type" in publicKey && typeof (publicKey as CryptoKey).type === "string") return publicKey as CryptoKey;
  const jwk = publicKey as JWK;
  if (jwk.d !== undefined || jwk.k !== undefined) {
    throw configurationError("the JWT public key is a private or symmetric JWK; pass the public JWK only");
  }
  const imported = await importJWK(jwk, jwk.alg ?? algorithm);
  if (imported instanceof Uint8Array) throw configurationError("the JWT public key must be asymmetric");
  return imported;
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "the access token has expired; obtain a new one";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "nbf": return "the access token is not yet valid (nbf is in the future)";
      case "iat": return "the access token was issued in the future";
      case "aud": return "the access token was issued for another audience (resource); request a token for this server";
      case "iss": return "the access token was issued by an untrusted issuer";
      case "exp": return error.reason === "missing" ? "the access token has no expiry (exp); this server accepts only tokens that expire" : "the access token's exp claim is not a number";
      case "typ": return "the access token has the wrong type (typ header); send an access token, not another kind of JWT";
      default: return `the access token claim "${error.claim}" is invalid`;
    }
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "the access token is signed with an algorithm this server does not accept";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "the access token signature is invalid";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "no key of this server matches the access token";
  if (error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JWSInvalid) return "the access token is not a well-formed JWT";
  if (error instanceof joseErrors.JOSENotSupported) return "the access token uses an unsupported algorithm or key";
  return "the access token could not be verified";
}

function audienceOf(payload: JWTPayload): string | string[] | undefined {
  return payload.aud;
}

/** Turns verified JWT claims into the engine's `AuthInfo`. */
export function authInfoFromClaims(token: string, payload: JWTPayload): AuthInfo {
  const scope = payload["scope"];
  const scp = payload["scp"];
  const scopes = typeof scope === "string" ? parseScope(scope) : Array.isArray(scp) ? scp.filter((item): item is string => typeof item === "string") : [];
  const clientId = payload["client_id"] ?? payload["azp"];
  const info: AuthInfo = { token, scopes, claims: { ...payload } };
  if (typeof payload.sub === "string") info.subject = payload.sub;
  if (typeof clientId === "string") info.clientId = clientId;
  if (typeof payload.exp === "number") info.expiresAt = payload.exp;
  const audience = audienceOf(payload);
  if (audience !== undefined) info.audience = audience;
  return info;
}

/** Builds a JWT access-token verifier. Configuration mistakes throw `AuthError("invalid_configuration")`. */
export function createJwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const sources = [options.secret, options.publicKey, options.jwks, options.jwksUri].filter((item) => item !== undefined);
  if (sources.length !== 1) {
    throw configurationError("pass exactly one JWT key source: secret, publicKey, jwks or jwksUri");
  }
  const algorithms = resolveAlgorithms(options, options.secret !== undefined);
  const leeway = options.leewaySeconds ?? 0;
  if (!Number.isFinite(leeway) || leeway < 0) throw configurationError(`JWT leeway must be a non-negative number of seconds, got ${String(leeway)}`);
  const requireExpiration = options.requireExpiration ?? true;
  const keyPromise = resolveKey(options, algorithms);
  keyPromise.catch(() => undefined);
  return {
    async verify(token) {
      let key: Awaited<typeof keyPromise>;
      try {
        key = await keyPromise;
      } catch (error) {
        throw error instanceof AuthError ? error : configurationError(`the JWT key could not be loaded: ${(error as Error).message}`);
      }
      let payload: JWTPayload;
      try {
        const verifyOptions = {
          algorithms,
          clockTolerance: leeway,
          ...(requireExpiration ? { requiredClaims: ["exp"] } : {}),
          ...(options.requiredType === undefined ? {} : { typ: options.requiredType }),
          ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
          ...(options.audience === undefined ? {} : { audience: options.audience }),
        };
        const result = typeof key === "function" ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions);
        payload = result.payload;
      } catch (error) {
        throw new AuthError("invalid_token", reasonOf(error), { cause: error });
      }
      // jose bounds `iat` only together with a maximum age: a token from the future is refused here.
      if (typeof payload.iat === "number" && payload.iat > Math.floor(Date.now() / 1000) + leeway) {
        throw new AuthError("invalid_token", "the access token was issued in the future (iat); check the issuer's clock");
      }
      if (options.isRevoked && (await options.isRevoked(payload))) {
        throw new AuthError("invalid_token", "the access token has been revoked; obtain a new one");
      }
      return authInfoFromClaims(token, payload);
    },
  };
}
