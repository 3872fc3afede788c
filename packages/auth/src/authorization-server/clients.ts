/**
 * OAuth clients: RFC 7591 dynamic registration, client ID metadata documents (the client_id
 * is an https URL whose metadata is fetched, validated and cached), client authentication.
 * @see https://www.rfc-editor.org/rfc/rfc7591
 * @see https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#client-id-metadata-documents
 */
import { randomToken, sha256, timingSafeEqual } from "../crypto.js";
import { OAuthError } from "../errors.js";
import type { AuthStore } from "../store.js";
import { createDocumentLoader, type MetadataDocumentOptions } from "../client-metadata/document-loader.js";
import { isValidScopeString, normalizeDisplayText } from "./display-text.js";
import { validateRedirectUri } from "./redirect-uri.js";
import {
  createRegistrationRateLimiter,
  resolveRegistrationLimits,
  type RegistrationLimits,
  type ResolvedRegistrationLimits,
} from "./registration-limits.js";

export type TokenEndpointAuthMethod = "none" | "client_secret_post" | "client_secret_basic";
const AUTH_METHODS: readonly TokenEndpointAuthMethod[] = ["none", "client_secret_post", "client_secret_basic"];
const GRANT_TYPES = ["authorization_code", "refresh_token"];

/** A client as stored. The secret is kept only as a SHA-256 hash. */
export interface ClientRecord {
  client_id: string;
  client_secret_hash?: string;
  client_name?: string;
  client_uri?: string;
  logo_uri?: string;
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  application_type: "web" | "native";
  scope?: string;
  client_id_issued_at: number;
  client_secret_expires_at?: number;
  /** True for clients described by a metadata document. */
  metadata_document?: boolean;
  /** False until the client first redeems a code; unused registrations expire early. */
  used?: boolean;
}

function optionalString(metadata: Record<string, unknown>, name: string, max = 500): string | undefined {
  const value = Object.hasOwn(metadata, name) ? metadata[name] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length > max * 4) {
    throw new OAuthError("invalid_client_metadata", `${name} must be a string of at most ${max} characters`);
  }
  return normalizeDisplayText(value, name, max);
}

function optionalHttpsUrl(metadata: Record<string, unknown>, name: string): string | undefined {
  const value = optionalString(metadata, name, 2_000);
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || new URL(value).protocol !== "https:") {
    throw new OAuthError("invalid_client_metadata", `${name} must be an https URL`);
  }
  return value;
}

function stringList(metadata: Record<string, unknown>, name: string, fallback: string[]): string[] {
  const value = Object.hasOwn(metadata, name) ? metadata[name] : undefined;
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new OAuthError("invalid_client_metadata", `${name} must be an array of strings`);
  }
  return [...new Set(value as string[])];
}

/** Validates client metadata (RFC 7591 §2) into a record without id/secret. */
export function validateClientMetadata(metadata: Record<string, unknown>): Omit<ClientRecord, "client_id" | "client_id_issued_at"> {
  const field = (name: string): unknown => (Object.hasOwn(metadata, name) ? metadata[name] : undefined);
  const applicationType = field("application_type") ?? "web";
  if (applicationType !== "web" && applicationType !== "native") {
    throw new OAuthError("invalid_client_metadata", 'application_type must be "web" or "native"');
  }
  const redirectUris = field("redirect_uris");
  if (!Array.isArray(redirectUris) || redirectUris.length === 0 || redirectUris.length > 20) {
    throw new OAuthError("invalid_redirect_uri", "redirect_uris must be an array of 1 to 20 absolute URIs");
  }
  const validated = redirectUris.map((uri) => validateRedirectUri(uri, applicationType));
  const method = (field("token_endpoint_auth_method") ?? "client_secret_basic") as TokenEndpointAuthMethod;
  if (!AUTH_METHODS.includes(method)) {
    throw new OAuthError("invalid_client_metadata", `token_endpoint_auth_method must be one of ${AUTH_METHODS.join(", ")}`);
  }
  const grantTypes = stringList(metadata, "grant_types", ["authorization_code", "refresh_token"]);
  const unsupportedGrant = grantTypes.find((grant) => !GRANT_TYPES.includes(grant));
  if (unsupportedGrant !== undefined) throw new OAuthError("invalid_client_metadata", `grant_type "${unsupportedGrant}" is not supported; use authorization_code and refresh_token`);
  if (!grantTypes.includes("authorization_code")) throw new OAuthError("invalid_client_metadata", 'grant_types must include "authorization_code"');
  const responseTypes = stringList(metadata, "response_types", ["code"]);
  if (responseTypes.some((type) => type !== "code")) throw new OAuthError("invalid_client_metadata", 'response_types may only contain "code"');
  const record: Omit<ClientRecord, "client_id" | "client_id_issued_at"> = {
    redirect_uris: validated,
    grant_types: grantTypes,
    response_types: responseTypes,
    token_endpoint_auth_method: method,
    application_type: applicationType,
  };
  const clientName = optionalString(metadata, "client_name", 200);
  if (clientName) record.client_name = clientName;
  const clientUri = optionalHttpsUrl(metadata, "client_uri");
  if (clientUri) record.client_uri = clientUri;
  const logoUri = optionalHttpsUrl(metadata, "logo_uri");
  if (logoUri) record.logo_uri = logoUri;
  const scope = optionalString(metadata, "scope", 1_000);
  if (scope && !isValidScopeString(scope)) throw new OAuthError("invalid_client_metadata", "scope must be space-separated RFC 6749 scope tokens (printable ASCII, no quotes or backslashes)");
  if (scope) record.scope = scope;
  return record;
}

