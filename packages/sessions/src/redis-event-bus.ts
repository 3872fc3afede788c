import { encodeMessage } from "./event-id.js";
import { assertChannel, publishError } from "./memory-event-bus.js";
import { resolveNamespace, type Namespace, type NamespaceOptions } from "./namespace.js";
import type { RedisConnection } from "./redis-connection.js";
import type { EventBus, EventHandler } from "./types.js";

export interface RedisEventBusOptions extends NamespaceOptions {
  /** Used to publish; a duplicate of it is opened for subscribing. */
  connection: RedisConnection;
  ownsConnection?: boolean;
  /** Called when a handler throws or a received message is not JSON. Default: ignore. */
  onError?: (error: unknown) => void;
}

/**
 * An {@link EventBus} on Redis pub/sub: every instance of the deployment receives what any
 * instance publishes. Delivery is at-most-once (pub/sub keeps nothing for absent
 * subscribers); pair it with a {@link MessageEventStore} where messages must survive.
 * Channels: `{ENVIRONMENT}:{DEPLOYMENT_ID}:sbx:bus:{channel}`. Subscriptions are restored
 * by ioredis after a reconnect.
 */
export class RedisEventBus implements EventBus {
  readonly namespace: Namespace;
  private readonly publisher: RedisConnection;
  private subscriber: RedisConnection | undefined;
  private readonly ownsConnection: boolean;
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private readonly onError: (error: unknown) => void;

  constructor(options: RedisEventBusOptions) {
    this.publisher = options.connection;
    this.ownsConnection = options.ownsConnection ?? false;
    this.onError = options.onError ?? (() => undefined);
    this.namespace = resolveNamespace(options);
  }

  private channelKey(channel: string): string {
    return `${this.namespace.prefix}bus:${channel}`;
  }

  async publish(channel: string, message: unknown): Promise<number> {
    assertChannel(channel);
    const text = encodeMessage(message, publishError);
    return this.publisher.run("event publish", (client) => client.publish(this.channelKey(channel), text));
  }

  async subscribe(channel: string, handler: EventHandler): Promise<() => Promise<void>> {
    assertChannel(channel);
    const key = this.channelKey(channel);
    const subscriber = this.subscriberConnection();
    let set = this.handlers.get(key);
    if (!set) {
      set = new Set();
      this.handlers.set(key, set);
      try {
        await subscriber.run("event subscribe", (client) => client.subscribe(key));
      } catch (error) {
        this.handlers.delete(key);
        throw error;
      }
    }
    set.add(handler);
    const handlers = set;
    return async () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.handlers.get(key) === handlers) {
        this.handlers.delete(key);
        await subscriber.run("event unsubscribe", (client) => client.unsubscribe(key));
      }
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.subscriber?.close();
    this.subscriber = undefined;
    if (this.ownsConnection) await this.publisher.close();
  }

  private subscriberConnection(): RedisConnection {
    if (this.subscriber) return this.subscriber;
    const subscriber = this.publisher.duplicate();
    subscriber.client.on("message", (key: string, text: string) => this.deliver(key, text));
    this.subscriber = subscriber;
    return subscriber;
  }

  private deliver(key: string, text: string): void {
    const handlers = this.handlers.get(key);
    if (!handlers) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      this.onError(error);
      return;
    }
    const channel = key.slice(this.namespace.prefix.length + "bus:".length);
    for (const handler of [...handlers]) {
      try {
        handler(structuredClone(message), channel);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
