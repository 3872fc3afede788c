import type { ArtifactStorage } from "./artifact-storage.js";
import { asUint8Array, toBytes } from "./content.js";
import { ArtifactError, artifactNotFound } from "./errors.js";
import { resolveOwner, type ResolvedOwner } from "./owner.js";
import { signPresignedToken, verifyPresignedToken } from "./presign.js";
import { buildMetadata, matchesFilter, parseMetadata } from "./metadata.js";
import type {
  ArtifactAccess, ArtifactContent, ArtifactMetadata, ArtifactScope, ArtifactStats, CopyArtifactOptions,
  ListArtifactsOptions, PresignedArtifact, WriteArtifactOptions,
} from "./types.js";
import { assertMeta, assertMime, assertScope, assertSummary, generateArtifactId, normalizeFilename, resolveExpiry, scopeOfArtifactId } from "./validation.js";

export interface ArtifactStoreOptions<S extends ArtifactStorage = ArtifactStorage> {
  /** Any unstorage instance (or your own {@link ArtifactStorage}); see `createArtifactStorage` for the built-in providers. */
  storage: S;
  /** Key prefix inside the storage. Default `artifacts`. */
  prefix?: string;
  /** Owner of `sandbox`-scope artifacts. Default `default`. */
  sandboxId?: string;
  /** Largest artifact in bytes. Default 64 MiB. */
  maxBytes?: number;
  /** HMAC key for presigned tokens (≥ 16 bytes). Default: random per process. */
  presignSecret?: string | Uint8Array;
  /** Provider-native download URL (S3 presigning), given the blob key. */
  presignUrl?: (key: string, expiresInSeconds: number) => Promise<string | undefined>;
  now?: () => number;
}

/** Everything `read` returns. */
export interface ArtifactRead {
  metadata: ArtifactMetadata;
  data: Uint8Array;
}

const MAX_PRESIGN_SECONDS = 7 * 24 * 3_600;

/**
 * Scoped artifact storage on any unstorage driver. Bytes and a JSON metadata record live
 * side by side; the metadata is written last and removed first, so a reader never sees an
 * artifact half-way. Every lookup is addressed by the caller's own session, user or the
 * sandbox, so another owner's artifact is indistinguishable from a missing one.
 */
export class ArtifactStore<S extends ArtifactStorage = ArtifactStorage> {
  readonly storage: S;
  readonly prefix: string;
  readonly sandboxId: string;
  readonly maxBytes: number;
  private readonly presignSecret: string | Uint8Array;
  private readonly presignUrl: ArtifactStoreOptions["presignUrl"];
  private readonly now: () => number;

  constructor(options: ArtifactStoreOptions<S>) {
    this.storage = options.storage;
    this.prefix = (options.prefix ?? "artifacts").replace(/:+$/, "");
    this.sandboxId = options.sandboxId ?? "default";
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    if (!Number.isInteger(this.maxBytes) || this.maxBytes < 1) {
      throw new ArtifactError("invalid_argument", `maxBytes must be a positive integer, got ${String(options.maxBytes)}.`);
    }
    this.presignSecret = options.presignSecret ?? crypto.getRandomValues(new Uint8Array(32));
    this.presignUrl = options.presignUrl;
    this.now = options.now ?? Date.now;
  }

  /** Stores content as a new artifact. Nothing is stored when any check fails. */
  async write(content: ArtifactContent, options: WriteArtifactOptions): Promise<ArtifactMetadata> {
    const scope = options.scope ?? "session";
    assertScope(scope);
    const filename = normalizeFilename(options.filename);
    assertSummary(options.summary);
    assertMeta(options.meta);
    if (options.mime !== undefined) assertMime(options.mime);
    const now = this.now();
    const expiresAt = resolveExpiry(scope, options.ttl, now);
    const owner = await resolveOwner(scope, options, this.sandboxId, "write");
    const encoding = options.encoding ?? "utf8";
    if (encoding !== "utf8" && encoding !== "base64") {
      throw new ArtifactError("invalid_argument", `encoding must be "utf8" or "base64", got ${JSON.stringify(encoding)}.`);
    }
    const data = await toBytes(content, encoding, this.maxBytes);
    const defaultMime = typeof content === "string" && encoding === "utf8" ? "text/plain" : "application/octet-stream";
    const metadata = await buildMetadata({
      id: generateArtifactId(scope), owner, access: options, sandboxId: this.sandboxId, data, now, expiresAt,
      filename, mime: options.mime ?? defaultMime, summary: options.summary ?? "", meta: options.meta ?? {},
    });
    await this.persist(metadata, data, owner);
    return metadata;
  }

