/**
 * Cross-instance delivery for 2025-era sessions. Every instance holding a session live
 * subscribes to that session's channel; an instance that has a message for a stream it
 * does not hold publishes it, and the instance holding the stream delivers it. With a
 * shared `SessionStateStore` and `EventStore` this lets any instance serve any session, resume
 * any stream (`Last-Event-ID`) and receive notifications raised elsewhere.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */

/**
 * Publish/subscribe of JSON messages, e.g. `RedisEventBus` from `@chuk-mcp/sessions`
 * (structurally typed: this package does not depend on it).
 */
export interface SessionEventBus {
  publish(channel: string, message: unknown): Promise<unknown>;
  subscribe(channel: string, handler: (message: unknown, channel: string) => void): Promise<() => Promise<void>>;
}

/** What travels on a session channel. `origin` is the sending transport, which ignores its own. */
export type SessionBusMessage =
  /** A message for the session's standalone GET stream (no local request or stream took it). */
  | { kind: "message"; origin: string; text: string }
  /** An event of a resumable stream whose connection is not attached where it was emitted. */
  | { kind: "event"; origin: string; streamId: string; sequence: number; text: string }
  /** A new standalone GET stream opened elsewhere: older standalone streams stop collecting. */
  | { kind: "standalone"; origin: string }
  /** The session was ended (DELETE): drop the live copy. */
  | { kind: "terminated"; origin: string };

/** The channel of one session. */
export function sessionChannel(sessionId: string): string {
  return `mcp-session:${sessionId}`;
}

/** Narrows an incoming bus payload; anything malformed is ignored. */
export function readBusMessage(value: unknown): SessionBusMessage | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const message = value as Record<string, unknown>;
  if (typeof message.origin !== "string") return undefined;
  switch (message.kind) {
    case "message":
      return typeof message.text === "string" ? (message as SessionBusMessage) : undefined;
    case "event":
      return typeof message.text === "string" && typeof message.streamId === "string" && Number.isInteger(message.sequence)
        ? (message as SessionBusMessage)
        : undefined;
    case "standalone":
    case "terminated":
      return message as SessionBusMessage;
    default:
      return undefined;
  }
}

/** True when a JSON-RPC text is a response: the final event of a request stream. */
export function isResponseText(text: string): boolean {
  if (!text.includes('"result"') && !text.includes('"error"')) return false;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return !("method" in parsed) && ("result" in parsed || "error" in parsed);
  } catch {
    return false;
  }
}
