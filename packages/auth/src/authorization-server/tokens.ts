/**
 * Token issuing: JWT access tokens bound to one audience (RFC 8707, RFC 9068) and opaque
 * refresh tokens with rotation and reuse detection that revokes the whole family.
 * @see https://www.rfc-editor.org/rfc/rfc9068
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-4.3.1 (refresh rotation)
 */
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK, type JWTPayload } from "jose";
import { randomToken, sha256 } from "../crypto.js";
import { AuthError, OAuthError } from "../errors.js";
import type { OAuthTtls } from "../env.js";
import type { AuthStore } from "../store.js";
import { formatScope } from "../scopes.js";

/** What a grant (authorization) covers; every token of a family shares it. */
export interface Grant {
  clientId: string;
  subject: string;
  scopes: string[];
  resource: string;
  familyId: string;
}

interface RefreshRecord extends Grant {
  used: boolean;
  expiresAt: number;
}

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

export interface TokenServiceOptions {
  issuer: string;
  store: AuthStore;
  ttls: OAuthTtls;
  /** Private signing JWK (ES256/RS256/EdDSA). Default: an ES256 key generated per process. */
  signingKey?: JWK;
}

export interface TokenService {
  issue(grant: Grant, options: { refresh: boolean }): Promise<TokenResponse>;
  refresh(refreshToken: string, clientId: string, requested: { scopes?: string[]; resource?: string }): Promise<TokenResponse>;
  revokeFamily(familyId: string): Promise<void>;
  /** Revokes a refresh or access token presented at /oauth/revoke; unknown tokens are ignored (RFC 7009 §2.2). */
  revoke(token: string, clientId: string): Promise<void>;
  /** Verifies one of our access tokens (signature, issuer, expiry, revocation) — audience is the caller's to check. */
  verifyAccessToken(token: string): Promise<JWTPayload>;
  isRevoked(claims: JWTPayload): Promise<boolean>;
  jwks(): Promise<JSONWebKeySet>;
}

interface SigningMaterial {
  privateKey: CryptoKey;
  publicJwk: JWK;
  algorithm: string;
}

async function loadSigningMaterial(signingKey: JWK | undefined): Promise<SigningMaterial> {
  if (signingKey) {
    if (signingKey.d === undefined) throw new AuthError("invalid_configuration", "signingKey must be a private JWK (with \"d\")");
    const algorithm = signingKey.alg ?? (signingKey.kty === "EC" ? "ES256" : signingKey.kty === "OKP" ? "EdDSA" : "RS256");
    const privateKey = (await importJWK(signingKey, algorithm)) as CryptoKey;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = signingKey;
    return { privateKey, algorithm, publicJwk: { ...publicJwk, alg: algorithm, use: "sig", kid: signingKey.kid ?? randomToken(8) } };
  }
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, algorithm: "ES256", publicJwk: { ...publicJwk, alg: "ES256", use: "sig", kid: randomToken(8) } };
}

