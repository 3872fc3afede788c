/**
 * One live session's subscription to its bus channel. Publishing is fire-and-forget (the
 * bus is at-most-once; resumable events are also in the shared `EventStore`); failures go to
 * `onError` and never break the request that caused them.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import { readBusMessage, sessionChannel, type SessionBusMessage, type SessionEventBus } from "./event-bus.js";

/** Distributive omit, so each variant keeps its own fields. */
export type OutgoingBusMessage = SessionBusMessage extends infer Message
  ? Message extends SessionBusMessage
    ? Omit<Message, "origin">
    : never
  : never;

/** The bus side of one live session. */
export class SessionBusLink {
  /** Settles once the subscription is active (or failed, reported to `onError`). */
  readonly ready: Promise<void>;
  private unsubscribe: (() => Promise<void>) | undefined;
  private closed = false;
  private readonly channel: string;

  constructor(
    private readonly bus: SessionEventBus,
    sessionId: string,
    private readonly origin: string,
    onMessage: (message: SessionBusMessage) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.channel = sessionChannel(sessionId);
    this.ready = bus
      .subscribe(this.channel, (payload) => {
        const message = readBusMessage(payload);
        if (message !== undefined && message.origin !== origin && !this.closed) onMessage(message);
      })
      .then(
        (unsubscribe) => {
          if (this.closed) void unsubscribe().catch(onError);
          else this.unsubscribe = unsubscribe;
        },
        (error: unknown) => onError(error),
      );
  }

  /** Publishes to the other instances holding this session. */
  publish(message: OutgoingBusMessage): void {
    this.bus.publish(this.channel, { ...message, origin: this.origin }).catch(this.onError);
  }

  /** Stops receiving. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    unsubscribe?.().catch(this.onError);
  }
}
