/**
 * Protocol versions and eras.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation
 */

/** The stateless protocol revision: every request carries its own version in `_meta`. */
export const STATELESS_PROTOCOL_VERSION = "2026-07-28";

/** The newest session-based revision (what `initialize` negotiates by default). */
export const LATEST_PROTOCOL_VERSION = "2025-11-25";

/** Session-based revisions `initialize` accepts, newest first. */
export const SESSION_PROTOCOL_VERSIONS: readonly string[] = ["2025-11-25", "2025-06-18", "2025-03-26"];

/** Every revision this server speaks, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = [STATELESS_PROTOCOL_VERSION, ...SESSION_PROTOCOL_VERSIONS];

/** The era a message is served in. */
export type ProtocolEra = "2025-11-25-family" | "2026-07-28";

/** Era constants. */
export const ProtocolEras = {
  Session: "2025-11-25-family",
  Stateless: "2026-07-28",
} as const satisfies Record<string, ProtocolEra>;

/** `_meta` keys of the 2026-07-28 envelope. */
export const MetaKey = {
  ProtocolVersion: "io.modelcontextprotocol/protocolVersion",
  ClientInfo: "io.modelcontextprotocol/clientInfo",
  ClientCapabilities: "io.modelcontextprotocol/clientCapabilities",
  LogLevel: "io.modelcontextprotocol/logLevel",
  ServerInfo: "io.modelcontextprotocol/serverInfo",
  SubscriptionId: "io.modelcontextprotocol/subscriptionId",
  RelatedRequest: "io.modelcontextprotocol/related-request",
} as const;

/** Picks the version to answer an `initialize` with: the client's if supported, else our latest. */
export function negotiateSessionVersion(requested: unknown): string {
  if (typeof requested === "string" && SESSION_PROTOCOL_VERSIONS.includes(requested)) return requested;
  return LATEST_PROTOCOL_VERSION;
}
