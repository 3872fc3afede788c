import { SessionError } from "./errors.js";
import { encodeMessage, formatEventId, parseEventId } from "./event-id.js";
import type { MessageEventStore, MessageEventReplay } from "./types.js";

export interface EventRetentionOptions {
  /** Most events kept per stream; older ones are trimmed. Default 1 000. */
  maxEventsPerStream?: number;
  /** A stream's log is dropped this long after its last append, seconds. Default 3 600. */
  ttlSeconds?: number;
}

export interface MemoryMessageEventStoreOptions extends EventRetentionOptions {
  /** Most streams kept; the least recently appended is dropped beyond it. Default 10 000. */
  maxStreams?: number;
  now?: () => number;
}

interface StreamLog {
  nextPosition: number;
  events: { position: number; text: string }[];
  expiresAt: number;
}

export function assertEventRetention(options: EventRetentionOptions): { maxEvents: number; ttlMs: number } {
  const maxEvents = options.maxEventsPerStream ?? 1_000;
  const ttlSeconds = options.ttlSeconds ?? 3_600;
  if (!Number.isInteger(maxEvents) || maxEvents < 1) {
    throw new SessionError("invalid_argument", `maxEventsPerStream must be a positive integer, got ${String(maxEvents)}.`);
  }
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new SessionError("invalid_argument", `ttlSeconds must be a positive number, got ${String(ttlSeconds)}.`);
  }
  return { maxEvents, ttlMs: Math.ceil(ttlSeconds * 1_000) };
}

export function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== "string" || streamId.length === 0 || streamId.length > 1_024) {
    throw new SessionError("invalid_argument", "streamId must be a non-empty string of at most 1024 characters.");
  }
}

export function messageError(cause: unknown): never {
  throw new SessionError("invalid_argument", "Event messages must be JSON-serialisable (no cycles, BigInt or undefined).", { cause });
}

/** A bounded in-process {@link MessageEventStore}: capped per stream, capped in streams, expiring. */
export class MemoryMessageEventStore implements MessageEventStore {
  private readonly streams = new Map<string, StreamLog>();
  private readonly maxEvents: number;
  private readonly ttlMs: number;
  private readonly maxStreams: number;
  private readonly now: () => number;

  constructor(options: MemoryMessageEventStoreOptions = {}) {
    ({ maxEvents: this.maxEvents, ttlMs: this.ttlMs } = assertEventRetention(options));
    this.maxStreams = options.maxStreams ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async append(streamId: string, message: unknown): Promise<string> {
    assertStreamId(streamId);
    const text = encodeMessage(message, messageError);
    const now = this.now();
    let log = this.live(streamId, now);
    if (log) this.streams.delete(streamId);
    else log = { nextPosition: 1, events: [], expiresAt: 0 };
    while (this.streams.size >= this.maxStreams) {
      const oldest = this.streams.keys().next();
      if (oldest.done) break;
      this.streams.delete(oldest.value);
    }
    const position = log.nextPosition++;
    log.events.push({ position, text });
    if (log.events.length > this.maxEvents) log.events.splice(0, log.events.length - this.maxEvents);
    log.expiresAt = now + this.ttlMs;
    this.streams.set(streamId, log);
    return formatEventId(streamId, String(position));
  }

  async replayAfter(eventId: string): Promise<MessageEventReplay | undefined> {
    const parsed = parseEventId(eventId, /^[1-9][0-9]{0,15}$/);
    if (!parsed) return undefined;
    const log = this.live(parsed.streamId, this.now());
    const after = Number(parsed.position);
    if (!log || after >= log.nextPosition) return undefined;
    const events = log.events
      .filter((event) => event.position > after)
      .map((event) => ({ eventId: formatEventId(parsed.streamId, String(event.position)), message: JSON.parse(event.text) as unknown }));
    const first = log.events[0]?.position ?? log.nextPosition;
    return { streamId: parsed.streamId, events, truncated: first > after + 1 };
  }

  async deleteStream(streamId: string): Promise<void> {
    this.streams.delete(streamId);
  }

  async close(): Promise<void> {
    this.streams.clear();
  }

  private live(streamId: string, now: number): StreamLog | undefined {
    const log = this.streams.get(streamId);
    if (log && log.expiresAt <= now) {
      this.streams.delete(streamId);
      return undefined;
    }
    return log;
  }
}
