/**
 * `server.auth: bearer`: every request on a listening transport needs
 * `Authorization: Bearer <jwt>` verified with `JWT_SECRET_KEY` (`JWT_ALGORITHM`,
 * `JWT_ALLOWED_ALGORITHMS`, `JWT_LEEWAY`, `JWT_ISSUER`, `JWT_AUDIENCE` as in the original),
 * through `@chuk-mcp/auth`. A missing or unusable key is a configuration error (exit 2),
 * not a server that answers 401 to everyone.
 */
import type { AuthenticateRequest } from "@chuk-mcp/core";
import { ConfigError } from "./config/config-error.js";
import type { ResolvedConfig } from "./config/resolve-config.js";

/** What the transports need to enforce bearer auth. */
export interface BearerAuth {
  readonly authenticate: AuthenticateRequest;
  /** RFC 9728 metadata routes (`/.well-known/oauth-protected-resource…`) as a fetch handler. */
  readonly metadata: (request: Request) => Response | Promise<Response>;
  readonly resourceMetadataUrl: string | undefined;
}

function configIssue(config: ResolvedConfig, message: string): ConfigError {
  return new ConfigError("config_invalid", [{ file: config.file ?? "(config)", line: undefined, column: undefined, path: "server.auth", message }]);
}

/** Builds the verifier, or undefined when `server.auth` is not bearer. */
export async function createBearerAuth(config: ResolvedConfig, source?: { locate(path: readonly (string | number)[]): { line: number; column: number } | undefined }): Promise<BearerAuth | undefined> {
  if (config.auth !== "bearer") return undefined;
  const auth = await import("@chuk-mcp/auth");
  const fail = (message: string): ConfigError => {
    const error = configIssue(config, message);
    const at = source?.locate(["server", "auth"]);
    return at === undefined ? error : new ConfigError("config_invalid", [{ ...(error.issues[0] as ConfigError["issues"][number]), line: at.line, column: at.column }]);
  };
  let options;
  try {
    options = auth.jwtAuthFromEnv({ ...config.env });
  } catch (error) {
    throw fail(`bearer auth settings are invalid: ${(error as Error).message}`);
  }
  if (options?.jwt === undefined) throw fail("server.auth is bearer but JWT_SECRET_KEY is not set; export the HS256 secret (32+ bytes) or PEM public key");
  const resourceServer = auth.createResourceServer(options);
  try {
    // The key loads lazily; verifying a dummy token now turns a bad key into a start-up error.
    await auth.createJwtVerifier(options.jwt).verify("e30.e30.");
  } catch (error) {
    if (error instanceof auth.AuthError && error.code === "invalid_configuration") throw fail(`JWT_SECRET_KEY cannot be used: ${error.message}`);
  }
  const resource = options.resource;
  return {
    authenticate: (input) => resourceServer.authenticate(input),
    metadata: (request) => resourceServer.routes.fetch(request),
    resourceMetadataUrl: resource === undefined ? undefined : auth.protectedResourceMetadataUrl(resource),
  };
}