  /** Metadata of an artifact the caller may see. */
  async metadata(id: string, access: ArtifactAccess): Promise<ArtifactMetadata> {
    const owner = await resolveOwner(scopeOfArtifactId(id), access, this.sandboxId, "read");
    return this.load(id, owner.ownerKey);
  }

  async read(id: string, access: ArtifactAccess): Promise<ArtifactRead> {
    const owner = await resolveOwner(scopeOfArtifactId(id), access, this.sandboxId, "read");
    return this.readAt(id, owner.ownerKey);
  }

  async readText(id: string, access: ArtifactAccess): Promise<string> {
    return new TextDecoder().decode((await this.read(id, access)).data);
  }

  /** The caller's artifacts of one scope, newest first. */
  async list(access: ArtifactAccess, options: ListArtifactsOptions = {}): Promise<ArtifactMetadata[]> {
    const scope = options.scope ?? (access.sessionId ? "session" : "user");
    assertScope(scope);
    assertMeta(options.meta);
    const limit = options.limit ?? 1_000;
    if (!Number.isInteger(limit) || limit < 1) throw new ArtifactError("invalid_argument", `limit must be a positive integer, got ${String(limit)}.`);
    const owner = await resolveOwner(scope, access, this.sandboxId, "read");
    const all = await this.loadAll(`${this.prefix}:meta:${owner.ownerKey}`);
    return all.filter((metadata) => matchesFilter(metadata, options)).sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
  }

  /** Removes an artifact; resolves `false` when there was nothing the caller could remove. */
  async delete(id: string, access: ArtifactAccess): Promise<boolean> {
    const owner = await resolveOwner(scopeOfArtifactId(id), access, this.sandboxId, "write");
    const existing = await this.storage.getItem(this.metaKey(owner.ownerKey, id)).catch((cause: unknown) => {
      throw this.storageFailed("delete", cause);
    });
    if (existing === null) return false;
    await this.remove(owner.ownerKey, id);
    return true;
  }

  /** Copies into a new artifact owned by the caller in `options.scope` (default: same scope). */
  async copy(id: string, access: ArtifactAccess, options: CopyArtifactOptions = {}): Promise<ArtifactMetadata> {
    const source = await this.read(id, access);
    const scope = options.scope ?? source.metadata.scope;
    assertScope(scope);
    const filename = normalizeFilename(options.filename ?? source.metadata.filename);
    assertSummary(options.summary);
    assertMeta(options.meta);
    const now = this.now();
    const expiresAt = resolveExpiry(scope, options.ttl, now);
    const owner = await resolveOwner(scope, access, this.sandboxId, "write");
    const metadata = await buildMetadata({
      id: generateArtifactId(scope), owner, access, sandboxId: this.sandboxId, data: source.data, now, expiresAt, filename,
      mime: source.metadata.mime, summary: options.summary ?? source.metadata.summary, meta: options.meta ?? source.metadata.meta,
    });
    await this.persist(metadata, source.data, owner);
    return metadata;
  }

