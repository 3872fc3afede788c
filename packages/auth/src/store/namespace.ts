/**
 * The key prefix of the auth store: `{prefix}:{ENVIRONMENT}:{DEPLOYMENT_ID}:`, each part
 * percent-encoded so that `'a:b'` + `'c'` and `'a'` + `'b:c'` can never share keys, and a dev
 * deployment on a shared Redis never reads production's codes, tokens or clients.
 * (Auth's own encoder: it does not depend on `@chuk-mcp/sessions`.)
 */
import type { Environment } from "../env.js";

export interface AuthStoreNamespace {
  /** Default: env `ENVIRONMENT`, else "dev". */
  environment?: string;
  /** Default: env `DEPLOYMENT_ID`, else "default". */
  deploymentId?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Percent-encodes one key part; `:` (and `%`) become escapes, so parts cannot run together. */
export function encodeKeyPart(part: string): string {
  return encodeURIComponent(part).replace(/[!'()*~.]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds the full prefix (ending in ":") from a base prefix and the namespace parts. */
export function namespacedPrefix(base: string, namespace: AuthStoreNamespace, env: Environment): string {
  const environment = nonEmpty(namespace.environment) ?? nonEmpty(env["ENVIRONMENT"]) ?? "dev";
  const deploymentId = nonEmpty(namespace.deploymentId) ?? nonEmpty(env["DEPLOYMENT_ID"]) ?? "default";
  return `${base}:${encodeKeyPart(environment)}:${encodeKeyPart(deploymentId)}:`;
}
