/**
 * Bearer token extraction and `WWW-Authenticate` challenges.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-5.1
 */

/** RFC 6750 §2.1 b64token. */
const B64_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export type BearerExtraction =
  | { kind: "missing" }
  | { kind: "malformed"; reason: string }
  | { kind: "token"; token: string };

/** Largest bearer token accepted, in characters. */
export const MAX_BEARER_TOKEN_LENGTH = 16_384;

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Finds the bearer token in the Authorization header (the only method MCP allows). */
export function extractBearerToken(headers: Record<string, string | string[] | undefined>, url?: string): BearerExtraction {
  const header = headerValue(headers, "authorization") ?? headerValue(headers, "Authorization");
  if (url !== undefined) {
    try {
      if (new URL(url).searchParams.has("access_token")) {
        return { kind: "malformed", reason: "access tokens in the query string are not accepted; send them in the Authorization header" };
      }
    } catch {
      // an unparsable URL is the transport's problem; the header decides here
    }
  }
  if (header === undefined || header.trim() === "") return { kind: "missing" };
  if (header.length > MAX_BEARER_TOKEN_LENGTH + 64) {
    return { kind: "malformed", reason: "the bearer token has characters a token may not contain or is too long" };
  }
  // Two Authorization headers arrive joined by a comma (Fetch Headers, Node with joinDuplicateHeaders):
  // a token never contains one, so a comma means two credentials and neither may silently win.
  if (header.includes(",")) {
    return { kind: "malformed", reason: "send exactly one Authorization header carrying one Bearer token; this request carries several credentials" };
  }
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match) {
    return { kind: "malformed", reason: 'the Authorization header must be "Bearer <access token>"' };
  }
  const token = match[1] as string;
  if (token.length > MAX_BEARER_TOKEN_LENGTH || !B64_TOKEN.test(token)) {
    return { kind: "malformed", reason: "the bearer token has characters a token may not contain or is too long" };
  }
  return { kind: "token", token };
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&").replace(/[\r\n]/g, " ")}"`;
}

/** Builds a `Bearer` challenge: `Bearer error="...", error_description="...", scope="...", resource_metadata="..."`. */
export function bearerChallenge(parameters: {
  error?: string;
  errorDescription?: string;
  scope?: string;
  resourceMetadata?: string;
  realm?: string;
}): string {
  const parts: string[] = [];
  if (parameters.realm !== undefined) parts.push(`realm=${quote(parameters.realm)}`);
  if (parameters.error !== undefined) parts.push(`error=${quote(parameters.error)}`);
  if (parameters.errorDescription !== undefined) parts.push(`error_description=${quote(parameters.errorDescription)}`);
  if (parameters.scope !== undefined && parameters.scope !== "") parts.push(`scope=${quote(parameters.scope)}`);
  if (parameters.resourceMetadata !== undefined) parts.push(`resource_metadata=${quote(parameters.resourceMetadata)}`);
  return parts.length === 0 ? "Bearer" : `Bearer ${parts.join(", ")}`;
}
