import { SessionError } from "./errors.js";
import { resolveNamespace, type Namespace, type NamespaceOptions } from "./namespace.js";
import type { RedisCommandRunner } from "./redis-commands.js";
import { assertSessionId } from "./session-id.js";
import type { SessionRecord, SessionRecordStore } from "./types.js";

export interface RedisSessionRecordStoreOptions extends NamespaceOptions {
  connection: RedisCommandRunner;
  /** Close `connection` when the store closes. Default false (connections are often shared). */
  ownsConnection?: boolean;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Sessions in Redis, shared by every instance of a deployment. Each session is one JSON
 * string key with a native expiry (`SET ... PX`), so Redis drops it on time even when no
 * instance is running; a sorted set (score = expiry) indexes the sandbox's sessions for
 * `list()` without `SCAN`. Every key is single-slot, so the store works on Redis Cluster.
 *
 * Sessions are deployment-wide, not per sandbox: any instance behind the load balancer
 * serves any session (the record keeps the creating `sandboxId` for diagnostics).
 * Keys: `{ENVIRONMENT}:{DEPLOYMENT_ID}:sbx:session:{id}` and `{ENVIRONMENT}:{DEPLOYMENT_ID}:sbx:sessions`.
 */
export class RedisSessionRecordStore implements SessionRecordStore {
  readonly namespace: Namespace;
  private readonly connection: RedisCommandRunner;
  private readonly ownsConnection: boolean;
  private readonly now: () => number;

  constructor(options: RedisSessionRecordStoreOptions) {
    this.connection = options.connection;
    this.ownsConnection = options.ownsConnection ?? false;
    this.now = options.now ?? Date.now;
    this.namespace = resolveNamespace(options);
  }

  /** The Redis key holding session `id`. */
  sessionKey(id: string): string {
    return `${this.namespace.prefix}session:${id}`;
  }

  private get indexKey(): string {
    return `${this.namespace.prefix}sessions`;
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    assertSessionId(id);
    const text = await this.connection.run("session get", (client) => client.get(this.sessionKey(id)));
    return this.decode(text);
  }

  async set(record: SessionRecord): Promise<void> {
    assertSessionId(record.id);
    const ttlMs = Math.ceil(record.expiresAt - this.now());
    if (ttlMs <= 0) {
      await this.delete(record.id);
      return;
    }
    const text = JSON.stringify(record);
    await this.connection.run("session set", async (client) => {
      await client.set(this.sessionKey(record.id), text, "PX", ttlMs);
      await client.zadd(this.indexKey, record.expiresAt, record.id);
      // The index lives as long as its longest-lived session (GT never shortens it).
      await client.call("PEXPIREAT", this.indexKey, String(Math.ceil(record.expiresAt)), "GT");
      if ((await client.pttl(this.indexKey)) < 0) await client.pexpireat(this.indexKey, Math.ceil(record.expiresAt));
    });
  }

  async delete(id: string): Promise<boolean> {
    assertSessionId(id);
    return this.connection.run("session delete", async (client) => {
      const removed = await client.del(this.sessionKey(id));
      await client.zrem(this.indexKey, id);
      return removed > 0;
    });
  }

  async list(): Promise<SessionRecord[]> {
    const now = this.now();
    return this.connection.run("session list", async (client) => {
      await client.zremrangebyscore(this.indexKey, "-inf", now);
      const ids = await client.zrangebyscore(this.indexKey, `(${now}`, "+inf");
      // One GET per key (not MGET): keys of a cluster may live on different slots.
      const texts = await Promise.all(ids.map((id) => client.get(this.sessionKey(id))));
      const records: SessionRecord[] = [];
      const stale: string[] = [];
      texts.forEach((text, index) => {
        const record = this.decode(text);
        if (record) records.push(record);
        else stale.push(ids[index] as string);
      });
      if (stale.length > 0) await client.zrem(this.indexKey, ...stale);
      return records;
    });
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }

  private decode(text: string | null): SessionRecord | undefined {
    if (text === null) return undefined;
    let record: SessionRecord;
    try {
      record = JSON.parse(text) as SessionRecord;
    } catch (cause) {
      throw new SessionError("store_failed", "A session record in Redis is not valid JSON; delete the key or fix whatever wrote it.", { cause });
    }
    return record.expiresAt > this.now() ? record : undefined;
  }
}
