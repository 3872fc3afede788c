/**
 * Event ids carry their stream so `replayAfter(eventId)` needs nothing else:
 * `<base64url(streamId)>.<position>`. Both parts are SSE-safe (no newline, no colon issues).
 */

function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(encoded: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  try {
    const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Builds an event id from a stream id and a position within the stream. */
export function formatEventId(streamId: string, position: string): string {
  return `${toBase64Url(streamId)}.${position}`;
}

/** Splits an event id; `undefined` when it is not one this package produced. */
export function parseEventId(eventId: string, positionPattern: RegExp): { streamId: string; position: string } | undefined {
  if (typeof eventId !== "string" || eventId.length > 4_096) return undefined;
  const dot = eventId.indexOf(".");
  if (dot <= 0) return undefined;
  const streamId = fromBase64Url(eventId.slice(0, dot));
  const position = eventId.slice(dot + 1);
  if (streamId === undefined || !positionPattern.test(position)) return undefined;
  return { streamId, position };
}

/** Serialises a message, throwing a clear error for values JSON cannot carry. */
export function encodeMessage(message: unknown, onError: (cause: unknown) => never): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(message);
  } catch (cause) {
    onError(cause);
  }
  if (text === undefined) onError(new TypeError("undefined, functions and symbols are not JSON"));
  return text;
}
