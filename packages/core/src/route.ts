/**
 * Routing: the one place a message's JSON-RPC envelope is checked and its era decided. Every
 * transport calls {@link routeMessage} once per message and hands the result to the engine
 * (`HandleOptions.route`); the engine routes a message itself only when no transport did.
 *
 * The era rule:
 * 1. 2026-07-28 (stateless) when `params._meta` carries the protocol version or the client
 *    capabilities, when the `MCP-Protocol-Version` header says 2026-07-28, or when the method
 *    exists only in 2026-07-28 (`server/discover`, `subscriptions/listen`);
 * 2. otherwise a header naming a version this server does not speak is refused (-32022);
 * 3. otherwise the 2025 session rules: the session's negotiated version, else the header's.
 * @see https://www.jsonrpc.org/specification
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#protocol-version-header
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#server-validation
 */
import { ErrorCode } from "./errors.js";
import { isPlainObject } from "./is-plain-object.js";
import { isJsonRpcResponse, type JsonRpcId, type JsonRpcRequest, type JsonRpcResponse } from "./jsonrpc.js";
import { LOGGING_LEVELS, type LoggingLevel } from "./types.js";
import { MetaKey, ProtocolEras, STATELESS_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, type ProtocolEra } from "./versions.js";

/** What a message is, once its envelope passed. */
export type MessageKind = "request" | "notification" | "response";

/** Lower-case request headers (HTTP); stdio and other header-less transports pass none. */
export type RoutingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What {@link routeMessage} needs besides the message. */
export interface RouteOptions {
  /** The request's headers; without any, the 2026 header checks are skipped (stdio). */
  headers?: RoutingHeaders;
  /** Versions the `MCP-Protocol-Version` header may name (default: every version this server speaks). */
  protocolVersions?: readonly string[];
}

/** The 2026-07-28 `_meta` envelope of a stateless message. */
export interface StatelessEnvelope {
  era: typeof ProtocolEras.Stateless;
  protocolVersion: string;
  clientCapabilities: Record<string, unknown>;
  /** The per-request log level. */
  logLevel: LoggingLevel | undefined;
}

/** A message that passed routing. */
export interface RoutedMessage {
  readonly ok: true;
  readonly kind: MessageKind;
  readonly era: ProtocolEra;
  /** The request or notification; a response for `kind: "response"`. */
  readonly message: JsonRpcRequest | JsonRpcResponse;
  readonly method: string | undefined;
  readonly id: JsonRpcId | undefined;
  readonly params: Record<string, unknown> | undefined;
  /** Set for 2026-07-28 messages; 2025-era messages take their version from the session. */
  readonly stateless: StatelessEnvelope | undefined;
}

/** A message routing refused, with the JSON-RPC error to answer it with. */
export interface RoutingError {
  readonly ok: false;
  /** What the message would have been; `undefined` when its envelope is not JSON-RPC at all. */
  readonly kind: MessageKind | undefined;
  readonly id: JsonRpcId | null;
  readonly code: number;
  readonly message: string;
  readonly data: unknown;
}

/** The outcome of {@link routeMessage}. */
export type Route = RoutedMessage | RoutingError;

/** Methods only 2026-07-28 has: a request for them is validated as 2026 even without `_meta`. */
const STATELESS_ONLY_METHODS: ReadonlySet<string> = new Set(["server/discover", "subscriptions/listen"]);

class Routed implements RoutedMessage {
  readonly ok = true as const;
  constructor(
    readonly kind: MessageKind,
    readonly era: ProtocolEra,
    readonly message: JsonRpcRequest | JsonRpcResponse,
    readonly method: string | undefined,
    readonly id: JsonRpcId | undefined,
    readonly params: Record<string, unknown> | undefined,
    readonly stateless: StatelessEnvelope | undefined,
  ) {}
}

class Refused implements RoutingError {
  readonly ok = false as const;
  constructor(
    readonly kind: MessageKind | undefined,
    readonly id: JsonRpcId | null,
    readonly code: number,
    readonly message: string,
    readonly data: unknown = undefined,
  ) {}
}

