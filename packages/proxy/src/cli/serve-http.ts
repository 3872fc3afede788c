/**
 * The CLI's HTTP endpoint (`--port`): Host/Origin checks on every bind, optional bearer
 * auth through `@chuk-mcp/auth`'s resource server, a loud warning for an exposed endpoint
 * without auth, and `/health/upstreams` with the state of each upstream.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 */
import type { AuthenticateRequest, AuthenticateResult } from "@chuk-mcp/core";
import { LOOPBACK_HOSTS } from "@chuk-mcp/http";
import type { RunningServer, ServeOptions } from "@chuk-mcp/http/node";
import { ProxyError } from "../errors.js";
import type { McpProxy } from "../proxy.js";
import type { CliOptions } from "./args.js";

type Environment = Record<string, string | undefined>;

/** True when `host` only accepts connections from this machine. */
export function isLoopbackBind(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  return name === "localhost" || name === "::1" || name.startsWith("127.") || name.endsWith(".localhost");
}

function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]" || host === "";
}

/**
 * Accepted `Host` values: the loopback names, the bound address when it is a specific one,
 * and what `--allowed-host` adds. Never "any host", whatever the bind.
 */
export function allowedHostsFor(host: string, extra: readonly string[]): string[] {
  const hosts = new Set<string>(LOOPBACK_HOSTS);
  if (!isWildcard(host) && !isLoopbackBind(host)) hosts.add(host.includes(":") && !host.startsWith("[") ? `[${host}]` : host);
  for (const entry of extra) hosts.add(entry.trim().toLowerCase());
  return [...hosts];
}

/** The bearer-token check for `--auth bearer`, built from flags over the environment. */
export async function buildAuthenticator(
  options: CliOptions,
  env: Environment,
): Promise<{ authenticate: AuthenticateRequest; metadataRoutes: unknown; warnings: string[] } | undefined> {
  if (options.auth !== "bearer") return undefined;
  const { createResourceServer, jwtAuthFromEnv } = await import("@chuk-mcp/auth");
  const issuer = options.jwtIssuer ?? env.JWT_ISSUER;
  const audience = options.jwtAudience ?? env.JWT_AUDIENCE;
  const resource = options.resourceUrl ?? env.MCP_RESOURCE_URL;
  let settings: Parameters<typeof createResourceServer>[0];
  if (options.jwksUrl !== undefined) {
    settings = { jwt: { jwksUri: options.jwksUrl, ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}) } };
  } else {
    const fromEnv = jwtAuthFromEnv(env);
    if (fromEnv === undefined) {
      throw new ProxyError(
        "invalid_arguments",
        "--auth bearer needs a key to check tokens with: set JWT_SECRET_KEY (an HS256 secret, or a PEM public key with JWT_ALGORITHM=RS256/ES256/EdDSA) or pass --jwks-url URL",
      );
    }
    settings = { ...fromEnv, jwt: { ...fromEnv.jwt, ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}) } };
  }
  if (resource) settings = { ...settings, resource };
  const server = createResourceServer(settings);
  const warnings: string[] = [];
  if (!issuer) warnings.push("bearer tokens from any issuer are accepted (no JWT_ISSUER / --jwt-issuer); set the issuer you trust");
  if (!audience && !resource) {
    warnings.push("bearer tokens for any audience are accepted (no JWT_AUDIENCE / --jwt-audience / --resource-url); a token minted for another service would work here");
  }
  return { authenticate: (input) => server.authenticate(input), metadataRoutes: server.routes, warnings };
}

/** Warnings about how exposed the endpoint is; printed at start, loudly. */
export function exposureWarnings(options: CliOptions): string[] {
  if (isLoopbackBind(options.host)) return [];
  const where = `${options.host}:${options.port ?? ""}`;
  const warnings: string[] = [];
  if (options.auth === "none") {
    warnings.push(
      `WARNING: listening on ${where} WITHOUT AUTHENTICATION. Anyone who can reach this address can call every proxied tool. ` +
        "Add --auth bearer (JWT_SECRET_KEY or --jwks-url), or bind to 127.0.0.1.",
    );
  }
  if (options.allowedHosts.length === 0) {
    warnings.push(`only loopback Host names are accepted on ${where}; add --allowed-host NAME for each name clients use to reach it`);
  }
  return warnings;
}

function hostnameOf(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  try {
    return new URL(`http://${host}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The same Host rule as the MCP endpoint, for the proxy's own route. */
function hostAccepted(host: string | undefined, allowed: readonly string[]): boolean {
  const value = hostnameOf(host);
  if (value === undefined) return false;
  const name = value.startsWith("[") ? value.slice(0, value.indexOf("]") + 1) : value.split(":")[0];
  return allowed.some((entry) => entry === value || entry === name);
}

function failureResponse(outcome: AuthenticateResult & { ok: false }): Response {
  return new Response(outcome.body, { status: outcome.status, headers: outcome.headers });
}

/** Serves the proxy over Streamable HTTP as the CLI flags say. */
export async function serveProxyHttp(proxy: McpProxy, options: CliOptions, env: Environment): Promise<{ running: RunningServer; warnings: string[] }> {
  const auth = await buildAuthenticator(options, env);
  const allowedHosts = allowedHostsFor(options.host, options.allowedHosts);
  const { serve } = await import("@chuk-mcp/http/node");
  const routes: ServeOptions["routes"] = (app) => {
    if (auth !== undefined) app.route("/", auth.metadataRoutes as typeof app);
    app.get("/health/upstreams", async (context) => {
      const request = context.req.raw;
      if (!hostAccepted(request.headers.get("host") ?? undefined, allowedHosts)) {
        return Response.json({ error: "forbidden", error_description: "this Host is not allowed: add it with --allowed-host" }, { status: 403 });
      }
      if (auth !== undefined) {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, key) => (headers[key] = value));
        const outcome = await auth.authenticate({ headers, url: request.url, method: request.method });
        if (!outcome.ok) return failureResponse(outcome);
      }
      const stats = proxy.getProxyStats();
      const servers = Object.fromEntries(
        Object.entries(stats.servers).map(([name, server]) => [name, { state: server.state, tools: server.tools, error: server.replicas.find((replica) => replica.lastError)?.lastError }]),
      );
      const states = Object.values(servers).map((server) => server.state);
      const status = states.every((state) => state === "ready") ? "ok" : states.some((state) => state === "ready" || state === "degraded") ? "degraded" : "down";
      return Response.json({ status, servers }, { status: status === "down" ? 503 : 200 });
    });
  };
  const running = await serve(proxy.server, {
    port: options.port ?? 0,
    host: options.host,
    allowedHosts,
    ...(options.allowedOrigins.length > 0 ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(auth === undefined ? {} : { authenticate: auth.authenticate }),
    routes,
  });
  return { running, warnings: [...(auth?.warnings ?? []), ...exposureWarnings(options)] };
}
