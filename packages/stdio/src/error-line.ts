/** A JSON-RPC id as it appears on the wire; `null` when the request's id is unknown. */
export type WireId = string | number | null;

/**
 * Serialises a JSON-RPC error response (one line, no trailing newline).
 *
 * @see https://www.jsonrpc.org/specification#error_object
 */
export function errorLine(id: WireId, code: number, message: string): string {
  return JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } });
}

/**
 * Best-effort recovery of a request's id from its raw line, used only on the failure path
 * (the engine threw) so the client can match the error to its request. Returns `undefined`
 * for notifications and responses, which must not be answered.
 */
export function idOfLine(line: string): WireId | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  if (typeof record.method !== "string") return undefined;
  const id = record.id;
  if (typeof id === "string" || typeof id === "number") return id;
  return undefined;
}
