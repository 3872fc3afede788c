import { SessionError } from "./errors.js";
import { encodeMessage } from "./event-id.js";
import type { EventBus, EventHandler } from "./types.js";

export function assertChannel(channel: unknown): asserts channel is string {
  if (typeof channel !== "string" || channel.length === 0 || channel.length > 512) {
    throw new SessionError("invalid_argument", "An event channel must be a non-empty string of at most 512 characters.");
  }
}

export function publishError(cause: unknown): never {
  throw new SessionError("invalid_argument", "Published messages must be JSON-serialisable (no cycles, BigInt or undefined).", { cause });
}

/**
 * An in-process {@link EventBus}. Messages go through JSON like the Redis bus, so
 * subscribers get copies and behaviour matches across drivers.
 */
export class MemoryEventBus implements EventBus {
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private readonly onHandlerError: (error: unknown) => void;

  constructor(options: { onHandlerError?: (error: unknown) => void } = {}) {
    this.onHandlerError = options.onHandlerError ?? (() => undefined);
  }

  async publish(channel: string, message: unknown): Promise<number> {
    assertChannel(channel);
    const text = encodeMessage(message, publishError);
    const handlers = [...(this.handlers.get(channel) ?? [])];
    for (const handler of handlers) {
      try {
        handler(JSON.parse(text) as unknown, channel);
      } catch (error) {
        this.onHandlerError(error);
      }
    }
    return handlers.length;
  }

  async subscribe(channel: string, handler: EventHandler): Promise<() => Promise<void>> {
    assertChannel(channel);
    const set = this.handlers.get(channel) ?? new Set<EventHandler>();
    set.add(handler);
    this.handlers.set(channel, set);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) this.handlers.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
