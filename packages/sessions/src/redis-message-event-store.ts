import { SessionError } from "./errors.js";
import { encodeMessage, formatEventId, parseEventId } from "./event-id.js";
import { assertEventRetention, assertStreamId, messageError, type EventRetentionOptions } from "./memory-message-event-store.js";
import { resolveNamespace, type Namespace, type NamespaceOptions } from "./namespace.js";
import type { RedisCommandRunner } from "./redis-commands.js";
import type { MessageEventStore, MessageEventReplay, StoredMessageEvent } from "./types.js";

export interface RedisMessageEventStoreOptions extends EventRetentionOptions, NamespaceOptions {
  connection: RedisCommandRunner;
  ownsConnection?: boolean;
}

const STREAM_ENTRY_ID = /^[0-9]{1,20}-[0-9]{1,20}$/;

function compareEntryIds(left: string, right: string): number {
  const [leftTime = "0", leftSequence = "0"] = left.split("-");
  const [rightTime = "0", rightSequence = "0"] = right.split("-");
  const byTime = BigInt(leftTime) - BigInt(rightTime);
  if (byTime !== 0n) return byTime < 0n ? -1 : 1;
  const bySequence = BigInt(leftSequence) - BigInt(rightSequence);
  return bySequence === 0n ? 0 : bySequence < 0n ? -1 : 1;
}

/**
 * A {@link MessageEventStore} on Redis Streams, shared by every instance so a client can resume
 * on any of them. One stream key per SSE stream, trimmed exactly to `maxEventsPerStream`
 * on every `XADD` and expiring `ttlSeconds` after the last append.
 * Key: `{ENVIRONMENT}:{DEPLOYMENT_ID}:sbx:events:{streamId}`.
 */
export class RedisMessageEventStore implements MessageEventStore {
  readonly namespace: Namespace;
  private readonly connection: RedisCommandRunner;
  private readonly ownsConnection: boolean;
  private readonly maxEvents: number;
  private readonly ttlMs: number;

  constructor(options: RedisMessageEventStoreOptions) {
    ({ maxEvents: this.maxEvents, ttlMs: this.ttlMs } = assertEventRetention(options));
    this.connection = options.connection;
    this.ownsConnection = options.ownsConnection ?? false;
    this.namespace = resolveNamespace(options);
  }

  private key(streamId: string): string {
    return `${this.namespace.prefix}events:${streamId}`;
  }

  async append(streamId: string, message: unknown): Promise<string> {
    assertStreamId(streamId);
    const text = encodeMessage(message, messageError);
    const key = this.key(streamId);
    const entryId = await this.connection.run("event append", async (client) => {
      const id = await client.xadd(key, "MAXLEN", "=", String(this.maxEvents), "*", "m", text);
      await client.pexpire(key, this.ttlMs);
      return id;
    });
    if (!entryId) throw new SessionError("store_failed", "Redis XADD returned no id; check that the server supports streams (Redis 5+).");
    return formatEventId(streamId, entryId);
  }

  async replayAfter(eventId: string): Promise<MessageEventReplay | undefined> {
    const parsed = parseEventId(eventId, STREAM_ENTRY_ID);
    if (!parsed) return undefined;
    const key = this.key(parsed.streamId);
    const result = await this.connection.run("event replay", async (client) => {
      const [last] = await client.xrevrange(key, "+", "-", "COUNT", 1);
      if (!last) return undefined;
      // Inclusive start: whether the client's own event is still there tells us if trimming
      // reached past it (trimming removes the oldest entries first).
      return { lastId: last[0], entries: await client.xrange(key, parsed.position, "+") };
    });
    if (!result || compareEntryIds(parsed.position, result.lastId) > 0) return undefined;
    const ownEventRetained = result.entries[0]?.[0] === parsed.position;
    const events: StoredMessageEvent[] = result.entries.slice(ownEventRetained ? 1 : 0).map(([entryId, fields]) => ({
      eventId: formatEventId(parsed.streamId, entryId),
      message: JSON.parse(fields[1] ?? "null") as unknown,
    }));
    return { streamId: parsed.streamId, events, truncated: !ownEventRetained };
  }

  async deleteStream(streamId: string): Promise<void> {
    assertStreamId(streamId);
    await this.connection.run("event stream delete", (client) => client.del(this.key(streamId)));
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}
