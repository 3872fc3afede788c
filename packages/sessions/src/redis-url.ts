import { SessionError } from "./errors.js";

/** One Redis node address. */
export interface RedisNodeAddress {
  host: string;
  port: number;
}

/**
 * What a `REDIS_URL` means: one standalone server, or a cluster when it lists several
 * nodes (`redis://n1:7000,n2:7001`). `rediss://` turns on TLS for every node.
 */
export interface RedisConnectionPlan {
  mode: "standalone" | "cluster";
  nodes: RedisNodeAddress[];
  tls: boolean;
  /** Skip certificate verification (self-signed); from `REDIS_TLS_INSECURE=1`. */
  tlsInsecure: boolean;
  username?: string;
  password?: string;
  /** Database index from the path (`/2`); standalone only. */
  db?: number;
}

function fail(url: string, reason: string, cause?: unknown): never {
  throw new SessionError(
    "invalid_argument",
    `Invalid Redis URL ${JSON.stringify(redact(url))}: ${reason}. Use redis://[user:password@]host:port[/db], rediss:// for TLS, or host:port,host:port for a cluster.`,
    { cause },
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/g, "//***@");
}

/**
 * Parses a Redis URL (standalone, cluster list, TLS) into a {@link RedisConnectionPlan}.
 * Throws `invalid_argument` with what to fix.
 */
export function parseRedisUrl(url: string, options: { tlsInsecure?: boolean } = {}): RedisConnectionPlan {
  const trimmed = url.trim();
  if (!trimmed) fail(url, "it is empty");
  const parts = trimmed.split(",").map((part) => part.trim()).filter((part) => part.length > 0);
  const first = parts[0] ?? "";
  const schemeMatch = /^([a-z]+):\/\//i.exec(first);
  const scheme = (schemeMatch?.[1] ?? "redis").toLowerCase();
  if (scheme !== "redis" && scheme !== "rediss") fail(url, `the scheme "${scheme}" is not redis or rediss`);

  const plan: RedisConnectionPlan = {
    mode: parts.length > 1 ? "cluster" : "standalone",
    nodes: [],
    tls: scheme === "rediss",
    tlsInsecure: options.tlsInsecure ?? false,
  };
  parts.forEach((part, index) => {
    const withScheme = /^[a-z]+:\/\//i.test(part) ? part : `${scheme}://${part}`;
    let parsed: URL;
    try {
      parsed = new URL(withScheme);
    } catch (cause) {
      fail(url, `node ${index + 1} (${JSON.stringify(redact(part))}) is not a URL`, cause);
    }
    if (!parsed.hostname) fail(url, `node ${index + 1} has no host`);
    const port = parsed.port ? Number(parsed.port) : 6379;
    if (!Number.isInteger(port) || port < 1 || port > 65_535) fail(url, `node ${index + 1} has port ${parsed.port}`);
    plan.nodes.push({ host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"), port });
    if (index === 0) {
      if (parsed.username) plan.username = decodeURIComponent(parsed.username);
      if (parsed.password) plan.password = decodeURIComponent(parsed.password);
    }
    const path = parsed.pathname.replace(/^\//, "");
    if (path) {
      const db = Number(path);
      if (!Number.isInteger(db) || db < 0) fail(url, `the database "${path}" is not a non-negative integer`);
      if (plan.mode === "cluster" && db !== 0) fail(url, "Redis Cluster has only database 0");
      plan.db = db;
    }
  });
  return plan;
}

/** `host:port[, ...]` for error messages, without credentials. */
export function describePlan(plan: RedisConnectionPlan): string {
  const nodes = plan.nodes.map((node) => `${node.host}:${node.port}`).join(",");
  return `${plan.tls ? "rediss" : "redis"}://${nodes}${plan.mode === "cluster" ? " (cluster)" : ""}`;
}
