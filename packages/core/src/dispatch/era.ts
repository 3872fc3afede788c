/**
 * The envelope a request is served with, from its route (../route.ts decides the era).
 * @see https://modelcontextprotocol.io/specification/draft/basic/lifecycle (stateless, SEP-2575)
 */
import { lookupTable } from "../own-keys.js";
import type { RoutedMessage } from "../route.js";
import type { Session } from "../session.js";
import type { LoggingLevel } from "../types.js";
import { LATEST_PROTOCOL_VERSION, ProtocolEras, SESSION_PROTOCOL_VERSIONS, type ProtocolEra } from "../versions.js";

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

/** Methods 2026-07-28 removed, with what to use instead. */
export const REMOVED_IN_STATELESS = lookupTable<string>({
  initialize: "call server/discover, and send protocolVersion and clientCapabilities in every request's _meta",
  ping: "there is no replacement: each request stands alone, so no connection needs keeping alive",
  "logging/setLevel": 'set _meta["io.modelcontextprotocol/logLevel"] on each request that should log',
  "resources/subscribe": "open subscriptions/listen with notifications.resourceSubscriptions",
  "resources/unsubscribe": "close the subscriptions/listen stream, or open a new one without that URI",
});

export { hasAnyKey } from "../route.js";

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

/**
 * The envelope a routed request is served with: its 2026-07-28 `_meta` envelope, else the
 * session's, else (a 2025-era request with no session, e.g. stateless HTTP) the header's version.
 */
export function envelopeOf(
  route: RoutedMessage,
  session: Session | undefined,
  headers: Record<string, string | undefined> | undefined,
): RequestEnvelope {
  if (route.stateless !== undefined) return route.stateless;
  if (session !== undefined && session.state.protocolVersion !== undefined) return sessionEnvelope(session);
  const headerVersion = headers?.["mcp-protocol-version"]?.trim();
  return {
    era: ProtocolEras.Session,
    protocolVersion: headerVersion !== undefined && SESSION_PROTOCOL_VERSIONS.includes(headerVersion) ? headerVersion : LATEST_PROTOCOL_VERSION,
    clientCapabilities: session?.state.clientCapabilities ?? {},
    logLevel: undefined,
  };
}