function validId(id: unknown): id is JsonRpcId {
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
}

function readHeader(headers: RoutingHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return (typeof value === "string" ? value : value?.[0])?.trim();
}

/** True when `record` has an own enumerable key (headers came with the message); no array is made. */
export function hasAnyKey(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/**
 * Checks one parsed JSON-RPC message and decides its era: a {@link RoutedMessage}, or a
 * {@link RoutingError} carrying the JSON-RPC code and a message saying what to fix.
 */
export function routeMessage(message: unknown, options?: RouteOptions): Route {
  if (Array.isArray(message)) {
    return new Refused(undefined, null, ErrorCode.InvalidRequest, "Invalid Request: JSON-RPC batches are not supported; send one message at a time");
  }
  if (!isPlainObject(message)) {
    return new Refused(undefined, null, ErrorCode.InvalidRequest, 'Invalid Request: a JSON-RPC message must be one object with "jsonrpc": "2.0"');
  }
  const rawId = message.id;
  const id = validId(rawId) ? rawId : null;
  if (message.jsonrpc !== "2.0") {
    return new Refused(undefined, id, ErrorCode.InvalidRequest, 'Invalid Request: "jsonrpc" must be exactly "2.0"');
  }
  const method = message.method;
  const headers = options?.headers;
  const headerVersion = readHeader(headers, "mcp-protocol-version");
  if (method === undefined) {
    if (!isJsonRpcResponse(message)) {
      return new Refused(undefined, id, ErrorCode.InvalidRequest, 'Invalid Request: a message needs a string "method" (request/notification) or an id with "result"/"error" (response)');
    }
    if (headerVersion === STATELESS_PROTOCOL_VERSION) {
      return new Refused("response", id, ErrorCode.InvalidRequest, "Invalid Request: 2026-07-28 clients send requests and notifications only, not responses");
    }
    return new Routed("response", ProtocolEras.Session, message as unknown as JsonRpcResponse, undefined, id ?? undefined, undefined, undefined);
  }
  if (typeof method !== "string" || method === "") {
    return new Refused(undefined, id, ErrorCode.InvalidRequest, 'Invalid Request: "method" must be a non-empty string');
  }
  const kind: MessageKind = "id" in message ? "request" : "notification";
  if (kind === "request" && id === null) {
    return new Refused(undefined, null, ErrorCode.InvalidRequest, 'Invalid Request: "id" must be a string or a finite number');
  }
  const params = message.params;
  if (params !== undefined && !isPlainObject(params)) {
    return new Refused(kind, id, ErrorCode.InvalidParams, 'Invalid params: "params" must be an object');
  }
  const meta = params?._meta;
  const metaVersion = isPlainObject(meta) ? meta[MetaKey.ProtocolVersion] : undefined;
  const request = message as unknown as JsonRpcRequest;
  if (
    metaVersion !== undefined ||
    headerVersion === STATELESS_PROTOCOL_VERSION ||
    STATELESS_ONLY_METHODS.has(method) ||
    (isPlainObject(meta) && MetaKey.ClientCapabilities in meta)
  ) {
    const envelope = statelessEnvelope({ kind, id, meta, metaVersion, headerVersion, headers, options });
    if (envelope instanceof Refused) return envelope;
    return new Routed(kind, ProtocolEras.Stateless, request, method, id ?? undefined, params, envelope);
  }
  if (headerVersion !== undefined && !(options?.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS).includes(headerVersion)) {
    return unsupportedHeader(kind, id, headerVersion, options);
  }
  return new Routed(kind, ProtocolEras.Session, request, method, id ?? undefined, params, undefined);
}

function unsupportedHeader(kind: MessageKind, id: JsonRpcId | null, version: string, options: RouteOptions | undefined): Refused {
  const supported = [...(options?.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS)];
  return new Refused(
    kind,
    id,
    ErrorCode.UnsupportedProtocolVersion,
    `Unsupported protocol version "${version}" in the MCP-Protocol-Version header; use one of: ${supported.join(", ")}`,
    { supported, requested: version },
  );
}

interface StatelessInput {
  kind: MessageKind;
  id: JsonRpcId | null;
  meta: unknown;
  metaVersion: unknown;
  headerVersion: string | undefined;
  headers: RoutingHeaders | undefined;
  options: RouteOptions | undefined;
}

function invalidMeta(input: StatelessInput, problem: string): Refused {
  return new Refused(
    input.kind,
    input.id,
    ErrorCode.InvalidParams,
    `Invalid params: ${problem}. 2026-07-28 requests must carry params._meta with "${MetaKey.ProtocolVersion}" and "${MetaKey.ClientCapabilities}"`,
  );
}

/** The 2026-07-28 envelope checks, in the order the conformance suite expects. */
function statelessEnvelope(input: StatelessInput): StatelessEnvelope | Refused {
  const { kind, id, meta, metaVersion, headerVersion } = input;
  const withHeaders = input.headers !== undefined && hasAnyKey(input.headers);
  if (withHeaders && headerVersion === undefined) {
    const expected = typeof metaVersion === "string" ? metaVersion : STATELESS_PROTOCOL_VERSION;
    return new Refused(
      kind,
      id,
      ErrorCode.HeaderMismatch,
      `Header mismatch: the MCP-Protocol-Version header is missing; send "MCP-Protocol-Version: ${expected}", the same version as params._meta["${MetaKey.ProtocolVersion}"]`,
    );
  }
  const capabilities = isPlainObject(meta) ? meta[MetaKey.ClientCapabilities] : undefined;
  if (kind === "request") {
    if (!isPlainObject(meta)) return invalidMeta(input, "params._meta is missing");
    if (typeof metaVersion !== "string") return invalidMeta(input, `_meta["${MetaKey.ProtocolVersion}"] is missing or not a string`);
    if (!isPlainObject(capabilities)) return invalidMeta(input, `_meta["${MetaKey.ClientCapabilities}"] is missing or not an object`);
  }
  if (withHeaders && metaVersion !== undefined && metaVersion !== headerVersion) {
    return new Refused(
      kind,
      id,
      ErrorCode.HeaderMismatch,
      `Header mismatch: the MCP-Protocol-Version header (${headerVersion}) does not match _meta["${MetaKey.ProtocolVersion}"] (${String(metaVersion)}); send the same version in both`,
    );
  }
  if (headerVersion !== undefined && !(input.options?.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS).includes(headerVersion)) {
    return unsupportedHeader(kind, id, headerVersion, input.options);
  }
  const version = typeof metaVersion === "string" ? metaVersion : STATELESS_PROTOCOL_VERSION;
  if (version !== STATELESS_PROTOCOL_VERSION) {
    return new Refused(
      kind,
      id,
      ErrorCode.UnsupportedProtocolVersion,
      `Unsupported protocol version ${version}: this server supports ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")} (${STATELESS_PROTOCOL_VERSION} per request; the others through initialize)`,
      { supported: [...SUPPORTED_PROTOCOL_VERSIONS], requested: version },
    );
  }
  const logLevel = isPlainObject(meta) ? meta[MetaKey.LogLevel] : undefined;
  if (logLevel !== undefined && !(typeof logLevel === "string" && (LOGGING_LEVELS as readonly string[]).includes(logLevel))) {
    return new Refused(kind, id, ErrorCode.InvalidParams, `Invalid params: _meta["${MetaKey.LogLevel}"] must be one of ${LOGGING_LEVELS.join(", ")}`);
  }
  return {
    era: ProtocolEras.Stateless,
    protocolVersion: version,
    clientCapabilities: isPlainObject(capabilities) ? capabilities : {},
    logLevel: logLevel as LoggingLevel | undefined,
  };
}
