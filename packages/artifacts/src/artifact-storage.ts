/**
 * The key-value storage an `ArtifactStore` writes to: the subset of unstorage's `Storage` it
 * calls. Declared here so `@chuk-mcp/artifacts`' published types do not reach unstorage's
 * (whose driver types would then be checked by every user's `tsc` without `skipLibCheck`).
 * Any unstorage instance (`createStorage()`) satisfies it, and so does an adapter of your own.
 */
export interface ArtifactStorage {
  /** The parsed value at `key` (a JSON string comes back parsed or as the string), or `null`. */
  getItem(key: string): Promise<unknown>;
  /** Stores a string; `options.ttl` (seconds) when the artifact expires. */
  setItem(key: string, value: string, options?: { ttl?: number }): Promise<void>;
  /** The raw bytes at `key` (Buffer, ArrayBuffer or Uint8Array, by driver), or `null`. */
  getItemRaw(key: string): Promise<unknown>;
  /** Stores bytes; `options.ttl` (seconds) when the artifact expires. */
  setItemRaw(key: string, value: Uint8Array, options?: { ttl?: number }): Promise<void>;
  removeItem(key: string): Promise<void>;
  /** Every key under `base` (`a:b` form). */
  getKeys(base?: string): Promise<string[]>;
}

/** What `createArtifactStorage()` returns: an {@link ArtifactStorage} you own and release. */
export interface ManagedArtifactStorage extends ArtifactStorage {
  /** Removes every key under `base` (default: everything this storage holds). */
  clear(base?: string): Promise<void>;
  /** Releases the driver's connections (Redis, S3 clients) and timers. */
  dispose(): Promise<void>;
}
