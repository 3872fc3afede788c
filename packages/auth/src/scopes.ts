/**
 * Scope-string helpers. The tool-auth checks (`requiresAuth`, `hasScopes`, `missingScopes`,
 * `canUseTool`, `toolAuthRequirement`) are `@chuk-mcp/core`'s, re-exported from this package's
 * index, so the engine and the resource server apply one rule.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling
 */
import type { AuthInfo, ToolAuthRequirement as CoreToolAuthRequirement } from "@chuk-mcp/core";

/** Splits an RFC 6749 §3.3 scope string into unique scope tokens. */
export function parseScope(scope: string | undefined | null): string[] {
  if (!scope) return [];
  return [...new Set(scope.split(" ").filter((token) => token.length > 0))];
}

/** Joins scopes into a scope string. */
export function formatScope(scopes: readonly string[]): string {
  return scopes.join(" ");
}

/** The requirement a tool definition carries when it needs an authenticated caller (`scopes` always present). */
export type ToolAuthRequirement = Required<CoreToolAuthRequirement>;

/** The upstream access token attached by the resource server, if any. It is never a tool argument. */
export function resolveExternalAccessToken(auth: AuthInfo | undefined): string | undefined {
  const value = auth?.extra?.["externalAccessToken"];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
