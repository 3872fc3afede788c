/**
 * DNS-rebinding protection: validate `Host` and `Origin` before serving anything.
 * A page on evil.example.com whose name resolves to 127.0.0.1 still sends its own Host and
 * Origin, so a server that only answers its own names cannot be reached that way.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning
 */
import { HttpErrorCode } from "./protocol.js";
import { errorReply, type HttpReply } from "./replies.js";

/** Allow-lists for `Host` and `Origin`. */
export interface OriginProtectionOptions {
  /**
   * Accepted `Host` values: a hostname (any port) or `hostname:port`. Absent: any host.
   * `serve()` on a loopback address defaults this to localhost, 127.0.0.1 and [::1].
   */
  allowedHosts?: readonly string[];
  /**
   * Accepted `Origin` values (`https://app.example.com`), or `"*"` for any. Absent: an
   * Origin is accepted when it names the same host as `Host`, or both are loopback.
   */
  allowedOrigins?: readonly string[];
}

/** Host names that always mean "this machine". */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** True for loopback host names, with or without brackets for IPv6. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return name === "localhost" || name === "127.0.0.1" || name === "[::1]" || name === "::1" || name.endsWith(".localhost");
}

/** Splits a Host header value into lower-case hostname and port ("" when absent). */
export function splitHost(host: string): { hostname: string; port: string } {
  const value = host.trim().toLowerCase();
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    const hostname = end === -1 ? value : value.slice(0, end + 1);
    const port = end !== -1 && value[end + 1] === ":" ? value.slice(end + 2) : "";
    return { hostname, port };
  }
  const colon = value.lastIndexOf(":");
  return colon === -1 ? { hostname: value, port: "" } : { hostname: value.slice(0, colon), port: value.slice(colon + 1) };
}

/** A compiled policy: call `check(host, origin)` per request. */
export class OriginPolicy {
  private readonly hostnames: Set<string> | undefined;
  private readonly hostsWithPort: Set<string> | undefined;
  private readonly origins: Set<string> | undefined;
  private readonly anyOrigin: boolean;
  private readonly corsAllows: ((origin: string) => boolean) | undefined;
  private lastAllowedHost: string | undefined;

  /** `corsAllows`: origins the CORS settings admit are admitted here too. */
  constructor(options: OriginProtectionOptions, corsAllows?: (origin: string) => boolean) {
    this.corsAllows = corsAllows;
    if (options.allowedHosts !== undefined) {
      this.hostnames = new Set();
      this.hostsWithPort = new Set();
      for (const entry of options.allowedHosts) {
        const { hostname, port } = splitHost(entry);
        if (port === "") this.hostnames.add(hostname);
        else this.hostsWithPort.add(`${hostname}:${port}`);
      }
    }
    this.anyOrigin = options.allowedOrigins?.includes("*") ?? false;
    this.origins =
      options.allowedOrigins === undefined
        ? undefined
        : new Set(options.allowedOrigins.map((origin) => origin.trim().toLowerCase().replace(/\/+$/, "")));
  }

  /** `undefined` when allowed, else a 403 answer naming what to configure. */
  check(host: string | undefined, origin: string | undefined): HttpReply | undefined {
    if (this.hostnames !== undefined && !this.hostAllowed(host)) {
      return forbidden(`Host "${host ?? ""}" is not allowed: add it to allowedHosts`);
    }
    if (origin === undefined || this.anyOrigin || this.corsAllows?.(origin) === true) return undefined;
    const normalized = origin.trim().toLowerCase();
    if (this.origins !== undefined) {
      return this.origins.has(normalized) ? undefined : forbidden(`Origin "${origin}" is not allowed: add it to allowedOrigins`);
    }
    return sameSiteOrLoopback(host, normalized)
      ? undefined
      : forbidden(`Origin "${origin}" is not allowed for host "${host ?? ""}": add it to allowedOrigins`);
  }

  private hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return false;
    // Clients repeat the same Host on every request: the last one allowed skips the split.
    if (host === this.lastAllowedHost) return true;
    const { hostname, port } = splitHost(host);
    const allowed = (this.hostnames?.has(hostname) ?? false) || (this.hostsWithPort?.has(`${hostname}:${port}`) ?? false);
    if (allowed) this.lastAllowedHost = host;
    return allowed;
  }
}

function sameSiteOrLoopback(host: string | undefined, origin: string): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  if (host === undefined) return false;
  const requested = splitHost(host);
  const from = splitHost(originHost);
  if (isLoopbackHostname(requested.hostname)) return isLoopbackHostname(from.hostname);
  return from.hostname === requested.hostname;
}

function forbidden(message: string): HttpReply {
  return errorReply(403, HttpErrorCode.BadRequest, `Forbidden: ${message}`);
}
