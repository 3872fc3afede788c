import { ArtifactError } from "./errors.js";
import { sha256Hex } from "./content.js";
import type { ArtifactAccess, ArtifactScope } from "./types.js";

/** Who owns an artifact of a scope, and the storage key segment derived from it. */
export interface ResolvedOwner {
  scope: ArtifactScope;
  owner: string;
  /** `<scope>:<sha256(owner)>`: fixed length, safe on every driver, and leaks no user ids into key names. */
  ownerKey: string;
}

function assertIdentity(value: string, what: string): void {
  if (value.length === 0 || value.length > 1_024) {
    throw new ArtifactError("invalid_argument", `${what} must be 1-1024 characters.`);
  }
  // NUL separates the parts of an owner's key; control characters have no place in an id.
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new ArtifactError("invalid_argument", `${what} must not contain control characters.`);
}

/**
 * The owner a caller acts as in a scope. Isolation comes from here: a caller can only ever
 * address keys under its own session, its own user, or the shared sandbox. A session artifact
 * written by a signed-in user is keyed by the session and that user, so holding the session id
 * alone (another user, or nobody signed in) does not reach it.
 */
export async function resolveOwner(scope: ArtifactScope, access: ArtifactAccess, sandboxId: string, intent: "read" | "write"): Promise<ResolvedOwner> {
  let owner: string;
  let boundUser: string | undefined;
  if (scope === "session") {
    if (!access.sessionId) {
      throw new ArtifactError("session_required", "Session artifacts need a session: call from within an MCP session or pass sessionId.");
    }
    assertIdentity(access.sessionId, "sessionId");
    owner = access.sessionId;
    if (access.userId) {
      assertIdentity(access.userId, "userId");
      boundUser = access.userId;
    }
  } else if (scope === "user") {
    if (!access.userId) {
      throw new ArtifactError("authentication_required", "User artifacts need an authenticated user: sign in (OAuth) or use the session scope.");
    }
    assertIdentity(access.userId, "userId");
    owner = access.userId;
  } else {
    if (intent === "write" && !access.admin) {
      throw new ArtifactError("permission_denied", "Sandbox artifacts are read-only to tools; only admins and configuration may write or delete them.");
    }
    owner = sandboxId;
  }
  const keyed = boundUser === undefined ? `${scope}\u0000${owner}` : `${scope}\u0000${owner}\u0000${boundUser}`;
  return { scope, owner, ownerKey: `${scope}:${await sha256Hex(keyed)}` };
}
