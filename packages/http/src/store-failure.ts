/**
 * Maps a failing `SessionStateStore`/`EventStore` (Redis down, a bad record) to a clear HTTP
 * answer instead of a hang or a bare 500. Stores signal the kind of failure with a stable
 * string `code` on the error (`@chuk-mcp/sessions` uses `store_unavailable`, `store_closed`,
 * `store_failed`, `session_not_found`); this package reads it structurally.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { JsonRpcId } from "./engine.js";
import { HttpErrorCode } from "./protocol.js";
import { errorReply, type HttpReply } from "./replies.js";

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The answer for a store failure: 503 while the store is unreachable, 404 for a missing session, else 500. */
export function storeFailureReply(error: unknown, id: JsonRpcId | null = null): HttpReply {
  const code = codeOf(error);
  if (code === "session_not_found") {
    return errorReply(404, HttpErrorCode.SessionNotFound, "Session not found: it expired or was terminated; start a new one with initialize (no Mcp-Session-Id)", { id });
  }
  if (code === "store_unavailable" || code === "store_closed") {
    return errorReply(
      503,
      HttpErrorCode.BadRequest,
      "Service Unavailable: the session store cannot be reached right now; nothing was changed, retry shortly",
      { id, headers: { "content-type": "application/json", "retry-after": "1" } },
    );
  }
  return errorReply(500, HttpErrorCode.InternalError, "Internal error: the session store failed; see server logs", { id });
}
