/**
 * The authentication hook and the per-tool scope check (SEP-835). The transport stays
 * policy-free: `authenticate` (e.g. from `@chuk-mcp/auth`) decides who the caller is; the
 * transport answers its failures as-is and passes its `auth` to the engine.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 * @see https://datatracker.ietf.org/doc/html/rfc6750#section-3.1
 */
import { missingScopes, type AuthenticateInput, type AuthenticateRequest, type AuthenticateResult, type AuthInfo } from "@chuk-mcp/core";
import { HttpErrorCode } from "./protocol.js";
import { errorReply, type HeaderRecord, type HttpReply } from "./replies.js";
import type { RequestHeaders } from "./request-validation.js";

/** The hook contract lives in `@chuk-mcp/core`, shared with `@chuk-mcp/auth`'s `createResourceServer().authenticate`. */
export type { AuthenticateInput, AuthenticateRequest, AuthenticateResult };

/** A tool's required scopes as core reports them (feature-detected: older cores lack it). */
type ToolAuthRequirement = readonly string[] | { scopes?: readonly string[] } | undefined;

/** The engine method the scope check looks for. */
export interface ToolAuthRequirementSource {
  getToolAuthRequirement?: (name: string) => ToolAuthRequirement;
}

/**
 * Flattens `Headers`/Node headers to lower-case single strings (repeated headers joined with
 * ", ", so two Authorization headers reach the authenticator as two credentials, not the first).
 * Null-prototype: a header named `__proto__` or `constructor` is just a header.
 */
export function flattenHeaders(headers: RequestHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = typeof value === "string" ? value : value?.join(", ");
  }
  return flat;
}

/** Runs the hook; a thrown hook is a 500 with a clear body, never a crash. */
export async function runAuthenticate(
  authenticate: AuthenticateRequest,
  input: AuthenticateInput,
  onError: (error: unknown) => void,
): Promise<{ auth: AuthInfo } | { reply: HttpReply }> {
  let result: AuthenticateResult;
  try {
    result = await authenticate(input);
  } catch (error) {
    onError(error);
    return { reply: errorReply(500, HttpErrorCode.InternalError, "Internal error: authentication failed unexpectedly; see server logs") };
  }
  if (result.ok) return { auth: result.auth };
  const headers: HeaderRecord = {};
  for (const [name, value] of Object.entries(result.headers)) headers[name.toLowerCase()] = value;
  return { reply: { status: result.status, headers, body: result.body } };
}

function requiredScopes(requirement: ToolAuthRequirement): readonly string[] {
  if (requirement === undefined || requirement === null) return [];
  if (Array.isArray(requirement)) return requirement as readonly string[];
  const scopes = (requirement as { scopes?: readonly string[] }).scopes;
  return Array.isArray(scopes) ? scopes : [];
}

function quote(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

/**
 * SEP-835: before `tools/call`, a caller whose token lacks the tool's scopes gets 403 with
 * `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` so the client can step up.
 * `undefined` when the caller is not authenticated, the engine declares no requirement, or the scopes suffice.
 */
export function checkToolScopes(
  engine: ToolAuthRequirementSource,
  toolName: unknown,
  auth: AuthInfo | undefined,
  resourceMetadataUrl: string | undefined,
  id: string | number | null,
): HttpReply | undefined {
  // Unauthenticated callers are the authenticator's business (401) or the engine's (-32003).
  if (auth === undefined || typeof engine.getToolAuthRequirement !== "function" || typeof toolName !== "string") return undefined;
  const required = requiredScopes(engine.getToolAuthRequirement(toolName));
  if (required.length === 0) return undefined;
  const missing = missingScopes(auth, required);
  if (missing.length === 0) return undefined;
  const parameters = [`error="insufficient_scope"`, `scope="${quote(required.join(" "))}"`];
  if (resourceMetadataUrl !== undefined) parameters.push(`resource_metadata="${quote(resourceMetadataUrl)}"`);
  parameters.push(`error_description="${quote(`tool ${toolName} needs scope ${missing.join(" ")}`)}"`);
  return errorReply(
    403,
    HttpErrorCode.BadRequest,
    `Forbidden: tool "${toolName}" needs the scope(s) ${missing.join(", ")}; obtain a token with scope "${required.join(" ")}" and retry`,
    { id, headers: { "content-type": "application/json", "www-authenticate": `Bearer ${parameters.join(", ")}` } },
  );
}
