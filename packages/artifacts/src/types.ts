/**
 * Runtime-neutral artifact types.
 *
 * - `session`: ephemeral (TTL 15 min–24 h), visible only inside the session that wrote it.
 * - `user`: persistent, needs an authenticated user, visible only to that user.
 * - `sandbox`: shared by every caller of this sandbox, readable by tools, written by admins.
 */
export type ArtifactScope = "session" | "user" | "sandbox";

export const ARTIFACT_SCOPES: readonly ArtifactScope[] = ["session", "user", "sandbox"];

/** A scalar value of caller-defined metadata (filterable in `list`). */
export type ArtifactMetaValue = string | number | boolean | null;

/** Who is asking. Comes from the request context: `ctx.sessionId`, `ctx.userId`. */
export interface ArtifactAccess {
  sessionId?: string;
  userId?: string;
  /** Admin/config writers may write and delete `sandbox` artifacts. */
  admin?: boolean;
}

/** Everything known about an artifact except its bytes; stored beside them. */
export interface ArtifactMetadata {
  id: string;
  scope: ArtifactScope;
  filename: string;
  mime: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the content. */
  sha256: string;
  summary: string;
  /** The session id, user id or sandbox id the artifact belongs to. */
  owner: string;
  sessionId?: string;
  userId?: string;
  sandboxId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /** Epoch milliseconds; absent for artifacts that never expire. */
  expiresAt?: number;
  meta: Record<string, ArtifactMetaValue>;
}

/** What `write` accepts. Strings are UTF-8 unless `encoding: "base64"`. */
export type ArtifactContent = Uint8Array | ArrayBuffer | ArrayBufferView | string | Blob | ReadableStream<Uint8Array>;

export interface WriteArtifactOptions extends ArtifactAccess {
  scope?: ArtifactScope;
  filename: string;
  /** Default `application/octet-stream` (`text/plain` for utf8 strings). */
  mime?: string;
  summary?: string;
  /** Seconds. Session: 900–86 400 (default 900). User: optional. Sandbox: not allowed. */
  ttl?: number;
  /** How a string `content` is encoded. Default `utf8`. */
  encoding?: "utf8" | "base64";
  meta?: Record<string, ArtifactMetaValue>;
}

export interface ListArtifactsOptions {
  /** Default: `session` when the caller has a session, else `user`. */
  scope?: ArtifactScope;
  /** Keep only artifacts whose mime starts with this (`image/`). */
  mimePrefix?: string;
  /** Keep only artifacts whose `meta` has all these exact values. */
  meta?: Record<string, ArtifactMetaValue>;
  /** Most results, newest first. Default 1 000. */
  limit?: number;
}

export interface CopyArtifactOptions {
  /** Target scope; default: the source's scope. The target owner comes from the caller. */
  scope?: ArtifactScope;
  filename?: string;
  summary?: string;
  ttl?: number;
  meta?: Record<string, ArtifactMetaValue>;
}

export interface ScopeStats {
  count: number;
  bytes: number;
}

export type ArtifactStats = Partial<Record<ArtifactScope, ScopeStats>>;

export interface PresignedArtifact {
  /** Opaque, HMAC-signed, expiring token; redeem with `readPresigned`. */
  token: string;
  expiresAt: number;
  /** A direct download URL where the provider signs its own (S3). */
  url?: string;
}
