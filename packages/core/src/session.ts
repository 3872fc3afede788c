/**
 * 2025-era sessions: negotiated state, the outbound channel, server→client requests
 * waiting for answers, and in-flight handlers to abort on cancel or close.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle
 */
import type { SessionEnvelope } from "./dispatch/era.js";
import { InFlightRequests } from "./in-flight.js";
import { McpError } from "./errors.js";
import type { JsonRpcId, JsonRpcMessage } from "./jsonrpc.js";
import { PendingRequests } from "./outbound.js";
import type { ClientCapabilities, Implementation, LoggingLevel } from "./types.js";

/** JSON-serialisable session state (what a `SessionStateStore` persists). */
export interface SessionState {
  protocolVersion?: string;
  clientInfo?: Implementation;
  clientCapabilities: ClientCapabilities;
  logLevel?: LoggingLevel;
  subscriptions: string[];
  initialized: boolean;
}

/** How a session sends messages to its client. */
export type SessionSend = (
  message: JsonRpcMessage,
  options?: { relatedRequestId?: JsonRpcId },
) => void | Promise<void>;

/** Options for `server.createSession()`. */
export interface CreateSessionOptions {
  /** HTTP passes its Mcp-Session-Id; stdio omits it. */
  id?: string;
  send: SessionSend;
  /** Rehydrate from a store. */
  state?: SessionState;
}

/** A 2025-era session as transports see it. */
export interface ServerSession {
  readonly id: string | undefined;
  readonly state: SessionState;
  onStateChange?: (state: SessionState) => void;
  /** Aborts in-flight handlers and rejects pending client requests. */
  close(): void;
}

export type { Abortable } from "./in-flight.js";

/** Internal session implementation. */
export class Session implements ServerSession {
  readonly id: string | undefined;
  state: SessionState;
  onStateChange?: (state: SessionState) => void;
  readonly send: SessionSend;
  closed = false;
  /** In-flight requests from the client, by id, so notifications/cancelled can abort them. */
  readonly inFlight = new InFlightRequests();
  readonly pending = new PendingRequests();
  /** The engine's cache of this session's request envelope (see dispatch/era.ts). */
  envelope: SessionEnvelope | undefined;
  private readonly onClose: (session: Session) => void;

  constructor(options: CreateSessionOptions, onClose: (session: Session) => void) {
    this.id = options.id;
    this.send = options.send;
    const state = options.state;
    this.state = {
      clientCapabilities: state?.clientCapabilities ?? {},
      subscriptions: [...(state?.subscriptions ?? [])],
      initialized: state?.initialized ?? false,
      ...(state?.protocolVersion === undefined ? {} : { protocolVersion: state.protocolVersion }),
      ...(state?.clientInfo === undefined ? {} : { clientInfo: state.clientInfo }),
      ...(state?.logLevel === undefined ? {} : { logLevel: state.logLevel }),
    };
    this.onClose = onClose;
  }

  /** Updates state and tells the store. */
  updateState(changes: Partial<SessionState>): void {
    this.state = { ...this.state, ...changes };
    try {
      this.onStateChange?.(this.state);
    } catch {
      // A failing store must not fail the request that changed the state.
    }
  }

  /** Sends a server→client request related to `relatedRequestId` and waits for the answer. */
  request(
    method: string,
    params: Record<string, unknown>,
    options: { relatedRequestId?: JsonRpcId; signal?: AbortSignal },
  ): Promise<Record<string, unknown>> {
    if (this.closed) {
      return Promise.reject(new McpError("session_closed", `cannot send ${method}: the session is closed`));
    }
    const sendOptions = options.relatedRequestId === undefined ? undefined : { relatedRequestId: options.relatedRequestId };
    return this.pending.request((message) => this.send(message, sendOptions), method, params, options.signal);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const reason = new McpError("session_closed", "the session was closed");
    for (const running of this.inFlight.values()) running.abort(reason);
    this.inFlight.clear();
    this.pending.rejectAll(reason);
    this.onClose(this);
  }
}