/** Creates the token service. */
export function createTokenService(options: TokenServiceOptions): TokenService {
  const { store, ttls, issuer } = options;
  const material = loadSigningMaterial(options.signingKey);
  material.catch(() => undefined);

  async function signAccessToken(grant: Grant): Promise<string> {
    const { privateKey, algorithm, publicJwk } = await material;
    return new SignJWT({ scope: formatScope(grant.scopes), client_id: grant.clientId, sid: grant.familyId })
      .setProtectedHeader({ alg: algorithm, typ: "at+jwt", kid: publicJwk.kid as string })
      .setIssuer(issuer)
      .setSubject(grant.subject)
      .setAudience(grant.resource)
      .setIssuedAt()
      .setExpirationTime(`${ttls.accessToken}s`)
      .setJti(randomToken(16))
      .sign(privateKey);
  }

  async function issue(grant: Grant, issueOptions: { refresh: boolean }): Promise<TokenResponse> {
    const response: TokenResponse = {
      access_token: await signAccessToken(grant),
      token_type: "Bearer",
      expires_in: ttls.accessToken,
      scope: formatScope(grant.scopes),
    };
    if (issueOptions.refresh) {
      const refreshToken = `rt_${randomToken(32)}`;
      const record: RefreshRecord = { ...grant, used: false, expiresAt: Date.now() + ttls.refreshToken * 1000 };
      await store.set(`refresh:${await sha256(refreshToken)}`, record, ttls.refreshToken);
      response.refresh_token = refreshToken;
    }
    return response;
  }

  async function familyRevoked(familyId: string): Promise<boolean> {
    return (await store.get<boolean>(`family-revoked:${familyId}`)) === true;
  }

  async function revokeFamily(familyId: string): Promise<void> {
    await store.set(`family-revoked:${familyId}`, true, ttls.refreshToken);
  }

  async function refresh(refreshToken: string, clientId: string, requested: { scopes?: string[]; resource?: string }): Promise<TokenResponse> {
    const key = `refresh:${await sha256(refreshToken)}`;
    const record = await store.get<RefreshRecord>(key);
    const invalid = new OAuthError("invalid_grant", "the refresh token is invalid, expired or revoked; sign in again");
    if (!record || record.clientId !== clientId) throw invalid;
    if (await familyRevoked(record.familyId)) throw invalid;
    if (!record.used) {
      const scopes = requested.scopes ?? record.scopes;
      const escalated = scopes.filter((scope) => !record.scopes.includes(scope));
      if (escalated.length > 0) {
        throw new OAuthError("invalid_scope", `the refresh request asks for scopes not in the original grant: ${escalated.join(" ")}`);
      }
      if (requested.resource !== undefined && requested.resource !== record.resource) {
        throw new OAuthError("invalid_target", "the resource differs from the one this grant was issued for");
      }
    }
    // The atomic swap is the rotation: of concurrent refreshes exactly one sees `used: false`.
    const previous = await store.exchange<RefreshRecord>(key, { ...record, used: true });
    if (!previous) throw invalid;
    if (previous.used) {
      // A rotated token came back: either the client or an attacker holds a stolen copy. Kill the family.
      await revokeFamily(record.familyId);
      throw new OAuthError("invalid_grant", "the refresh token was already used; every token of this grant is now revoked, sign in again");
    }
    return issue({ ...previous, scopes: requested.scopes ?? previous.scopes }, { refresh: true });
  }

  async function verifyAccessToken(token: string): Promise<JWTPayload> {
    const { publicJwk, algorithm } = await material;
    const key = await importJWK(publicJwk, algorithm);
    const { payload } = await jwtVerify(token, key, { issuer, algorithms: [algorithm], typ: "at+jwt" });
    return payload;
  }

  async function isRevoked(claims: JWTPayload): Promise<boolean> {
    if (typeof claims["sid"] === "string" && (await familyRevoked(claims["sid"]))) return true;
    return typeof claims.jti === "string" && (await store.get<boolean>(`access-revoked:${claims.jti}`)) === true;
  }

  async function revoke(token: string, clientId: string): Promise<void> {
    const record = await store.get<RefreshRecord>(`refresh:${await sha256(token)}`);
    if (record) {
      if (record.clientId === clientId) await revokeFamily(record.familyId);
      return;
    }
    let claims: JWTPayload;
    try {
      claims = await verifyAccessToken(token);
    } catch {
      return;
    }
    if (claims["client_id"] !== clientId || typeof claims.jti !== "string") return;
    const ttl = Math.max(1, (claims.exp ?? 0) - Math.floor(Date.now() / 1000));
    await store.set(`access-revoked:${claims.jti}`, true, ttl);
  }

  return {
    issue,
    refresh,
    revokeFamily,
    revoke,
    verifyAccessToken,
    isRevoked,
    async jwks() {
      return { keys: [(await material).publicJwk] };
    },
  };
}
