/**
 * Fans out server notifications: list_changed to every open session and listen stream,
 * resources/updated to the sessions and streams subscribed to that URI.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/resources#subscriptions
 */
import type { JsonRpcId, JsonRpcNotification } from "./jsonrpc.js";
import type { Session } from "./session.js";

/** A 2026 subscriptions/listen stream. */
export interface ListenStream {
  /** Which notifications the client asked for. */
  toolsListChanged: boolean;
  promptsListChanged: boolean;
  resourcesListChanged: boolean;
  resourceUris: Set<string>;
  subscriptionId: JsonRpcId;
  send(message: JsonRpcNotification): void | Promise<void>;
  end(): void;
}

interface SessionSource {
  readonly sessions: ReadonlySet<unknown>;
}

function deliver(send: () => void | Promise<void>): void {
  try {
    const pending = send();
    if (pending !== undefined) pending.catch(() => undefined);
  } catch {
    // A dead transport must not break fan-out to the others.
  }
}

/** Notification fan-out for one server. */
export class SubscriptionHub {
  readonly streams = new Set<ListenStream>();

  constructor(private readonly source: SessionSource) {}

  private openSessions(): Session[] {
    return [...(this.source.sessions as ReadonlySet<Session>)].filter((session) => !session.closed && session.state.protocolVersion !== undefined);
  }

  listChanged(method: "notifications/tools/list_changed" | "notifications/resources/list_changed" | "notifications/prompts/list_changed"): void {
    for (const session of this.openSessions()) {
      deliver(() => session.send({ jsonrpc: "2.0", method }));
    }
    for (const stream of this.streams) {
      const wanted =
        method === "notifications/tools/list_changed"
          ? stream.toolsListChanged
          : method === "notifications/prompts/list_changed"
            ? stream.promptsListChanged
            : stream.resourcesListChanged;
      if (wanted) deliver(() => stream.send(withSubscription({ jsonrpc: "2.0", method }, stream.subscriptionId)));
    }
  }

  resourceUpdated(uri: string): void {
    for (const session of this.openSessions()) {
      if (session.state.subscriptions.includes(uri)) {
        deliver(() => session.send({ jsonrpc: "2.0", method: "notifications/resources/updated", params: { uri } }));
      }
    }
    for (const stream of this.streams) {
      if (stream.resourceUris.has(uri)) {
        deliver(() =>
          stream.send(withSubscription({ jsonrpc: "2.0", method: "notifications/resources/updated", params: { uri } }, stream.subscriptionId)),
        );
      }
    }
  }

  close(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}

function withSubscription(message: JsonRpcNotification, subscriptionId: JsonRpcId): JsonRpcNotification {
  return {
    ...message,
    params: { ...message.params, _meta: { "io.modelcontextprotocol/subscriptionId": subscriptionId } },
  };
}
