/**
 * Configuration from the environment, compatible with the Python chuk-mcp-server runtime.
 */
import { AuthError } from "./errors.js";
import { ASYMMETRIC_ALGORITHMS, SYMMETRIC_ALGORITHMS } from "./jwt-verifier.js";
import type { ResourceServerOptions } from "./resource-server.js";

export type Environment = Record<string, string | undefined>;

function defaultEnvironment(): Environment {
  return (globalThis as { process?: { env?: Environment } }).process?.env ?? {};
}

/**
 * Simple bearer-JWT resource-server options from `JWT_SECRET_KEY`, `JWT_ALGORITHM` (default HS256),
 * `JWT_ALLOWED_ALGORITHMS` (comma list, default the one algorithm), `JWT_LEEWAY` (seconds, default 0),
 * plus optional `JWT_ISSUER`, `JWT_AUDIENCE` (default: `MCP_RESOURCE_URL`), `MCP_RESOURCE_URL`,
 * `JWT_REQUIRE_EXP` ("true" by default; "false" accepts tokens without `exp`) and `JWT_REQUIRED_TYPE`
 * (e.g. "at+jwt"). Undefined when `JWT_SECRET_KEY` is unset. Check {@link jwtAuthWarnings} at startup.
 * For RS/ES/EdDSA algorithms `JWT_SECRET_KEY` holds the PEM public key.
 */
export function jwtAuthFromEnv(env: Environment = defaultEnvironment()): ResourceServerOptions | undefined {
  const key = env["JWT_SECRET_KEY"];
  if (key === undefined || key === "") return undefined;
  const algorithm = (env["JWT_ALGORITHM"] ?? "HS256").trim();
  const allowed = (env["JWT_ALLOWED_ALGORITHMS"] ?? algorithm).split(",").map((item) => item.trim()).filter(Boolean);
  const leewayText = env["JWT_LEEWAY"];
  const leeway = leewayText === undefined || leewayText === "" ? 0 : Number(leewayText);
  if (!Number.isFinite(leeway) || leeway < 0) {
    throw new AuthError("invalid_configuration", `JWT_LEEWAY must be a non-negative number of seconds, got "${leewayText}"`);
  }
  const symmetric = (SYMMETRIC_ALGORITHMS as readonly string[]).includes(algorithm);
  if (!symmetric && !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new AuthError("invalid_configuration", `JWT_ALGORITHM "${algorithm}" is not supported; use HS256, RS256, ES256 or EdDSA`);
  }
  if (!allowed.includes(algorithm)) allowed.unshift(algorithm);
  const requireText = (env["JWT_REQUIRE_EXP"] ?? "").trim().toLowerCase();
  if (requireText !== "" && requireText !== "true" && requireText !== "false") {
    throw new AuthError("invalid_configuration", `JWT_REQUIRE_EXP must be "true" or "false", got "${env["JWT_REQUIRE_EXP"]}"`);
  }
  const requiredType = env["JWT_REQUIRED_TYPE"]?.trim();
  const issuer = env["JWT_ISSUER"];
  const audience = env["JWT_AUDIENCE"];
  const resource = env["MCP_RESOURCE_URL"];
  return {
    ...(resource ? { resource } : {}),
    jwt: {
      ...(symmetric ? { secret: key } : { publicKey: key.replaceAll("\\n", "\n") }),
      algorithms: allowed,
      leewaySeconds: leeway,
      requireExpiration: requireText !== "false",
      ...(requiredType ? { requiredType } : {}),
      ...(issuer ? { issuer } : {}),
      ...(audience ? { audience } : {}),
    },
  };
}

/**
 * What is weak about a resource-server configuration, one sentence per finding, to log loudly
 * at startup: no issuer check, no audience check (a token minted for any other service that
 * shares the key is accepted), tokens that never expire.
 */
export function jwtAuthWarnings(options: ResourceServerOptions): string[] {
  const jwt = options.jwt;
  if (jwt === undefined) return [];
  const warnings: string[] = [];
  if (jwt.issuer === undefined) {
    warnings.push("JWT issuer is not checked: any token signed with the key is accepted whatever its iss; set JWT_ISSUER");
  }
  if (jwt.audience === undefined && options.resource === undefined) {
    warnings.push("JWT audience is not checked: a token minted for another service that shares the key is accepted here; set JWT_AUDIENCE or MCP_RESOURCE_URL");
  }
  if (jwt.requireExpiration === false) warnings.push("JWT_REQUIRE_EXP=false: tokens without exp are accepted and never expire");
  return warnings;
}

/** Lifetimes of OAuth artefacts, in seconds. */
export interface OAuthTtls {
  authorizationCode: number;
  accessToken: number;
  refreshToken: number;
  clientRegistration: number;
  externalToken: number;
}

export const DEFAULT_OAUTH_TTLS: OAuthTtls = {
  authorizationCode: 600,
  accessToken: 3600,
  refreshToken: 2_592_000,
  clientRegistration: 31_536_000,
  externalToken: 5_184_000,
};

function ttl(env: Environment, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new AuthError("invalid_configuration", `${name} must be a positive whole number of seconds, got "${text}"`);
  }
  return value;
}

/** TTLs from `OAUTH_AUTH_CODE_TTL`, `OAUTH_ACCESS_TOKEN_TTL`, `OAUTH_REFRESH_TOKEN_TTL`, `OAUTH_CLIENT_REGISTRATION_TTL`, `OAUTH_EXTERNAL_TOKEN_TTL`. */
export function oauthTtlsFromEnv(env: Environment = defaultEnvironment()): OAuthTtls {
  return {
    authorizationCode: ttl(env, "OAUTH_AUTH_CODE_TTL", DEFAULT_OAUTH_TTLS.authorizationCode),
    accessToken: ttl(env, "OAUTH_ACCESS_TOKEN_TTL", DEFAULT_OAUTH_TTLS.accessToken),
    refreshToken: ttl(env, "OAUTH_REFRESH_TOKEN_TTL", DEFAULT_OAUTH_TTLS.refreshToken),
    clientRegistration: ttl(env, "OAUTH_CLIENT_REGISTRATION_TTL", DEFAULT_OAUTH_TTLS.clientRegistration),
    externalToken: ttl(env, "OAUTH_EXTERNAL_TOKEN_TTL", DEFAULT_OAUTH_TTLS.externalToken),
  };
}
