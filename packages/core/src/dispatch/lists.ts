/**
 * Paginated list methods. Static pages are serialized once per registry version and era,
 * then reused (handleText splices the cached JSON text straight into the response).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
 */
import { decodeCursor, encodeCursor } from "../pagination.js";
import type { Registry, RegistryEntry } from "../registry/registry.js";
import { envelopeResult, type Outcome, type RequestScope } from "./scope.js";

/** Slices `items` into the page `cursor` points at. */
export function page<T>(items: readonly T[], cursor: unknown, pageSize: number): { items: T[]; nextCursor?: string } {
  const offset = decodeCursor(cursor, items.length);
  const end = offset + pageSize;
  const slice = items.slice(offset, end);
  return end < items.length ? { items: slice, nextCursor: encodeCursor(end) } : { items: slice };
}

/** Serves one page of a registry's enabled entries under `field` (tools, prompts, resourceTemplates). */
export function listRegistry<Entry extends RegistryEntry>(
  scope: RequestScope,
  registry: Registry<Entry>,
  field: string,
): Outcome {
  const entries = registry.enabled();
  const offset = decodeCursor(scope.params.cursor, entries.length);
  const key = `${scope.envelope.era}:${offset}`;
  const cached = registry.pages.get(key);
  if (cached !== undefined) return cached;
  const end = offset + scope.server.pageSize;
  const body: Record<string, unknown> = { [field]: entries.slice(offset, end).map((entry) => entry.listing) };
  if (end < entries.length) body.nextCursor = encodeCursor(end);
  const result = envelopeResult(scope, body, "list");
  const outcome = { result, text: JSON.stringify(result) };
  registry.pages.set(key, outcome);
  return outcome;
}
