/**
 * RFC 8414 authorization server metadata and the endpoint layout under the issuer.
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 */

export interface EndpointPaths {
  issuerPath: string;
  authorize: string;
  token: string;
  register: string;
  revoke: string;
  consent: string;
  callback: string;
  jwks: string;
}

/** Paths (relative to the issuer origin) of every endpoint. */
export function endpointPaths(issuer: URL): EndpointPaths {
  const issuerPath = issuer.pathname === "/" ? "" : issuer.pathname.replace(/\/$/, "");
  return {
    issuerPath,
    authorize: `${issuerPath}/oauth/authorize`,
    token: `${issuerPath}/oauth/token`,
    register: `${issuerPath}/oauth/register`,
    revoke: `${issuerPath}/oauth/revoke`,
    consent: `${issuerPath}/oauth/consent`,
    callback: `${issuerPath}/oauth/callback`,
    jwks: `${issuerPath}/oauth/jwks`,
  };
}

/** Builds the metadata document. */
export function buildAuthorizationServerMetadata(options: {
  issuer: string;
  paths: EndpointPaths;
  scopesSupported?: string[];
  clientIdMetadataDocuments: boolean;
}): Record<string, unknown> {
  const origin = new URL(options.issuer).origin;
  const metadata: Record<string, unknown> = {
    issuer: options.issuer,
    authorization_endpoint: `${origin}${options.paths.authorize}`,
    token_endpoint: `${origin}${options.paths.token}`,
    registration_endpoint: `${origin}${options.paths.register}`,
    revocation_endpoint: `${origin}${options.paths.revoke}`,
    jwks_uri: `${origin}${options.paths.jwks}`,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none", "client_secret_post", "client_secret_basic"],
    revocation_endpoint_auth_methods_supported: ["none", "client_secret_post", "client_secret_basic"],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: options.clientIdMetadataDocuments,
  };
  if (options.scopesSupported) metadata["scopes_supported"] = options.scopesSupported;
  return metadata;
}
