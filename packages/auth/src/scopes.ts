/**
 * Scope helpers and the `requiresAuth` tool marker.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling
 */
import type { AuthInfo } from "@chuk-mcp/core";

/** Splits an RFC 6749 §3.3 scope string into unique scope tokens. */
export function parseScope(scope: string | undefined | null): string[] {
  if (!scope) return [];
  return [...new Set(scope.split(" ").filter((token) => token.length > 0))];
}

/** Joins scopes into a scope string. */
export function formatScope(scopes: readonly string[]): string {
  return scopes.join(" ");
}

/** True when every scope in `required` is granted to `auth`. No auth means no scopes. */
export function hasScopes(auth: AuthInfo | undefined, required: readonly string[]): boolean {
  if (required.length === 0) return auth !== undefined;
  if (!auth) return false;
  const granted = new Set(auth.scopes);
  return required.every((scope) => granted.has(scope));
}

/** The scopes a caller lacks. */
export function missingScopes(auth: AuthInfo | undefined, required: readonly string[]): string[] {
  const granted = new Set(auth?.scopes ?? []);
  return required.filter((scope) => !granted.has(scope));
}

/** What a tool definition carries when it needs an authenticated caller. */
export interface ToolAuthRequirement {
  scopes: string[];
}

/**
 * Tool metadata marking a tool as needing an authenticated caller with `scopes`.
 * Spread it into a tool definition: `server.tool({ name, ...requiresAuth({ scopes: ["files:read"] }), handler })`.
 * The engine hides such tools from `tools/list` and refuses `tools/call` for callers without the scopes.
 */
export function requiresAuth(options: { scopes?: readonly string[] } = {}): { auth: ToolAuthRequirement } {
  const scopes = [...new Set(options.scopes ?? [])];
  for (const scope of scopes) {
    if (typeof scope !== "string" || scope.length === 0 || /[\s"\\]/.test(scope)) {
      throw new TypeError(
        `[chuk-mcp] [auth] requiresAuth: scope ${JSON.stringify(scope)} is not a valid scope token (RFC 6749 §3.3: no spaces, quotes or backslashes)`,
      );
    }
  }
  return { auth: { scopes } };
}

/** Reads a tool definition's `auth` marker, if any. */
export function toolAuthRequirement(tool: { auth?: unknown; [key: string]: unknown }): ToolAuthRequirement | undefined {
  const marker = tool.auth;
  if (!marker || typeof marker !== "object") return undefined;
  const scopes = (marker as { scopes?: unknown }).scopes;
  return { scopes: Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === "string") : [] };
}

/** True when a caller may see and call a tool with this definition. */
export function canUseTool(tool: { auth?: unknown; [key: string]: unknown }, auth: AuthInfo | undefined): boolean {
  const requirement = toolAuthRequirement(tool);
  return requirement === undefined || hasScopes(auth, requirement.scopes);
}

/** The upstream access token attached by the resource server, if any. It is never a tool argument. */
export function resolveExternalAccessToken(auth: AuthInfo | undefined): string | undefined {
  const value = auth?.extra?.["externalAccessToken"];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
