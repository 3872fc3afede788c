/**
 * Tool authorization requirements: a tool that needs an authenticated caller (and, optionally,
 * OAuth scopes) is hidden from `tools/list` for callers who do not qualify and refused on
 * `tools/call` with `ErrorCode.InsufficientScope` (-32003). The HTTP transport can ask
 * `server.getToolAuthRequirement(name)` first and answer 403 `insufficient_scope` instead
 * (step-up authorization).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
import { ErrorCode, McpError, ProtocolError } from "./errors.js";
import type { AuthInfo } from "./types.js";

/** What a tool needs from its caller: authentication, plus every scope listed (none = any authenticated caller). */
export interface ToolAuthRequirement {
  scopes?: string[];
}

/** The normalised requirement the engine checks: `scopes` is always present (possibly empty). */
export interface ResolvedToolAuth {
  readonly scopes: readonly string[];
}

/**
 * True for an RFC 6749 §3.3 scope token this server can also put in a
 * `WWW-Authenticate: Bearer scope="…"` challenge: non-empty, no whitespace, quotes or backslashes.
 */
export function isScopeToken(value: unknown): value is string {
  return typeof value === "string" && value !== "" && !/[\s"\\]/.test(value);
}

/**
 * Builds the definition fragment that marks a tool as needing authentication (and scopes);
 * spread it into `server.tool({ ... })`. Duplicate scopes are dropped.
 * Throws `McpError("invalid_definition")` for a scope that is not a valid scope token.
 * @example server.tool({ name: "delete_repo", ...requiresAuth({ scopes: ["repo:admin"] }), handler })
 */
export function requiresAuth(options: { scopes?: readonly string[] } = {}): { auth: { scopes: string[] } } {
  const scopes = [...new Set(options.scopes ?? [])];
  for (const scope of scopes) {
    if (!isScopeToken(scope)) {
      throw new McpError(
        "invalid_definition",
        `requiresAuth: scope ${JSON.stringify(scope)} is not a valid scope token (RFC 6749 §3.3: no spaces, quotes or backslashes)`,
      );
    }
  }
  return { auth: { scopes } };
}

/**
 * Reads `auth` / `requiresAuth` from a tool definition. Undefined means a public tool.
 * Throws `McpError("invalid_definition")` for malformed values.
 */
export function resolveToolAuth(
  definition: { auth?: unknown; requiresAuth?: unknown },
  where: string,
): ResolvedToolAuth | undefined {
  const { auth, requiresAuth: required } = definition;
  if (required !== undefined && typeof required !== "boolean") {
    throw new McpError("invalid_definition", `${where}: "requiresAuth" must be true or false`);
  }
  if (auth === undefined) return required === true ? { scopes: [] } : undefined;
  if (typeof auth !== "object" || auth === null || Array.isArray(auth)) {
    throw new McpError("invalid_definition", `${where}: "auth" must be an object such as { scopes: ["files:read"] }`);
  }
  const scopes = (auth as { scopes?: unknown }).scopes ?? [];
  if (!Array.isArray(scopes) || !scopes.every(isScopeToken)) {
    throw new McpError(
      "invalid_definition",
      `${where}: "auth.scopes" must be an array of non-empty scope strings without spaces, quotes or backslashes (RFC 6749 scope tokens)`,
    );
  }
  return { scopes: Object.freeze([...new Set(scopes)]) };
}

/**
 * The auth requirement of a tool definition (`auth` or `requiresAuth: true`), as the engine
 * reads it; `undefined` for a public tool. Throws `McpError("invalid_definition")` when malformed.
 */
export function toolAuthRequirement(tool: object): { scopes: string[] } | undefined {
  const resolved = resolveToolAuth(tool as { auth?: unknown; requiresAuth?: unknown }, "toolAuthRequirement");
  return resolved === undefined ? undefined : { scopes: [...resolved.scopes] };
}

/** The scopes in `required` that `auth` lacks (all of them when unauthenticated). */
export function missingScopes(auth: AuthInfo | undefined, required: readonly string[]): string[] {
  const granted = Array.isArray(auth?.scopes) ? auth.scopes : [];
  return required.filter((scope) => !granted.includes(scope));
}

/** True when the caller is authenticated and holds every scope in `required` (none = any authenticated caller). */
export function hasScopes(auth: AuthInfo | undefined, required: readonly string[]): boolean {
  return auth !== undefined && missingScopes(auth, required).length === 0;
}

/** True when a caller may see and call a tool with this definition (the engine's `tools/list` rule). */
export function canUseTool(tool: object, auth: AuthInfo | undefined): boolean {
  const requirement = toolAuthRequirement(tool);
  return requirement === undefined || hasScopes(auth, requirement.scopes);
}

/** True when `auth` satisfies `requirement` (public tools are always visible). */
export function isToolVisible(requirement: ResolvedToolAuth | undefined, auth: AuthInfo | undefined): boolean {
  return requirement === undefined || hasScopes(auth, requirement.scopes);
}

/** The -32003 error for a `tools/call` the caller may not make. */
export function insufficientScopeError(name: string, requirement: ResolvedToolAuth, auth: AuthInfo | undefined): ProtocolError {
  const missing = missingScopes(auth, requirement.scopes);
  const data = { requiredScopes: [...requirement.scopes], missingScopes: missing };
  if (auth === undefined) {
    const scopes = requirement.scopes.length === 0 ? "" : ` with scope${requirement.scopes.length === 1 ? "" : "s"} ${requirement.scopes.join(" ")}`;
    return new ProtocolError(
      ErrorCode.InsufficientScope,
      `Unauthorized: tool "${name}" needs an authenticated caller${scopes}; send a bearer token and retry`,
      data,
    );
  }
  return new ProtocolError(
    ErrorCode.InsufficientScope,
    `Insufficient scope: tool "${name}" needs scope${missing.length === 1 ? "" : "s"} ${missing.join(" ")}, which the access token lacks; obtain a token with ${missing.length === 1 ? "it" : "them"} and retry`,
    data,
  );
}
