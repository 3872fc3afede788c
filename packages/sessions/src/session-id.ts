import { SessionError } from "./errors.js";

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Checks a session id: 1–256 visible ASCII characters, as the transport spec requires of
 * `Mcp-Session-Id`. Throws `invalid_argument` otherwise.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
export function assertSessionId(id: unknown): asserts id is string {
  if (typeof id !== "string" || id.length === 0 || id.length > 256 || !VISIBLE_ASCII.test(id)) {
    throw new SessionError(
      "invalid_argument",
      `Invalid session id ${JSON.stringify(String(id).slice(0, 64))}: use 1-256 visible ASCII characters (0x21-0x7E).`,
    );
  }
}

/** A new random session id (UUID v4, via Web Crypto). */
export function generateSessionId(): string {
  return crypto.randomUUID();
}
