import { getContext, PermissionError, type AuthInfo } from "@chuk-mcp/core";

/**
 * The upstream provider's access token for the caller of a `requiresAuth` tool (the
 * original's `_external_access_token`): what the authorization server linked to the user's
 * sign-in (GitHub, Google, LinkedIn...), to call that provider's API on their behalf. Reads
 * `ctx.auth.extra.externalAccessToken`; undefined when there is none.
 *
 * @param ctx The tool's context; default: the current request's (`getContext()`).
 * @example
 * tool({ name: "publish", requiresAuth: true, handler: async (args, ctx) => {
 *   const token = requireUpstreamToken(ctx);
 *   await fetch("https://api.example.com/posts", { headers: { authorization: `Bearer ${token}` } });
 * } });
 */
export function getUpstreamToken(ctx: { readonly auth?: AuthInfo | undefined } | undefined = getContext()): string | undefined {
  const value = ctx?.auth?.extra?.["externalAccessToken"];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * {@link getUpstreamToken}, or a `PermissionError` (code "permission_denied", an `isError`
 * result for the tool) saying the caller must sign in with the provider first.
 */
export function requireUpstreamToken(ctx: { readonly auth?: AuthInfo | undefined } | undefined = getContext()): string {
  const token = getUpstreamToken(ctx);
  if (token === undefined) {
    throw new PermissionError(
      "no upstream access token for this caller: sign in through the server's authorization flow (createAuthorizationServer with an upstream provider) first",
    );
  }
  return token;
}
