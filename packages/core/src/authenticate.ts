/**
 * The authentication hook contract between a transport and an authenticator: the transport
 * hands over what it knows of the request, the authenticator answers with the caller or the
 * exact HTTP answer to send. Defined here so `@chuk-mcp/http` (which calls the hook) and
 * `@chuk-mcp/auth` (which implements it) share one definition without depending on each other.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
import type { AuthInfo } from "./types.js";

/** What `authenticate` sees of a request. Header names are lower-case. */
export interface AuthenticateInput {
  headers: Record<string, string | undefined>;
  /** Absolute request URL. */
  url: string;
  method: string;
}

/**
 * The outcome of `authenticate`: the caller, or the exact HTTP answer to send (401, 403, …).
 * `Status` narrows the failure statuses an authenticator can produce.
 */
export type AuthenticateResult<Status extends number = number> =
  | { ok: true; auth: AuthInfo }
  | { ok: false; status: Status; headers: Record<string, string>; body: string };

/** Decides who is calling; a transport calls it on every MCP request. */
export type AuthenticateRequest = (input: AuthenticateInput) => Promise<AuthenticateResult>;