/** The RFC 7591 §3.2.1 response for a record (plus the one-time plaintext secret). */
export function registrationResponse(record: ClientRecord, secret: string | undefined): Record<string, unknown> {
  const { client_secret_hash: _hash, metadata_document: _document, used: _used, ...visible } = record;
  return secret === undefined ? visible : { ...visible, client_secret: secret, client_secret_expires_at: record.client_secret_expires_at ?? 0 };
}

export interface ClientRegistryOptions {
  store: AuthStore;
  registrationTtlSeconds: number;
  /** Accept https client_ids that point at metadata documents. Default true. */
  clientIdMetadataDocuments?: boolean;
  /** Allow http:// metadata document URLs (tests only). */
  allowInsecureMetadataDocuments?: boolean;
  /** Limits of dynamic registration. */
  registrationLimits?: RegistrationLimits;
  /** Size, time, address and caching policy of metadata-document fetches. */
  metadataDocuments?: MetadataDocumentOptions;
  /** A `fetch` for metadata documents (resolve-and-check without pinning); default: the pinned Node fetcher. */
  fetch?: typeof fetch;
}

export interface ClientRegistry {
  /** Registers a client for a caller at `address` (rate-limited per address). */
  register(metadata: Record<string, unknown>, address?: string): Promise<Record<string, unknown>>;
  /** Marks a registered client as used: it then lives for the full registration TTL. */
  markUsed(client: ClientRecord): Promise<void>;
  /** The registration limits in force. */
  readonly limits: ResolvedRegistrationLimits;
  find(clientId: string): Promise<ClientRecord | undefined>;
  /** Authenticates the client at the token/revocation endpoint; throws invalid_client. */
  authenticate(request: Request, parameters: Map<string, string>): Promise<ClientRecord>;
}

function isMetadataDocumentId(clientId: string, allowInsecure: boolean): boolean {
  if (!URL.canParse(clientId)) return false;
  const url = new URL(clientId);
  const schemeAllowed = url.protocol === "https:" || (allowInsecure && url.protocol === "http:");
  return schemeAllowed && url.pathname !== "/" && !url.hash && !url.username && !url.password;
}

/** A metadata document as a public client record, or undefined when it is not acceptable. */
function recordFromDocument(clientId: string, document: Record<string, unknown>): ClientRecord | undefined {
  if (document["client_id"] !== clientId) return undefined;
  // A metadata document cannot hold a secret: such clients are public.
  if (document["client_secret"] !== undefined) return undefined;
  const method = document["token_endpoint_auth_method"] ?? "none";
  if (method !== "none") return undefined;
  try {
    const validated = validateClientMetadata({ ...document, token_endpoint_auth_method: "none" });
    return { ...validated, client_id: clientId, client_id_issued_at: Math.floor(Date.now() / 1000), metadata_document: true };
  } catch {
    return undefined;
  }
}

