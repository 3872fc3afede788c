/**
 * `/oauth/token` (authorization_code, refresh_token) and `/oauth/revoke` (RFC 7009).
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-3.2
 * @see https://www.rfc-editor.org/rfc/rfc7009
 */
import { pkceChallenge, sha256, timingSafeEqual } from "../crypto.js";
import { OAuthError } from "../errors.js";
import { parseScope } from "../scopes.js";
import type { ClientRecord } from "./clients.js";
import type { CodeRecord, ServerContext } from "./context.js";
import { readFormBody } from "./request-body.js";
import type { TokenResponse } from "./tokens.js";

const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** What a code's entry becomes once redeemed: enough to revoke the grant on replay. */
interface RedeemedCode {
  redeemed: true;
  familyId: string;
}

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** Turns any failure into an RFC 6749 §5.2 JSON error; unexpected ones become server_error without details. */
export function oauthErrorResponse(error: unknown): Response {
  const failure = error instanceof OAuthError ? error : new OAuthError("server_error", "the server failed to handle the request; try again later", { cause: error });
  return Response.json(failure.toJSON(), { status: failure.status, headers: { ...NO_STORE, ...failure.headers } });
}

function required(parameters: Map<string, string>, name: string): string {
  const value = parameters.get(name);
  if (value === undefined || value === "") throw new OAuthError("invalid_request", `${name} is required`);
  return value;
}

async function exchangeCode(server: ServerContext, parameters: Map<string, string>, client: ClientRecord, allowRefresh: boolean): Promise<TokenResponse> {
  const clientId = client.client_id;
  const code = required(parameters, "code");
  const key = `code:${await sha256(code)}`;
  const invalid = new OAuthError("invalid_grant", "the authorization code is invalid, expired or already used");
  const seen = await server.store.get<CodeRecord | RedeemedCode>(key);
  if (!seen) throw invalid;
  // One atomic swap redeems the code: of concurrent exchanges exactly one gets the record,
  // every other one (and any later replay) finds the marker and revokes the grant (OAuth 2.1 §4.1.3).
  const marker: RedeemedCode = { redeemed: true, familyId: seen.familyId };
  const taken = await server.store.exchange<CodeRecord | RedeemedCode>(key, marker);
  if (!taken) throw invalid;
  if ("redeemed" in taken) {
    await server.tokens.revokeFamily(taken.familyId);
    throw invalid;
  }
  const record = taken;
  if (record.clientId !== clientId) throw invalid;
  const redirectUri = parameters.get("redirect_uri");
  if (record.redirectUriProvided ? redirectUri !== record.redirectUri : redirectUri !== undefined && redirectUri !== record.redirectUri) {
    throw new OAuthError("invalid_grant", "redirect_uri does not match the one used in the authorization request");
  }
  const verifier = required(parameters, "code_verifier");
  if (!CODE_VERIFIER.test(verifier)) throw new OAuthError("invalid_grant", "code_verifier must be 43-128 characters of [A-Za-z0-9-._~]");
  if (!timingSafeEqual(await pkceChallenge(verifier), record.codeChallenge)) {
    throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge");
  }
  const resource = parameters.get("resource");
  if (resource !== undefined && resource !== record.resource) {
    throw new OAuthError("invalid_target", "resource differs from the one in the authorization request");
  }
  const tokens = await server.tokens.issue(
    { clientId, subject: record.subject, scopes: record.scopes, resource: record.resource, familyId: record.familyId },
    { refresh: allowRefresh },
  );
  await server.clients.markUsed(client);
  return tokens;
}

/** POST /oauth/token */
export async function handleToken(server: ServerContext, request: Request): Promise<Response> {
  try {
    const parameters = await readFormBody(request, server.maxBodyBytes);
    const client = await server.clients.authenticate(request, parameters);
    const grantType = required(parameters, "grant_type");
    if (grantType !== "authorization_code" && grantType !== "refresh_token") {
      throw new OAuthError("unsupported_grant_type", `grant_type "${grantType}" is not supported; use authorization_code or refresh_token`);
    }
    if (!client.grant_types.includes(grantType)) throw new OAuthError("unauthorized_client", `this client is not registered for ${grantType}`);
    const allowRefresh = client.grant_types.includes("refresh_token");
    let body: TokenResponse;
    if (grantType === "authorization_code") {
      body = await exchangeCode(server, parameters, client, allowRefresh);
    } else {
      const scope = parameters.get("scope");
      const resource = parameters.get("resource");
      body = await server.tokens.refresh(required(parameters, "refresh_token"), client.client_id, {
        ...(scope === undefined ? {} : { scopes: parseScope(scope) }),
        ...(resource === undefined ? {} : { resource }),
      });
    }
    return Response.json(body, { status: 200, headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}

/** POST /oauth/revoke */
export async function handleRevoke(server: ServerContext, request: Request): Promise<Response> {
  try {
    const parameters = await readFormBody(request, server.maxBodyBytes);
    const client = await server.clients.authenticate(request, parameters);
    const token = required(parameters, "token");
    await server.tokens.revoke(token, client.client_id);
    return new Response(null, { status: 200, headers: NO_STORE });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}
