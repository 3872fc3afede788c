import { sha256Hex } from "./content.js";
import type { ResolvedOwner } from "./owner.js";
import type { ArtifactAccess, ArtifactMetadata, ArtifactMetaValue, ListArtifactsOptions } from "./types.js";
import { assertMime } from "./validation.js";

/** Builds the metadata record of new content. */
export async function buildMetadata(input: {
  id: string;
  owner: ResolvedOwner;
  access: ArtifactAccess;
  sandboxId: string;
  data: Uint8Array;
  now: number;
  expiresAt: number | undefined;
  filename: string;
  mime: string;
  summary: string;
  meta: Record<string, ArtifactMetaValue>;
}): Promise<ArtifactMetadata> {
  assertMime(input.mime);
  return {
    id: input.id,
    scope: input.owner.scope,
    filename: input.filename,
    mime: input.mime,
    bytes: input.data.byteLength,
    sha256: await sha256Hex(input.data),
    summary: input.summary,
    owner: input.owner.owner,
    ...(input.access.sessionId ? { sessionId: input.access.sessionId } : {}),
    ...(input.access.userId ? { userId: input.access.userId } : {}),
    sandboxId: input.sandboxId,
    createdAt: input.now,
    updatedAt: input.now,
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
    meta: { ...input.meta },
  };
}

/** Reads a stored metadata record; drivers hand back either the JSON text or the parsed object. */
export function parseMetadata(stored: unknown): ArtifactMetadata | undefined {
  let value = stored;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof value !== "object" || value === null) return undefined;
  const candidate = value as Partial<ArtifactMetadata>;
  return typeof candidate.id === "string" && typeof candidate.bytes === "number" && typeof candidate.scope === "string"
    ? (candidate as ArtifactMetadata)
    : undefined;
}

export function matchesFilter(metadata: ArtifactMetadata, options: ListArtifactsOptions): boolean {
  if (options.mimePrefix !== undefined && !metadata.mime.startsWith(options.mimePrefix)) return false;
  for (const [key, value] of Object.entries(options.meta ?? {})) {
    if (!Object.hasOwn(metadata.meta, key) || metadata.meta[key] !== value) return false;
  }
  return true;
}
