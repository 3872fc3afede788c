/**
 * Live 2025-era sessions of this process. Bounded (`maxSessions` overall and
 * `maxSessionsPerClient` per client), idle ones reaped after `sessionTtlMs`, and backed by a
 * `SessionStateStore` so a miss rehydrates instead of failing. Every lookup names the owner the
 * request authenticated as; a session bound to someone else is not found.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { AuthInfo } from "@chuk-mcp/core";
import type { JsonRpcId, McpEngine } from "./engine.js";
import type { SessionBusMessage } from "./event-bus.js";
import { clientKeyFor, type RequestPeer } from "./forwarding.js";
import type { ResolvedOptions } from "./options.js";
import { HttpErrorCode } from "./protocol.js";
import { errorReply, type HttpReply } from "./replies.js";
import { readHeader, type RequestHeaders } from "./request-validation.js";
import { SessionBusLink } from "./session-bus-link.js";
import { ClientSessions } from "./client-sessions.js";
import { LiveSession } from "./live-session.js";
import { ownerKey, ownerOf, readOwner, sameOwner, withOwner, type SessionOwner } from "./session-owner.js";
import { storeFailureReply } from "./store-failure.js";

export { LiveSession, type RelatedChannel } from "./live-session.js";

/** The process-wide table of live sessions. */
export class SessionRegistry {
  private readonly live = new Map<string, LiveSession>();
  private readonly byClient = new ClientSessions<LiveSession>();
  private readonly rehydrating = new Map<string, Promise<LiveSession | undefined>>();
  private reaper: ReturnType<typeof setInterval> | undefined;
  /** Tells this transport's bus messages from other instances'. */
  private readonly origin = crypto.randomUUID();

  constructor(
    private readonly engine: McpEngine,
    private readonly options: ResolvedOptions,
  ) {}

  /** Number of live sessions. */
  get size(): number {
    return this.live.size;
  }

  /**
   * Creates a session for an initialize request, bound to `owner`. A client at its quota
   * gives up its own oldest idle session; `"client_quota"` when all of its sessions are busy,
   * `"full"` when the process is full of busy sessions.
   */
  create(owner: SessionOwner, clientKey: string): LiveSession | "client_quota" | "full" {
    if (this.byClient.count(clientKey) >= this.options.maxSessionsPerClient) {
      const own = this.byClient.oldestIdleOf(clientKey);
      if (own === undefined) return "client_quota";
      this.drop(own);
      own.close();
      this.options.sessionStore.delete(own.id).catch(this.options.onError);
    }
    if (this.live.size >= this.options.maxSessions && !this.makeRoom()) return "full";
    const session = this.attach(crypto.randomUUID(), undefined, owner, clientKey);
    this.startReaper();
    return session;
  }

  /** Saves a session's state with its binding (after initialize succeeded). */
  save(session: LiveSession): Promise<void> {
    return this.options.sessionStore.set(session.id, withOwner(session.engineSession.state, session.owner), this.options.sessionTtlMs);
  }

  /** Live sessions counted against `clientKey`'s quota. */
  sessionsOf(clientKey: string): number {
    return this.byClient.count(clientKey);
  }

  /**
   * The session when it is live in this instance and bound to `owner`; `resolve` also
   * rehydrates from the store. A session bound to someone else is `undefined`, like an unknown id.
   */
  findLive(id: string, owner: SessionOwner): LiveSession | undefined {
    const live = this.live.get(id);
    return live !== undefined && sameOwner(live.owner, owner) ? live : undefined;
  }

  /** The session bound to `owner`, live or rehydrated; `undefined` when unknown or bound to someone else. */
  async resolve(id: string, owner: SessionOwner, clientKey: string): Promise<LiveSession | undefined> {
    const live = this.live.get(id);
    if (live !== undefined) return sameOwner(live.owner, owner) ? live : undefined;
    const key = `${id}\u0000${ownerKey(owner)}`;
    let pending = this.rehydrating.get(key);
    if (pending === undefined) {
      pending = this.rehydrate(id, owner, clientKey);
      this.rehydrating.set(key, pending);
      pending.finally(() => this.rehydrating.delete(key)).catch(() => undefined);
    }
    const session = await pending;
    return session !== undefined && sameOwner(session.owner, owner) ? session : undefined;
  }

  /** The per-client quota key of a request: its owner when authenticated, else its client address. */
  clientKeyOf(owner: SessionOwner, headers: RequestHeaders, peer: RequestPeer | undefined): string {
    const key = ownerKey(owner);
    return clientKeyFor(key, key === "" ? this.options.proxyTrust.clientAddress(headers, peer) : undefined);
  }

  /**
   * The live session named by the request's `Mcp-Session-Id` when this instance holds it (no
   * store round trip) and it is bound to the caller `auth` names; marks it seen.
   */
  findLiveFor(headers: RequestHeaders, auth: AuthInfo | undefined): LiveSession | undefined {
    const session = this.findLive(readHeader(headers, "mcp-session-id")?.trim() ?? "", ownerOf(auth));
    session?.touch(Date.now());
    return session;
  }

