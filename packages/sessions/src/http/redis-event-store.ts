/**
 * `@chuk-mcp/core`'s `EventStore` (numbered SSE events per stream, what `@chuk-mcp/http` reads) on Redis Streams, shared
 * by every instance so a client resumes (`Last-Event-ID`) on any of them. The sequence is
 * the stream entry id (`<sequence + 1>-0`), so reads need no extra index; each stream is
 * capped at `maxEventsPerStream` (`MAXLEN =`) and expires `ttlSeconds` after its last event.
 * Key: `{ENVIRONMENT}:{DEPLOYMENT_ID}:sbx:sse:{streamId}`.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import type { EventStore, StoredEvent } from "@chuk-mcp/core";
import { assertEventRetention, assertStreamId, type EventRetentionOptions } from "../memory-message-event-store.js";
import { resolveNamespace, type Namespace, type NamespaceOptions } from "../namespace.js";
import type { RedisCommandRunner } from "../redis-commands.js";

export interface RedisEventStoreOptions extends EventRetentionOptions, NamespaceOptions {
  connection: RedisCommandRunner;
}

function sequenceOf(entryId: string): number {
  return Number(entryId.slice(0, entryId.indexOf("-"))) - 1;
}

/** A bounded, expiring, cross-instance SSE event store. */
export class RedisEventStore implements EventStore {
  readonly namespace: Namespace;
  private readonly connection: RedisCommandRunner;
  private readonly maxEvents: number;
  private readonly ttlMs: number;

  constructor(options: RedisEventStoreOptions) {
    ({ maxEvents: this.maxEvents, ttlMs: this.ttlMs } = assertEventRetention(options));
    this.connection = options.connection;
    this.namespace = resolveNamespace(options);
  }

  private key(streamId: string): string {
    return `${this.namespace.prefix}sse:${streamId}`;
  }

  async append(streamId: string, event: StoredEvent): Promise<void> {
    assertStreamId(streamId);
    const key = this.key(streamId);
    await this.connection.run("SSE event append", async (client) => {
      await client.xadd(key, "MAXLEN", "=", String(this.maxEvents), `${event.sequence + 1}-0`, "m", event.message);
      await client.pexpire(key, this.ttlMs);
    });
  }

  async readAfter(streamId: string, afterSequence: number): Promise<StoredEvent[] | undefined> {
    assertStreamId(streamId);
    const key = this.key(streamId);
    return this.connection.run("SSE event replay", async (client) => {
      const [first] = await client.xrange(key, "-", "+", "COUNT", 1);
      // Unknown stream, or the cap already dropped events the client has not seen.
      if (first === undefined || sequenceOf(first[0]) > afterSequence + 1) return undefined;
      const entries = await client.xrange(key, `${afterSequence + 2}-0`, "+");
      return entries.map(([entryId, fields]) => ({ sequence: sequenceOf(entryId), message: fields[1] ?? "" }));
    });
  }

  async deleteStream(streamId: string): Promise<void> {
    assertStreamId(streamId);
    await this.connection.run("SSE stream delete", (client) => client.del(this.key(streamId)));
  }
}
