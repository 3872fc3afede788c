/**
 * What an `AuthStore` needs from the place it keeps entries. Values are opaque strings (the
 * store serialises); every operation that single use depends on is atomic in the backend
 * itself, so two instances sharing one Redis cannot both redeem one code.
 */
export interface StoreBackend {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Atomically reads and deletes (Redis `GETDEL`). */
  take(key: string): Promise<string | undefined>;
  /** Atomically replaces an existing entry, keeping its TTL, and returns the old value; absent → undefined, nothing written. */
  exchange(key: string, value: string): Promise<string | undefined>;
  close(): Promise<void>;
}