/** Creates the client registry over a store. */
export function createClientRegistry(options: ClientRegistryOptions): ClientRegistry {
  const { store } = options;
  const allowDocuments = options.clientIdMetadataDocuments ?? true;
  const allowInsecure = options.allowInsecureMetadataDocuments ?? false;
  const documents = createDocumentLoader(store, options.metadataDocuments ?? {}, options.fetch);

  async function find(clientId: string): Promise<ClientRecord | undefined> {
    if (clientId.length === 0 || clientId.length > 2_000) return undefined;
    if (allowDocuments && isMetadataDocumentId(clientId, allowInsecure)) {
      return documents.load(clientId, (document) => recordFromDocument(clientId, document));
    }
    return store.get<ClientRecord>(`client:${clientId}`);
  }

  const limits = resolveRegistrationLimits(options.registrationLimits);
  const rateLimit = createRegistrationRateLimiter(limits);
  /** Never-used clients this instance registered, oldest first. */
  const unused = new Map<string, true>();

  async function evictUnused(): Promise<void> {
    while (unused.size >= limits.maxUnusedClients) {
      const oldest = unused.keys().next().value as string;
      unused.delete(oldest);
      await store.delete(`client:${oldest}`);
    }
  }

  async function register(metadata: Record<string, unknown>, address = "unknown"): Promise<Record<string, unknown>> {
    rateLimit(address);
    const validated = validateClientMetadata(metadata);
    const clientId = `mcp_${randomToken(16)}`;
    const record: ClientRecord = { ...validated, client_id: clientId, client_id_issued_at: Math.floor(Date.now() / 1000), used: false };
    let secret: string | undefined;
    if (record.token_endpoint_auth_method !== "none") {
      secret = randomToken(32);
      record.client_secret_hash = await sha256(secret);
      record.client_secret_expires_at = record.client_id_issued_at + options.registrationTtlSeconds;
    }
    await evictUnused();
    await store.set(`client:${clientId}`, record, Math.min(limits.unusedClientTtlSeconds, options.registrationTtlSeconds));
    unused.set(clientId, true);
    return registrationResponse(record, secret);
  }

  async function markUsed(client: ClientRecord): Promise<void> {
    if (client.metadata_document || client.used !== false) return;
    unused.delete(client.client_id);
    const remaining = (client.client_id_issued_at + options.registrationTtlSeconds) - Math.floor(Date.now() / 1000);
    await store.set(`client:${client.client_id}`, { ...client, used: true }, Math.max(1, remaining));
  }

  async function authenticate(request: Request, parameters: Map<string, string>): Promise<ClientRecord> {
    const header = request.headers.get("authorization");
    let clientId = parameters.get("client_id");
    let secret = parameters.get("client_secret");
    let method: TokenEndpointAuthMethod = secret === undefined ? "none" : "client_secret_post";
    if (header !== null && /^basic /i.test(header)) {
      if (secret !== undefined) throw new OAuthError("invalid_request", "use one client authentication method, not Basic and client_secret together");
      let decoded: string;
      try {
        decoded = atob(header.slice(6).trim());
      } catch (error) {
        throw new OAuthError("invalid_client", "the Basic authorization header is not valid base64", { cause: error });
      }
      const colon = decoded.indexOf(":");
      if (colon < 0) throw new OAuthError("invalid_client", "the Basic authorization header must carry client_id:client_secret");
      let basicId: string;
      try {
        basicId = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      } catch (error) {
        throw new OAuthError("invalid_client", "the Basic credentials are not correctly URL-encoded", { cause: error });
      }
      if (clientId !== undefined && clientId !== basicId) throw new OAuthError("invalid_client", "client_id does not match the Basic credentials");
      clientId = basicId;
      method = "client_secret_basic";
    }
    if (!clientId) throw new OAuthError("invalid_client", "client authentication failed: send client_id");
    const client = await find(clientId);
    const failed = new OAuthError("invalid_client", "client authentication failed: unknown client or wrong credentials", {
      status: 401,
      headers: method === "client_secret_basic" ? { "www-authenticate": 'Basic realm="oauth"' } : {},
    });
    if (!client) throw failed;
    if (client.token_endpoint_auth_method === "none") {
      if (method !== "none") throw failed;
      return client;
    }
    if (method !== client.token_endpoint_auth_method || secret === undefined || !client.client_secret_hash) throw failed;
    if (!timingSafeEqual(await sha256(secret), client.client_secret_hash)) throw failed;
    if (client.client_secret_expires_at && client.client_secret_expires_at * 1000 < Date.now()) throw failed;
    return client;
  }

  return { register, markUsed, find, authenticate, limits };
}
