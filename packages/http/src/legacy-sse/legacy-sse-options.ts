/**
 * Options of the legacy HTTP+SSE transport (protocol revision 2024-11-05), and their
 * defaulted form.
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import type { SessionEventBus } from "../event-bus.js";
import type { AuthenticateRequest } from "@chuk-mcp/core";
import { OriginPolicy, type OriginProtectionOptions } from "../origin-policy.js";

/** What `createLegacySseHandler` and `serveLegacySse` accept. */
export interface LegacySseOptions extends OriginProtectionOptions {
  /** Where `GET` opens the event stream. Default "/sse". */
  ssePath?: string;
  /** Where clients `POST` messages (`?session_id=`). Default "/messages/". */
  messagePath?: string;
  /** `GET` answers 200 with JSON status (no auth, no Host check: for probes). Default "/health"; `false` turns it off. */
  healthPath?: string | false;
  /** Extra fields of the health answer (e.g. upstream states). A `status` other than "ok" still answers 200. */
  health?: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Runs on every stream and message request; failures are answered as-is (401/403). */
  authenticate?: AuthenticateRequest;
  /** Open streams at once; more get 503. Default 1 000. */
  maxSessions?: number;
  /** Messages waiting to be read by one slow client before its stream is closed. Default 1 000. */
  maxQueuedMessages?: number;
  /** Largest accepted POST body. Default 4 MiB. */
  maxBodyBytes?: number;
  /** A session with no message in either direction for this long is closed. Default 30 minutes; 0 never. */
  idleTimeoutMs?: number;
  /** Keep-alive comment interval. Default 15 000 ms; 0 turns it off. */
  keepAliveMs?: number;
  /** Validate Host/Origin against DNS rebinding (default true). */
  dnsRebindingProtection?: boolean;
  /** Answers requests for any other path (OAuth metadata, downloads). Default: 404. */
  fallback?: (request: Request) => Response | Promise<Response>;
  /**
   * Cross-instance delivery (e.g. `RedisEventBus` from `@chuk-mcp/sessions`): a POST for a
   * stream held by another instance is published on the session's channel and delivered
   * there; with no instance holding it the POST gets 404 as usual.
   */
  eventBus?: SessionEventBus;
  /** Errors that cannot be answered on the wire. Default: console.error. */
  onError?: (error: unknown) => void;
}

/** {@link LegacySseOptions} after defaults. */
export interface ResolvedLegacySseOptions {
  ssePath: string;
  messagePath: string;
  healthPath: string | undefined;
  health: LegacySseOptions["health"];
  authenticate: AuthenticateRequest | undefined;
  maxSessions: number;
  maxQueuedMessages: number;
  maxBodyBytes: number;
  idleTimeoutMs: number;
  keepAliveMs: number;
  originPolicy: OriginPolicy | undefined;
  fallback: LegacySseOptions["fallback"];
  eventBus: SessionEventBus | undefined;
  onError: (error: unknown) => void;
}

function count(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`[chuk-mcp] [http] [legacy-sse] option ${name} must be a non-negative number, got ${String(value)}`);
  return value;
}

function path(name: string, value: string | undefined, fallback: string): string {
  const resolved = value ?? fallback;
  if (!resolved.startsWith("/")) throw new RangeError(`[chuk-mcp] [http] [legacy-sse] option ${name} must start with "/", got "${resolved}"`);
  return resolved;
}

/** Applies defaults and compiles the Host/Origin policy once. */
export function resolveLegacySseOptions(options: LegacySseOptions = {}): ResolvedLegacySseOptions {
  const ssePath = path("ssePath", options.ssePath, "/sse");
  const messagePath = path("messagePath", options.messagePath, "/messages/");
  if (ssePath === messagePath) throw new RangeError(`[chuk-mcp] [http] [legacy-sse] ssePath and messagePath must differ, both are "${ssePath}"`);
  return {
    ssePath,
    messagePath,
    healthPath: options.healthPath === false ? undefined : path("healthPath", options.healthPath, "/health"),
    health: options.health,
    authenticate: options.authenticate,
    maxSessions: count("maxSessions", options.maxSessions, 1_000),
    maxQueuedMessages: count("maxQueuedMessages", options.maxQueuedMessages, 1_000),
    maxBodyBytes: count("maxBodyBytes", options.maxBodyBytes, 4 * 1024 * 1024),
    idleTimeoutMs: count("idleTimeoutMs", options.idleTimeoutMs, 30 * 60_000),
    keepAliveMs: count("keepAliveMs", options.keepAliveMs, 15_000),
    originPolicy:
      options.dnsRebindingProtection === false
        ? undefined
        : new OriginPolicy({ allowedHosts: options.allowedHosts, allowedOrigins: options.allowedOrigins }),
    fallback: options.fallback,
    eventBus: options.eventBus,
    onError: options.onError ?? ((error) => console.error("[chuk-mcp] [http] [legacy-sse]", error)),
  };
}
