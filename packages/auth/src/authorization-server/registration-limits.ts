/**
 * Limits on unauthenticated dynamic client registration (RFC 7591 §3 lets anyone register):
 * a small body, a per-address rate, a bounded number of never-used clients (the oldest
 * evicted first) and a short lifetime until a client is first used.
 * @see https://www.rfc-editor.org/rfc/rfc7591#section-5 (security considerations)
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices
 */
import { OAuthError } from "../errors.js";

export interface RegistrationLimits {
  /** Largest registration body, in bytes. Default 16 384. */
  maxBodyBytes?: number;
  /** Registrations one address may make per window. Default 10. */
  perAddressLimit?: number;
  /** The rate window, in seconds. Default 60. */
  windowSeconds?: number;
  /** Never-used clients kept by this instance; past it the oldest never-used one is deleted. Default 10 000. */
  maxUnusedClients?: number;
  /** Lifetime of a client until it is first used (a code redeemed), in seconds. Default 86 400. */
  unusedClientTtlSeconds?: number;
}

export interface ResolvedRegistrationLimits {
  maxBodyBytes: number;
  perAddressLimit: number;
  windowSeconds: number;
  maxUnusedClients: number;
  unusedClientTtlSeconds: number;
}

export function resolveRegistrationLimits(limits: RegistrationLimits = {}): ResolvedRegistrationLimits {
  const resolved = {
    maxBodyBytes: limits.maxBodyBytes ?? 16 * 1024,
    perAddressLimit: limits.perAddressLimit ?? 10,
    windowSeconds: limits.windowSeconds ?? 60,
    maxUnusedClients: limits.maxUnusedClients ?? 10_000,
    unusedClientTtlSeconds: limits.unusedClientTtlSeconds ?? 86_400,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value <= 0) throw new OAuthError("server_error", `registration limit ${name} must be a positive number`);
  }
  return resolved;
}

/** Largest number of addresses the rate limiter remembers (oldest window forgotten first). */
const MAX_TRACKED_ADDRESSES = 10_000;

/** Fixed-window counter per client address, bounded in memory. */
export function createRegistrationRateLimiter(limits: ResolvedRegistrationLimits): (address: string) => void {
  const windows = new Map<string, { start: number; count: number }>();
  return (address) => {
    const now = Date.now();
    const windowMs = limits.windowSeconds * 1000;
    let window = windows.get(address);
    if (window === undefined || now - window.start >= windowMs) {
      windows.delete(address);
      while (windows.size >= MAX_TRACKED_ADDRESSES) windows.delete(windows.keys().next().value as string);
      window = { start: now, count: 0 };
      windows.set(address, window);
    }
    window.count++;
    if (window.count > limits.perAddressLimit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
      throw new OAuthError("temporarily_unavailable", `too many client registrations from this address; retry in ${retryAfter} seconds`, {
        status: 429,
        headers: { "retry-after": String(retryAfter) },
      });
    }
  };
}

/** The caller's address: the Node socket's (through `@hono/node-server`'s bindings), else "unknown". */
export function socketAddress(env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress;
  return typeof address === "string" && address !== "" ? address : undefined;
}