  /**
   * Renames / re-describes in place (same id) when the scope stays, otherwise copies to the
   * new scope and deletes the source (new id).
   */
  async move(id: string, access: ArtifactAccess, options: CopyArtifactOptions = {}): Promise<ArtifactMetadata> {
    const sourceScope = scopeOfArtifactId(id);
    const sourceOwner = await resolveOwner(sourceScope, access, this.sandboxId, "write");
    if (options.scope !== undefined && options.scope !== sourceScope) {
      const moved = await this.copy(id, access, options);
      await this.remove(sourceOwner.ownerKey, id);
      return moved;
    }
    const filename = options.filename === undefined ? undefined : normalizeFilename(options.filename);
    assertSummary(options.summary);
    assertMeta(options.meta);
    if (options.ttl !== undefined) throw new ArtifactError("invalid_ttl", "move keeps the expiry within a scope; use copy to set a new ttl.");
    const current = await this.load(id, sourceOwner.ownerKey);
    const updated: ArtifactMetadata = {
      ...current, filename: filename ?? current.filename, summary: options.summary ?? current.summary,
      meta: options.meta ?? current.meta, updatedAt: this.now(),
    };
    await this.storage.setItem(this.metaKey(sourceOwner.ownerKey, id), JSON.stringify(updated), this.ttlOptions(updated)).catch((cause: unknown) => {
      throw this.storageFailed("move", cause);
    });
    return updated;
  }

  /** Counts and bytes per scope the caller can see. */
  async stats(access: ArtifactAccess): Promise<ArtifactStats> {
    const scopes: ArtifactScope[] = [...(access.sessionId ? (["session"] as const) : []), ...(access.userId ? (["user"] as const) : []), "sandbox"];
    const stats: ArtifactStats = {};
    for (const scope of scopes) {
      const owner = await resolveOwner(scope, access, this.sandboxId, "read");
      const all = await this.loadAll(`${this.prefix}:meta:${owner.ownerKey}`);
      stats[scope] = { count: all.length, bytes: all.reduce((sum, metadata) => sum + metadata.bytes, 0) };
    }
    return stats;
  }

  /** An expiring download token (and a provider URL where the driver signs its own). */
  async presign(id: string, access: ArtifactAccess, options: { expiresIn?: number } = {}): Promise<PresignedArtifact> {
    const expiresIn = options.expiresIn ?? 3_600;
    if (!Number.isFinite(expiresIn) || expiresIn <= 0 || expiresIn > MAX_PRESIGN_SECONDS) {
      throw new ArtifactError("invalid_argument", `expiresIn must be 1-${MAX_PRESIGN_SECONDS} seconds, got ${String(expiresIn)}.`);
    }
    const owner = await resolveOwner(scopeOfArtifactId(id), access, this.sandboxId, "read");
    const metadata = await this.load(id, owner.ownerKey);
    // One clock reading for both: signing takes a moment, and the provider URL must not lose a second to it.
    const issuedAt = this.now();
    const expiresAt = Math.min(issuedAt + expiresIn * 1_000, metadata.expiresAt ?? Number.POSITIVE_INFINITY);
    const token = await signPresignedToken({ id, ownerKey: owner.ownerKey, expiresAt }, this.presignSecret);
    const url = await this.presignUrl?.(this.blobKey(owner.ownerKey, id), Math.max(1, Math.floor((expiresAt - issuedAt) / 1_000)));
    return { token, expiresAt, ...(url ? { url } : {}) };
  }

  /** Redeems a token from {@link presign}: no caller identity needed, the signature is the grant. */
  async readPresigned(token: string): Promise<ArtifactRead> {
    const claims = await verifyPresignedToken(token, this.presignSecret, this.now());
    return this.readAt(claims.id, claims.ownerKey);
  }

  /** Removes every expired artifact (drivers without native TTL keep them until then). */
  async purgeExpired(): Promise<number> {
    const keys = await this.storage.getKeys(`${this.prefix}:meta`).catch((cause: unknown) => {
      throw this.storageFailed("purge", cause);
    });
    let purged = 0;
    for (const key of keys) {
      const metadata = parseMetadata(await this.storage.getItem(key).catch(() => null));
      if (metadata?.expiresAt !== undefined && metadata.expiresAt <= this.now()) {
        await this.remove(key.slice(`${this.prefix}:meta:`.length).replace(/:[^:]+$/, ""), metadata.id);
        purged += 1;
      }
    }
    return purged;
  }

