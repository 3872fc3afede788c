/**
 * Opaque cursors for list methods. A cursor encodes the offset and the registry version it
 * was issued for; anything else is rejected with -32602.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
 */
import { ErrorCode, ProtocolError } from "./errors.js";

const PREFIX = "c1.";

/** Makes the cursor for the page that starts at `offset`. */
export function encodeCursor(offset: number): string {
  return PREFIX + btoa(String(offset)).replace(/=+$/, "");
}

/** Reads a cursor; `undefined` means the first page. Throws ProtocolError(-32602) for a bad cursor. */
export function decodeCursor(cursor: unknown, total: number): number {
  if (cursor === undefined || cursor === null) return 0;
  if (typeof cursor !== "string" || !cursor.startsWith(PREFIX)) {
    throw new ProtocolError(ErrorCode.InvalidParams, "Invalid cursor: pass the nextCursor value from a previous list result, or omit it for the first page");
  }
  let offset: number;
  try {
    offset = Number(atob(cursor.slice(PREFIX.length)));
  } catch (error) {
    throw new ProtocolError(ErrorCode.InvalidParams, "Invalid cursor: it is not one this server issued; omit it to start from the first page", undefined, { cause: error });
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > total) {
    throw new ProtocolError(ErrorCode.InvalidParams, "Invalid cursor: it is out of range (the list may have changed); omit it to start from the first page");
  }
  return offset;
}
