/**
 * Shapes reported by the proxy: start-up report and live stats.
 */
import type { UpstreamConfig } from "./config.js";
import type { UpstreamState } from "./upstream-server.js";

/** Two or more upstreams (or a local definition) wanting the same downstream name. */
export interface NameCollision {
  kind: "tool" | "prompt" | "resource" | "resourceTemplate";
  name: string;
  /** Claimants in configuration order; "(local)" is a definition registered directly on the server. */
  servers: string[];
  /** The claimant that got the name. */
  kept: string;
}

/** What {@link McpProxy.start} saw. */
export interface ProxyStartReport {
  ready: string[];
  failed: { server: string; error: string }[];
  collisions: NameCollision[];
}

/** One upstream in {@link ProxyStats}. */
export interface UpstreamStats {
  state: UpstreamState;
  transport: UpstreamConfig["type"];
  tools: number;
  resources: number;
  resourceTemplates: number;
  prompts: number;
  calls: number;
  errors: number;
  listedAt: string | undefined;
  replicas: { index: number; state: string; pid: number | undefined; restarts: number; lastError: string | undefined; circuit: string }[];
}

/** Live view of the proxy. */
export interface ProxyStats {
  servers: Record<string, UpstreamStats>;
  /** Number of proxied tool names registered downstream. */
  tools: number;
  toolNames: string[];
  collisions: NameCollision[];
}