  private metaKey(ownerKey: string, id: string): string {
    return `${this.prefix}:meta:${ownerKey}:${id}`;
  }

  private blobKey(ownerKey: string, id: string): string {
    return `${this.prefix}:blob:${ownerKey}:${id}`;
  }

  private ttlOptions(metadata: ArtifactMetadata): { ttl?: number } {
    return metadata.expiresAt === undefined ? {} : { ttl: Math.max(1, Math.ceil((metadata.expiresAt - this.now()) / 1_000)) };
  }

  private storageFailed(operation: string, cause: unknown): ArtifactError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new ArtifactError("storage_failed", `Artifact storage failed during ${operation}: ${detail}. Check the storage provider is reachable; retry later.`, { cause });
  }

  private async persist(metadata: ArtifactMetadata, data: Uint8Array, owner: ResolvedOwner): Promise<void> {
    const ttl = this.ttlOptions(metadata);
    const blobKey = this.blobKey(owner.ownerKey, metadata.id);
    try {
      await this.storage.setItemRaw(blobKey, data, ttl);
    } catch (cause) {
      await this.storage.removeItem(blobKey).catch(() => undefined);
      throw this.storageFailed("write", cause);
    }
    try {
      await this.storage.setItem(this.metaKey(owner.ownerKey, metadata.id), JSON.stringify(metadata), ttl);
    } catch (cause) {
      // Without its metadata the blob is unreachable; remove it so nothing is left half-way.
      await this.storage.removeItem(blobKey).catch(() => undefined);
      throw this.storageFailed("write", cause);
    }
  }

  private async remove(ownerKey: string, id: string): Promise<void> {
    try {
      await this.storage.removeItem(this.metaKey(ownerKey, id));
      await this.storage.removeItem(this.blobKey(ownerKey, id));
    } catch (cause) {
      throw this.storageFailed("delete", cause);
    }
  }

  private async load(id: string, ownerKey: string): Promise<ArtifactMetadata> {
    const stored = await this.storage.getItem(this.metaKey(ownerKey, id)).catch((cause: unknown) => {
      throw this.storageFailed("read", cause);
    });
    const metadata = parseMetadata(stored);
    if (!metadata || metadata.id !== id) throw artifactNotFound(id);
    if (metadata.expiresAt !== undefined && metadata.expiresAt <= this.now()) {
      await this.remove(ownerKey, id).catch(() => undefined);
      throw new ArtifactError("artifact_expired", `Artifact ${JSON.stringify(id)} expired at ${new Date(metadata.expiresAt).toISOString()}; write it again, or use the user scope for lasting artifacts.`);
    }
    return metadata;
  }

  private async readAt(id: string, ownerKey: string): Promise<ArtifactRead> {
    const metadata = await this.load(id, ownerKey);
    const raw = await this.storage.getItemRaw(this.blobKey(ownerKey, id)).catch((cause: unknown) => {
      throw this.storageFailed("read", cause);
    });
    const data = asUint8Array(raw);
    if (!data || data.byteLength !== metadata.bytes) throw artifactNotFound(id);
    return { metadata, data };
  }

  private async loadAll(base: string): Promise<ArtifactMetadata[]> {
    const now = this.now();
    try {
      const keys = await this.storage.getKeys(base);
      const results: ArtifactMetadata[] = [];
      for (let start = 0; start < keys.length; start += 32) {
        const batch = await Promise.all(keys.slice(start, start + 32).map((key) => this.storage.getItem(key)));
        for (const stored of batch) {
          const metadata = parseMetadata(stored);
          if (metadata && (metadata.expiresAt === undefined || metadata.expiresAt > now)) results.push(metadata);
        }
      }
      return results;
    } catch (cause) {
      throw this.storageFailed("list", cause);
    }
  }
}
