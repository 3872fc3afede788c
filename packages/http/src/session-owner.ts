/**
 * Who a 2025-era session belongs to. A session is bound at `initialize` to the identity the
 * `authenticate` hook established (issuer, subject, client id; none for anonymous servers),
 * and every later request naming the session must carry the same identity, otherwise the
 * session does not exist for it (404, exactly like an unknown id). The binding is kept inside
 * the stored state (`owner`), so it holds on every instance that shares the store.
 * The MCP security best practices: sessions must not carry authentication, and session ids
 * should be bound to user-specific information.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#session-hijacking
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { AuthInfo } from "@chuk-mcp/core";
import type { EngineSessionState } from "./engine.js";

/** The identity a session is bound to; every field absent means anonymous. */
export interface SessionOwner {
  readonly issuer?: string;
  readonly subject?: string;
  readonly clientId?: string;
}

/** The key of the binding inside a stored session state. */
export const OWNER_STATE_KEY = "owner";

/** A stored state with its binding. */
export type BoundSessionState = EngineSessionState & { [OWNER_STATE_KEY]?: SessionOwner };

/** The anonymous binding (servers without authentication). */
export const ANONYMOUS: SessionOwner = Object.freeze({});

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The binding for a request's authentication result. */
export function ownerOf(auth: AuthInfo | undefined): SessionOwner {
  if (auth === undefined) return ANONYMOUS;
  const issuer = text(auth.claims?.iss);
  const subject = text(auth.subject);
  const clientId = text(auth.clientId);
  if (issuer === undefined && subject === undefined && clientId === undefined) return ANONYMOUS;
  // One shape for every owner (absent fields are undefined): this runs on every session request.
  return { issuer, subject, clientId };
}

/** True when a request with `auth` may use a session bound to `owner`. */
export function mayUse(owner: SessionOwner, auth: AuthInfo | undefined): boolean {
  return sameOwner(owner, ownerOf(auth));
}

/** Field-by-field equality (absent equals absent only). */
export function sameOwner(a: SessionOwner, b: SessionOwner): boolean {
  return a.subject === b.subject && a.clientId === b.clientId && a.issuer === b.issuer;
}

/**
 * The binding stored with a state. A state saved before bindings existed (or written by hand)
 * reads as anonymous, so it is not usable by an authenticated caller.
 */
export function readOwner(state: unknown): SessionOwner {
  const stored = (state as Record<string, unknown> | null | undefined)?.[OWNER_STATE_KEY];
  if (typeof stored !== "object" || stored === null) return ANONYMOUS;
  const record = stored as Record<string, unknown>;
  const owner = {
    ...(text(record.issuer) === undefined ? {} : { issuer: text(record.issuer) }),
    ...(text(record.subject) === undefined ? {} : { subject: text(record.subject) }),
    ...(text(record.clientId) === undefined ? {} : { clientId: text(record.clientId) }),
  };
  return Object.keys(owner).length === 0 ? ANONYMOUS : owner;
}

/** The state to store: the engine's state plus the binding. */
export function withOwner(state: EngineSessionState, owner: SessionOwner): BoundSessionState {
  if (owner === ANONYMOUS) return state;
  const stored: { issuer?: string; subject?: string; clientId?: string } = {};
  if (owner.issuer !== undefined) stored.issuer = owner.issuer;
  if (owner.subject !== undefined) stored.subject = owner.subject;
  if (owner.clientId !== undefined) stored.clientId = owner.clientId;
  return { ...state, [OWNER_STATE_KEY]: stored };
}

/** A key that is the same for equal owners and different for different ones (for maps). */
export function ownerKey(owner: SessionOwner): string {
  return owner === ANONYMOUS ? "" : JSON.stringify([owner.issuer ?? null, owner.subject ?? null, owner.clientId ?? null]);
}
