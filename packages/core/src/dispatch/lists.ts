/**
 * Paginated list methods. Static pages are serialized once per registry version and era,
 * then reused (handleText splices the cached JSON text straight into the response).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
 */
import { decodeCursor, encodeCursor } from "../pagination.js";
import type { Registry, RegistryEntry } from "../registry/registry.js";
import { isToolVisible } from "../tool-auth.js";
import { envelopeResult, type Outcome, type RequestScope } from "./scope.js";

/** Slices `items` into the page `cursor` points at. */
export function page<T>(items: readonly T[], cursor: unknown, pageSize: number): { items: T[]; nextCursor?: string } {
  const offset = decodeCursor(cursor, items.length);
  const end = offset + pageSize;
  const slice = items.slice(offset, end);
  return end < items.length ? { items: slice, nextCursor: encodeCursor(end) } : { items: slice };
}

/** A caller-specific subset of a registry: its cache key, its size and (lazily) its entries. */
export interface ListView<Entry> {
  key: string;
  count: number;
  entries: () => Entry[];
}

/** Bound on cached pages per registry version (distinct eras × offsets × visible sets). */
const MAX_CACHED_PAGES = 256;

/** Serves one page of a registry's enabled entries (or of `view`) under `field` (tools, prompts, resourceTemplates). */
export function listRegistry<Entry extends RegistryEntry>(
  scope: RequestScope,
  registry: Registry<Entry>,
  field: string,
  view?: ListView<Entry>,
): Outcome {
  const total = view === undefined ? registry.enabled().length : view.count;
  const offset = decodeCursor(scope.params.cursor, total);
  const key = view === undefined ? `${scope.envelope.era}:${offset}` : `${scope.envelope.era}:${offset}:${view.key}`;
  const cached = registry.pages.get(key);
  if (cached !== undefined) return cached;
  const entries = view === undefined ? registry.enabled() : view.entries();
  const end = offset + scope.server.pageSize;
  const body: Record<string, unknown> = { [field]: entries.slice(offset, end).map((entry) => entry.listing) };
  if (end < entries.length) body.nextCursor = encodeCursor(end);
  const result = envelopeResult(scope, body, "list");
  const outcome = { result, text: JSON.stringify(result) };
  if (registry.pages.size >= MAX_CACHED_PAGES) registry.pages.clear();
  registry.pages.set(key, outcome);
  return outcome;
}

/**
 * tools/list: tools with an auth requirement appear only to callers that meet it. With no such
 * tool this is the plain cached list; otherwise pages are cached per set of visible gated tools.
 */
export function listTools(scope: RequestScope): Outcome {
  const registry = scope.server.tools;
  const gated = registry.memo("auth-gated", (enabled) =>
    enabled.flatMap((entry, index) => (entry.auth === undefined ? [] : [{ entry, index }])),
  );
  if (gated.length === 0) return listRegistry(scope, registry, "tools");
  const auth = scope.options.auth;
  let key = "v";
  let hidden = 0;
  for (const { entry, index } of gated) {
    if (isToolVisible(entry.auth, auth)) key += `.${index}`;
    else hidden++;
  }
  if (hidden === 0) return listRegistry(scope, registry, "tools");
  return listRegistry(scope, registry, "tools", {
    key,
    count: registry.enabled().length - hidden,
    entries: () => registry.enabled().filter((entry) => isToolVisible(entry.auth, auth)),
  });
}
