/**
 * What a configuration reload may change live, and what it may not. Upstreams and local
 * modules change in place (only the ones that differ start or stop); settings the
 * listener, the auth check or the storage were built from need a restart, and a reload that
 * changes them says so instead of silently ignoring them.
 */
import type { UpstreamConfig } from "@chuk-mcp/proxy";
import type { ResolvedConfig } from "./config/resolve-config.js";
import type { ModuleChanges } from "./module-set.js";

/** The outcome of `runtime.reload()`. */
export interface ReloadReport {
  /** false: the new configuration was refused (`error` says why) and the old one keeps serving. */
  applied: boolean;
  error?: string;
  upstreams: { added: string[]; removed: string[]; changed: string[]; failed: { server: string; error: string }[] };
  modules: ModuleChanges;
  /** Config keys whose change was not applied because it needs a restart. */
  restartRequired: string[];
}

/** An empty report (nothing changed). */
export function emptyReloadReport(applied: boolean, error?: string): ReloadReport {
  return {
    applied,
    ...(error === undefined ? {} : { error }),
    upstreams: { added: [], removed: [], changed: [], failed: [] },
    modules: { loaded: [], reloaded: [], removed: [] },
    restartRequired: [],
  };
}

/** Upstreams to start, stop, or restart with new settings, by name. */
export function diffUpstreams(
  before: Readonly<Record<string, UpstreamConfig | unknown>>,
  after: Readonly<Record<string, UpstreamConfig | unknown>>,
): { added: string[]; removed: string[]; changed: string[] } {
  const added = Object.keys(after).filter((name) => !(name in before));
  const removed = Object.keys(before).filter((name) => !(name in after));
  const changed = Object.keys(after).filter((name) => name in before && JSON.stringify(before[name]) !== JSON.stringify(after[name]));
  return { added, removed, changed };
}

const RESTART_KEYS: [string, (config: ResolvedConfig) => unknown][] = [
  ["host.name", (config) => config.name],
  ["server.type", (config) => config.type],
  ["server.auth", (config) => config.auth],
  ["sse", (config) => (config.type === "sse" ? config.sse : undefined)],
  ["streamable-http", (config) => (config.type === "streamable-http" ? config.http : undefined)],
  ["tools.timeout", (config) => config.toolTimeoutMs],
  ["logging.level", (config) => config.logLevel],
  ["sessions", (config) => config.sessions],
  ["session_tools", (config) => config.sessionTools],
  ["artifacts", (config) => config.artifacts],
  ["proxy (namespace, keep_root_aliases, openai_compatible, only_openai_tools, start_timeout)", (config) => ({ ...config.proxy, enabled: undefined })],
  // Installed once as the server's outer middleware; per-server policies (mcp_servers.<name>) do reload.
  ["rate_limits", (config) => config.rateLimits],
  ["metrics", (config) => config.metrics],
  ["tracing", (config) => config.tracing],
];

/** The keys that differ between the two configurations but only take effect on a restart. */
export function restartRequiredChanges(before: ResolvedConfig, after: ResolvedConfig): string[] {
  return RESTART_KEYS.filter(([, pick]) => JSON.stringify(pick(before)) !== JSON.stringify(pick(after))).map(([key]) => key);
}
