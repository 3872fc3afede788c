/**
 * Who is calling, as the key a per-caller policy counts under. `ip` comes from a header that a
 * trusted proxy in front of the server sets (the engine never sees sockets): with no proxy,
 * any client can write that header, so only use `per: ip` behind one.
 */
import type { MiddlewareContext } from "@chuk-mcp/core";

/** Whose budget a rule counts against. */
export type Per = "ip" | "user" | "session" | "global";

export const PER_VALUES: readonly Per[] = ["ip", "user", "session", "global"];

/** Options for reading the caller's address. */
export interface CallerOptions {
  /** Header holding the client address, set by your proxy; default `x-forwarded-for` (first hop). */
  ipHeader?: string;
}

/** The client address from `ipHeader` (first comma-separated entry), or undefined. */
export function callerIp(context: MiddlewareContext, options: CallerOptions = {}): string | undefined {
  const raw = context.headers[(options.ipHeader ?? "x-forwarded-for").toLowerCase()];
  if (raw === undefined) return undefined;
  const first = raw.split(",", 1)[0]?.trim();
  return first === undefined || first === "" ? undefined : first;
}

/**
 * The key part for `per`: `u:<subject>`, `s:<session>`, `ip:<address>` or `*` (global). A caller
 * without the asked-for identity falls back: user → session → ip → `anonymous`, so
 * unauthenticated callers never share one unlimited key with nobody counted.
 */
export function callerKey(per: Per, context: MiddlewareContext, options: CallerOptions = {}): string {
  if (per === "global") return "*";
  if (per === "user" && context.userId !== undefined) return `u:${context.userId}`;
  if ((per === "user" || per === "session") && context.sessionId !== undefined) return `s:${context.sessionId}`;
  const ip = callerIp(context, options);
  return ip === undefined ? "anonymous" : `ip:${ip}`;
}
