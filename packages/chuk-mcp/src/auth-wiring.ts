/**
 * Bearer-token protection for `run()` over HTTP: every MCP request must carry a valid access
 * token (401 + `WWW-Authenticate` otherwise), and the RFC 9728 protected resource metadata is
 * served next to the endpoint. Configured in code with `run({ auth })` or, compatible with the
 * Python runtime, from `JWT_SECRET_KEY` and friends. `@chuk-mcp/auth` loads only when needed.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 * @see https://www.rfc-editor.org/rfc/rfc9728
 */
import type { JwtVerifierOptions, ResourceServer, ResourceServerOptions } from "@chuk-mcp/auth";
import type { Logger } from "./logger.js";
import { importOptionalPeer } from "./optional-peer.js";
import type { ResolvedRunOptions, RunEnvironment } from "./run-options.js";
import type { HttpRouteApp, HttpRoutes, HttpServeOptions, RunAuth, RunResourceServer } from "./run-types.js";
import { UsageError } from "./usage-error.js";

export type { AuthorizationServerAuth, RunAuth } from "./run-types.js";

/** The HTTP transport settings that enforce authentication. */
export type AuthWiring = Required<Pick<HttpServeOptions, "authenticate" | "routes">> & Pick<HttpServeOptions, "resourceMetadataUrl">;

/** Input of {@link createAuthWiring}. */
export interface AuthWiringInput {
  readonly auth: RunAuth | undefined;
  readonly env: RunEnvironment;
  readonly endpoint: Pick<ResolvedRunOptions, "host" | "port" | "path">;
  readonly logger: Logger;
}

type AuthModule = typeof import("@chuk-mcp/auth");

/**
 * Resolves {@link RunAuth} (or the environment) to the transport's `authenticate`, `routes`
 * and `resourceMetadataUrl`; `undefined` when nothing asks for authentication.
 * @throws {UsageError} for a bad `JWT_*` / `MCP_RESOURCE_URL` value or bad auth options.
 */
export async function createAuthWiring(input: AuthWiringInput): Promise<AuthWiring | undefined> {
  const { auth, env } = input;
  if (auth === false) return undefined;
  if (auth === undefined && blank(env.JWT_SECRET_KEY)) return undefined;
  if (auth !== undefined && (typeof auth !== "object" || auth === null)) throw invalidAuthOption();
  const module = await loadAuth();
  try {
    if (auth === undefined) return await fromEnvironment(module, input);
    if ("authorizationServer" in auth) {
      if (typeof auth.authorizationServer?.resourceServerOptions !== "function") throw invalidAuthOption();
      const resourceServer = module.createResourceServer(auth.authorizationServer.resourceServerOptions(auth.resource) as ResourceServerOptions);
      return wire(module, resourceServer, [mount(auth.authorizationServer.routes), mount(resourceServer.routes)], input);
    }
    if (typeof auth.authenticate !== "function" || auth.routes === undefined) throw invalidAuthOption();
    return wire(module, auth, [mount(auth.routes)], input);
  } catch (error) {
    if (error instanceof module.AuthError && error.code === "invalid_configuration") {
      throw new UsageError(`Invalid authentication settings: ${stripPrefix(error.message)}`, { cause: error });
    }
    throw error;
  }
}

async function fromEnvironment(module: AuthModule, input: AuthWiringInput): Promise<AuthWiring> {
  const options = module.jwtAuthFromEnv({ ...input.env });
  if (options?.jwt === undefined) throw new UsageError("JWT_SECRET_KEY is blank; set it to the token signing secret (HS256) or PEM public key.");
  const resourceServer = module.createResourceServer(options);
  await assertKeyLoads(module, options.jwt);
  const algorithms = options.jwt?.algorithms?.join(", ") ?? "";
  input.logger.info(`Bearer JWT authentication is on (${algorithms}).`);
  for (const warning of module.jwtAuthWarnings(options)) input.logger.warning(`SECURITY WARNING: ${warning}.`);
  return wire(module, resourceServer, [mount(resourceServer.routes)], input);
}

function wire(module: AuthModule, resourceServer: RunResourceServer, routes: HttpRoutes[], input: AuthWiringInput): AuthWiring {
  const resource = resourceOf(resourceServer) ?? guessResource(input.endpoint);
  return {
    authenticate: (request) => resourceServer.authenticate(request),
    routes,
    ...(resource === undefined ? {} : { resourceMetadataUrl: module.protectedResourceMetadataUrl(resource) }),
  };
}

/**
 * The verifier loads its key lazily, so a short secret or a broken PEM key would only show up
 * as a 401 on every request. Verifying a dummy token now loads the key: a configuration
 * error throws; the dummy token's own rejection is expected and ignored.
 */
async function assertKeyLoads(module: AuthModule, jwt: JwtVerifierOptions): Promise<void> {
  try {
    await module.createJwtVerifier(jwt).verify("e30.e30.");
  } catch (error) {
    if (error instanceof module.AuthError && error.code === "invalid_configuration") throw error;
  }
}

/** The configured resource, if the resource server has one (else it derives it per request). */
function resourceOf(resourceServer: RunResourceServer): string | undefined {
  const resource = resourceServer.protectedResourceMetadata()["resource"];
  return typeof resource === "string" ? resource : undefined;
}

/**
 * Without a configured resource the 403 step-up challenge still needs a metadata URL: use the
 * address we bind when it is a concrete one. Behind a proxy, set `MCP_RESOURCE_URL` instead.
 */
function guessResource(endpoint: AuthWiringInput["endpoint"]): string | undefined {
  if (endpoint.port === 0 || endpoint.host === "0.0.0.0" || endpoint.host === "::") return undefined;
  const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
  return `http://${host}:${endpoint.port}${endpoint.path}`;
}

/** Mounts a Hono sub-app (typed locally as {@link HttpRouteApp}) at the root of the HTTP app. */
function mount(routes: HttpRouteApp): HttpRoutes {
  type Hono = ResourceServer["routes"];
  return (app) => {
    (app as unknown as Hono).route("/", routes as unknown as Hono);
  };
}

function invalidAuthOption(): UsageError {
  return new UsageError("run({ auth }) expects a resource server from createResourceServer(), { authorizationServer }, or false.");
}

function loadAuth(): Promise<AuthModule> {
  return importOptionalPeer("@chuk-mcp/auth", "Authentication (run({ auth }) or JWT_SECRET_KEY)", () => import("@chuk-mcp/auth"));
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === "";
}

function stripPrefix(message: string): string {
  return message.replace(/^\[chuk-mcp\] \[auth\] /, "");
}
