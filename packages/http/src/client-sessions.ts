/**
 * Live sessions grouped by client (authenticated owner, else client address), for the
 * per-client quota: a client over `maxSessionsPerClient` evicts only its own oldest idle
 * session, and a full process evicts from the client holding the most, so nobody can push
 * other clients' sessions out by opening many of their own.
 */

/** What the index needs of a session. */
export interface QuotaMember {
  readonly clientKey: string;
  readonly lastSeen: number;
  readonly idle: boolean;
}

/** Sessions by client key; insertion order is creation order. */
export class ClientSessions<T extends QuotaMember> {
  private readonly byClient = new Map<string, Set<T>>();

  add(session: T): void {
    let sessions = this.byClient.get(session.clientKey);
    if (sessions === undefined) {
      sessions = new Set();
      this.byClient.set(session.clientKey, sessions);
    }
    sessions.add(session);
  }

  remove(session: T): void {
    const sessions = this.byClient.get(session.clientKey);
    if (sessions === undefined) return;
    sessions.delete(session);
    if (sessions.size === 0) this.byClient.delete(session.clientKey);
  }

  /** Live sessions of one client. */
  count(clientKey: string): number {
    return this.byClient.get(clientKey)?.size ?? 0;
  }

  /** Number of clients holding sessions. */
  get clients(): number {
    return this.byClient.size;
  }

  /** The client's least recently seen idle session. */
  oldestIdleOf(clientKey: string): T | undefined {
    return oldestIdle(this.byClient.get(clientKey));
  }

  /** The least recently seen idle session of the client holding the most sessions (that has an idle one). */
  evictionCandidate(): T | undefined {
    let chosen: T | undefined;
    let chosenCount = 0;
    for (const sessions of this.byClient.values()) {
      if (sessions.size < chosenCount) continue;
      const candidate = oldestIdle(sessions);
      if (candidate === undefined) continue;
      if (sessions.size > chosenCount || (chosen !== undefined && candidate.lastSeen < chosen.lastSeen)) {
        chosen = candidate;
        chosenCount = sessions.size;
      }
    }
    return chosen;
  }

  clear(): void {
    this.byClient.clear();
  }
}

function oldestIdle<T extends QuotaMember>(sessions: Set<T> | undefined): T | undefined {
  let oldest: T | undefined;
  if (sessions === undefined) return undefined;
  for (const session of sessions) {
    if (session.idle && (oldest === undefined || session.lastSeen < oldest.lastSeen)) oldest = session;
  }
  return oldest;
}