  /**
   * The session named by the request's `Mcp-Session-Id` and bound to the caller (live or
   * rehydrated; marked seen), or the 400/404/503 answer carrying `requestId`. A session bound to
   * another identity gets the same 404 as an unknown id (its existence is not revealed) and is
   * left untouched.
   */
  async findFor(
    headers: RequestHeaders,
    auth: AuthInfo | undefined,
    peer: RequestPeer | undefined,
    requestId: JsonRpcId | null,
  ): Promise<LiveSession | HttpReply> {
    const id = readHeader(headers, "mcp-session-id")?.trim();
    if (id === undefined || id === "") {
      return errorReply(400, HttpErrorCode.BadRequest, "Bad Request: Mcp-Session-Id header is required; send the id returned by initialize", {
        id: requestId,
      });
    }
    let session: LiveSession | undefined;
    try {
      const owner = ownerOf(auth);
      session = await this.resolve(id, owner, this.clientKeyOf(owner, headers, peer));
    } catch (error) {
      this.options.onError(error);
      return storeFailureReply(error, requestId);
    }
    if (session === undefined) {
      return errorReply(
        404,
        HttpErrorCode.SessionNotFound,
        "Session not found: it expired or was terminated; start a new one with initialize (no Mcp-Session-Id)",
        { id: requestId },
      );
    }
    session.touch(Date.now());
    return session;
  }

  /** Ends a session for good (DELETE, failed initialize). */
  async terminate(session: LiveSession): Promise<void> {
    this.drop(session);
    session.link?.publish({ kind: "terminated" });
    session.close();
    await this.options.sessionStore.delete(session.id);
  }

  /** Drops a session from memory without touching the store (its save failed). */
  discard(session: LiveSession): void {
    this.drop(session);
    session.close();
  }

  /** Closes every live session (shutdown); state stays in the store for other instances. */
  closeAll(): void {
    if (this.reaper !== undefined) clearInterval(this.reaper);
    this.reaper = undefined;
    for (const session of this.live.values()) session.close();
    this.live.clear();
    this.byClient.clear();
  }

  /** Removes sessions idle longer than the TTL; returns how many went. */
  reap(now = Date.now()): number {
    let removed = 0;
    for (const session of this.live.values()) {
      if (now - session.lastSeen < this.options.sessionTtlMs || !session.idle) continue;
      this.drop(session);
      session.close();
      this.options.sessionStore.delete(session.id).catch(this.options.onError);
      removed++;
    }
    return removed;
  }

  private async rehydrate(id: string, owner: SessionOwner, clientKey: string): Promise<LiveSession | undefined> {
    const state = await this.options.sessionStore.get(id);
    if (state === undefined) return undefined;
    const existing = this.live.get(id);
    if (existing !== undefined) return existing;
    const stored = readOwner(state);
    // Bound to someone else: not loaded here at all, so the caller cannot even make it live.
    if (!sameOwner(stored, owner)) return undefined;
    if (this.live.size >= this.options.maxSessions && !this.makeRoom()) return undefined;
    this.startReaper();
    return this.attach(id, state, stored, clientKey);
  }

  private attach(id: string, state: LiveSession["engineSession"]["state"] | undefined, owner: SessionOwner, clientKey: string): LiveSession {
    const session = new LiveSession(id, this.options);
    session.owner = owner;
    session.clientKey = clientKey;
    session.engineSession = this.engine.createSession({
      id,
      state,
      send: (message, sendOptions) => session.route(message, sendOptions?.relatedRequestId),
    });
    session.engineSession.onStateChange = (next) => {
      if (!session.closed) {
        this.options.sessionStore.set(id, withOwner(next, session.owner), this.options.sessionTtlMs).catch(this.options.onError);
      }
    };
    const bus = this.options.eventBus;
    if (bus !== undefined) {
      session.link = new SessionBusLink(bus, id, this.origin, (message) => this.receive(session, message), this.options.onError);
    }
    this.live.set(id, session);
    this.byClient.add(session);
    return session;
  }

  /** Forgets a session in memory (map and quota index); the caller closes it. */
  private drop(session: LiveSession): void {
    if (this.live.get(session.id) === session) this.live.delete(session.id);
    this.byClient.remove(session);
  }

  private receive(session: LiveSession, message: SessionBusMessage): void {
    if (message.kind !== "terminated") {
      session.receive(message);
      return;
    }
    // Ended on another instance: drop the live copy; the store entry is already gone.
    this.drop(session);
    session.close();
  }

  /**
   * Frees one slot: expired sessions first, else the least recently seen idle session of the
   * client holding the most (one client's many sessions never push out another's few). The
   * evicted session stays in the store and rehydrates on its next request.
   */
  private makeRoom(): boolean {
    if (this.reap() > 0) return true;
    const victim = this.byClient.evictionCandidate();
    if (victim === undefined) return false;
    this.drop(victim);
    victim.close();
    return true;
  }

  private startReaper(): void {
    if (this.reaper !== undefined || this.options.sessionTtlMs === 0) return;
    const interval = Math.max(1_000, Math.min(this.options.sessionTtlMs / 2, 60_000));
    this.reaper = setInterval(() => this.reap(), interval);
    (this.reaper as { unref?: () => void }).unref?.();
  }
}
