/**
 * Decides the era of each request and validates the 2026-07-28 `_meta` envelope.
 * @see https://modelcontextprotocol.io/specification/draft/basic/lifecycle (stateless, SEP-2575)
 */
import { ErrorCode, ProtocolError } from "../errors.js";
import type { JsonRpcRequest } from "../jsonrpc.js";
import { lookupTable } from "../own-keys.js";
import type { Session } from "../session.js";
import { LOGGING_LEVELS, type LoggingLevel } from "../types.js";
import {
  LATEST_PROTOCOL_VERSION,
  MetaKey,
  ProtocolEras,
  SESSION_PROTOCOL_VERSIONS,
  STATELESS_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  type ProtocolEra,
} from "../versions.js";

/** What the engine needs to know about a request's era. */
export interface RequestEnvelope {
  era: ProtocolEra;
  protocolVersion: string;
  clientCapabilities: Record<string, unknown>;
  /** 2026: the per-request log level. */
  logLevel: LoggingLevel | undefined;
}

/** A session's envelope, with the state it was built from. */
export interface SessionEnvelope extends RequestEnvelope {
  readonly state: Session["state"];
}

/** Methods only the stateless era has: a request for them is validated as 2026 even without `_meta`. */
const STATELESS_ONLY = new Set(["server/discover", "subscriptions/listen"]);

/** Methods 2026-07-28 removed, with what to use instead. */
export const REMOVED_IN_STATELESS = lookupTable<string>({
  initialize: "call server/discover, and send protocolVersion and clientCapabilities in every request's _meta",
  ping: "there is no replacement: each request stands alone, so no connection needs keeping alive",
  "logging/setLevel": 'set _meta["io.modelcontextprotocol/logLevel"] on each request that should log',
  "resources/subscribe": "open subscriptions/listen with notifications.resourceSubscriptions",
  "resources/unsubscribe": "close the subscriptions/listen stream, or open a new one without that URI",
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `record` has an own enumerable key (headers came with the request); no array is made. */
export function hasAnyKey(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

function invalidMeta(problem: string): ProtocolError {
  return new ProtocolError(
    ErrorCode.InvalidParams,
    `Invalid params: ${problem}. 2026-07-28 requests must carry params._meta with "${MetaKey.ProtocolVersion}" and "${MetaKey.ClientCapabilities}"`,
  );
}

/** The envelope of a session's requests: one shared object, rebuilt when the session's state changes. */
function sessionEnvelope(session: Session): RequestEnvelope {
  const state = session.state;
  const cached = session.envelope;
  if (cached !== undefined && cached.state === state) return cached;
  const envelope: SessionEnvelope = Object.freeze({
    era: ProtocolEras.Session,
    protocolVersion: state.protocolVersion ?? LATEST_PROTOCOL_VERSION,
    clientCapabilities: state.clientCapabilities,
    logLevel: undefined,
    state,
  });
  session.envelope = envelope;
  return envelope;
}

/** Resolves the era; throws ProtocolError for a bad 2026 envelope. */
export function resolveEnvelope(
  request: JsonRpcRequest,
  session: Session | undefined,
  headers: Record<string, string | undefined> | undefined,
): RequestEnvelope {
  const meta = request.params?._meta;
  const metaVersion = isPlainObject(meta) ? meta[MetaKey.ProtocolVersion] : undefined;
  const headerVersion = headers?.["mcp-protocol-version"];
  const stateless =
    metaVersion !== undefined ||
    STATELESS_ONLY.has(request.method) ||
    (headerVersion !== undefined && !SESSION_PROTOCOL_VERSIONS.includes(headerVersion) && request.method !== "initialize") ||
    (isPlainObject(meta) && MetaKey.ClientCapabilities in meta);

  if (!stateless) {
    if (session !== undefined && session.state.protocolVersion !== undefined) return sessionEnvelope(session);
    const protocolVersion =
      session?.state.protocolVersion ??
      (headerVersion !== undefined && SESSION_PROTOCOL_VERSIONS.includes(headerVersion) ? headerVersion : LATEST_PROTOCOL_VERSION);
    return {
      era: ProtocolEras.Session,
      protocolVersion,
      clientCapabilities: session?.state.clientCapabilities ?? {},
      logLevel: undefined,
    };
  }

  if (!isPlainObject(meta)) throw invalidMeta("params._meta is missing");
  if (typeof metaVersion !== "string") throw invalidMeta(`_meta["${MetaKey.ProtocolVersion}"] is missing or not a string`);
  if (headerVersion !== metaVersion && headers !== undefined && hasAnyKey(headers)) {
    throw new ProtocolError(
      ErrorCode.HeaderMismatch,
      headerVersion === undefined
        ? `Header mismatch: the MCP-Protocol-Version header is missing; send it with the same value as _meta["${MetaKey.ProtocolVersion}"] (${metaVersion})`
        : `Header mismatch: the MCP-Protocol-Version header (${headerVersion}) does not match _meta["${MetaKey.ProtocolVersion}"] (${metaVersion}); send the same version in both`,
    );
  }
  if (metaVersion !== STATELESS_PROTOCOL_VERSION) {
    throw new ProtocolError(
      ErrorCode.UnsupportedProtocolVersion,
      `Unsupported protocol version ${metaVersion}: this server supports ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")} (${STATELESS_PROTOCOL_VERSION} per request; the others through initialize)`,
      { supported: [...SUPPORTED_PROTOCOL_VERSIONS], requested: metaVersion },
    );
  }
  const capabilities = meta[MetaKey.ClientCapabilities];
  if (!isPlainObject(capabilities)) throw invalidMeta(`_meta["${MetaKey.ClientCapabilities}"] is missing or not an object`);
  const logLevel = meta[MetaKey.LogLevel];
  if (logLevel !== undefined && !(typeof logLevel === "string" && (LOGGING_LEVELS as readonly string[]).includes(logLevel))) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Invalid params: _meta["${MetaKey.LogLevel}"] must be one of ${LOGGING_LEVELS.join(", ")}`,
    );
  }
  return {
    era: ProtocolEras.Stateless,
    protocolVersion: metaVersion,
    clientCapabilities: capabilities,
    logLevel: logLevel as LoggingLevel | undefined,
  };
}
