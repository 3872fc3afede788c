/**
 * What `/health` reports: the server, and every upstream's state, so an upstream that failed
 * or hung at start-up is visible (status "degraded") while the rest keep serving.
 */
import type { McpProxy } from "@chuk-mcp/proxy";

/** One upstream in the health report. */
export interface UpstreamHealth {
  state: string;
  transport: string;
  tools: number;
  error?: string;
}

/** The `/health` body. */
export interface HealthReport {
  status: "ok" | "degraded";
  server: string;
  transport: string;
  upstreams: Record<string, UpstreamHealth>;
  /** Remote servers configured but not started because `proxy.enabled` is false. */
  skipped: string[];
}

/** Builds the report from the proxy's live stats and the start-up failures. */
export function healthReport(input: {
  name: string;
  transport: string;
  proxy: McpProxy | undefined;
  startFailures: ReadonlyMap<string, string>;
  skipped: readonly string[];
}): HealthReport {
  const upstreams: Record<string, UpstreamHealth> = {};
  let degraded = false;
  const stats = input.proxy?.getProxyStats();
  for (const [name, server] of Object.entries(stats?.servers ?? {})) {
    const lastError = server.replicas.find((replica) => replica.lastError !== undefined)?.lastError ?? input.startFailures.get(name);
    const healthy = server.state === "ready";
    if (!healthy) degraded = true;
    upstreams[name] = {
      state: server.state,
      transport: server.transport,
      tools: server.tools,
      ...(healthy || lastError === undefined ? {} : { error: lastError }),
    };
  }
  return { status: degraded ? "degraded" : "ok", server: input.name, transport: input.transport, upstreams, skipped: [...input.skipped] };
}
