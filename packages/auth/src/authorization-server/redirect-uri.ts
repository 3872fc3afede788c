/**
 * Redirect URI rules: what a client may register, and the exact match at authorize/token time.
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-2.3.1
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-8.4.2 (loopback ports)
 */
import { OAuthError } from "../errors.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]"]);
const FORBIDDEN_SCHEMES = new Set(["javascript:", "data:", "file:", "vbscript:", "about:", "blob:"]);

function isLoopback(url: URL): boolean {
  return url.protocol === "http:" && (LOOPBACK_HOSTS.has(url.hostname) || url.hostname === "localhost");
}

/** Checks one redirect URI a client registers. `applicationType` follows OpenID DCR. */
export function validateRedirectUri(uri: unknown, applicationType: "web" | "native"): string {
  if (typeof uri !== "string" || uri.length === 0 || uri.length > 2_000) {
    throw new OAuthError("invalid_redirect_uri", "each redirect_uri must be a non-empty string of at most 2000 characters");
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch (error) {
    throw new OAuthError("invalid_redirect_uri", `redirect_uri "${uri}" is not an absolute URI`, { cause: error });
  }
  if (url.hash || uri.includes("#")) throw new OAuthError("invalid_redirect_uri", `redirect_uri "${uri}" must not contain a fragment`);
  if (FORBIDDEN_SCHEMES.has(url.protocol)) throw new OAuthError("invalid_redirect_uri", `redirect_uri scheme "${url.protocol}" is not allowed`);
  if (url.username || url.password) throw new OAuthError("invalid_redirect_uri", `redirect_uri "${uri}" must not contain credentials`);
  if (url.protocol === "https:") return uri;
  if (url.protocol === "http:") {
    if (isLoopback(url)) return uri;
    throw new OAuthError("invalid_redirect_uri", `redirect_uri "${uri}" uses http on a non-loopback host; use https`);
  }
  if (applicationType === "native" && /^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/.test(url.protocol)) return uri;
  throw new OAuthError(
    "invalid_redirect_uri",
    applicationType === "native"
      ? `redirect_uri "${uri}" must be https, http on a loopback IP, or a private-use scheme in reverse-domain form (com.example.app:/callback)`
      : `redirect_uri "${uri}" must be https (or http on a loopback IP); register as application_type "native" for custom schemes`,
  );
}

/**
 * True when `requested` equals a registered URI. The one allowed difference is the port of a
 * loopback IP redirect (OAuth 2.1 §8.4.2); scheme, host, path and query must match exactly.
 */
export function matchRedirectUri(requested: string, registered: readonly string[]): boolean {
  if (registered.includes(requested)) return true;
  let asked: URL;
  try {
    asked = new URL(requested);
  } catch {
    return false;
  }
  if (asked.protocol !== "http:" || !LOOPBACK_HOSTS.has(asked.hostname)) return false;
  return registered.some((candidate) => {
    let known: URL;
    try {
      known = new URL(candidate);
    } catch {
      return false;
    }
    return (
      known.protocol === "http:" &&
      known.hostname === asked.hostname &&
      known.pathname === asked.pathname &&
      known.search === asked.search &&
      known.hash === "" &&
      asked.hash === "" &&
      known.username === "" &&
      asked.username === ""
    );
  });
}
