/** True for a non-null, non-array object: what JSON-RPC `params`, `_meta` and results must be. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
