/**
 * `createMetrics(config)`: request, error, latency, in-flight, tool, session and rate-limit
 * refusal metrics as a middleware, and the Prometheus text for `/metrics`. Shaped like the
 * runtime's YAML `metrics: { enabled, path }` key. Labels only ever hold known method names and
 * registered tool names (anything else is `other` / `unknown`): clients choose those strings,
 * and a label per made-up name would let one client grow the series without bound.
 */
import { ErrorCode, McpError, ProtocolError, type CallToolContext, type McpServer, type Middleware, type MiddlewareContext } from "@chuk-mcp/core";
import { Counter, DEFAULT_BUCKETS, Gauge, Histogram, MetricsRegistry } from "./registry.js";

/** The runtime's `metrics:` key. */
export interface MetricsConfig {
  /** Off by default: `createMetrics({})` collects nothing until `enabled: true`. */
  enabled?: boolean;
  /** Where `/metrics` is mounted; default `/metrics`. Read by whoever mounts `handler`. */
  path?: string;
  /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
  bearer_token?: string;
}

export interface MetricsOptions {
  /** Metric name prefix; default `mcp_`. */
  prefix?: string;
  /** Histogram buckets in seconds. */
  buckets?: readonly number[];
  /** Clock in ms; default `performance.now`. */
  now?: () => number;
}

const KNOWN_METHODS = new Set([
  "initialize", "ping", "tools/list", "tools/call", "resources/list", "resources/templates/list", "resources/read",
  "resources/subscribe", "resources/unsubscribe", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel",
  "server/discover", "subscriptions/listen", "tasks/get", "tasks/update", "tasks/cancel",
]);

/** What {@link Metrics.trackUpstreams} reads per upstream (the shape of `@chuk-mcp/proxy`'s `getProxyStats().servers`). */
export interface UpstreamHealthView {
  state: string;
  replicas: readonly { index: number; state: string; circuit: string }[];
}

/** Returns the upstreams by name, at scrape time. */
export type UpstreamHealthSource = () => Readonly<Record<string, UpstreamHealthView>>;

const CIRCUIT_VALUES: ReadonlyMap<string, number> = new Map([
  ["closed", 0],
  ["half-open", 1],
  ["open", 2],
]);

function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : "other";
}

export class Metrics {
  readonly enabled: boolean;
  readonly path: string;
  readonly bearerToken: string | undefined;
  readonly registry = new MetricsRegistry();
  readonly requests: Counter;
  readonly errors: Counter;
  readonly duration: Histogram;
  readonly inFlight: Gauge;
  readonly toolCalls: Counter;
  readonly toolDuration: Histogram;
  readonly rateLimited: Counter;
  readonly sessions: Gauge;
  /** The middleware to `server.use()` (see also `install`). */
  readonly middleware: Middleware;
  private servers = new Set<McpServer>();
  private readonly prefix: string;
  private upstreamSource: UpstreamHealthSource | undefined;
  private upstreamUp: Gauge | undefined;

  constructor(config: MetricsConfig = {}, options: MetricsOptions = {}) {
    if (config.path !== undefined && (typeof config.path !== "string" || !config.path.startsWith("/"))) {
      throw new McpError("invalid_definition", `metrics.path must start with "/", not ${JSON.stringify(config.path)}`);
    }
    this.enabled = config.enabled === true;
    this.path = config.path ?? "/metrics";
    this.bearerToken = config.bearer_token;
    const prefix = options.prefix ?? "mcp_";
    this.prefix = prefix;
    const buckets = options.buckets ?? DEFAULT_BUCKETS;
    const now = options.now ?? (() => performance.now());
    const r = this.registry;
    this.requests = r.register(new Counter(`${prefix}requests_total`, "MCP requests received, by method and protocol era.", ["method", "era"]));
    this.errors = r.register(new Counter(`${prefix}request_errors_total`, "MCP requests answered with a JSON-RPC error, by method and code.", ["method", "code"]));
    this.duration = r.register(new Histogram(`${prefix}request_duration_seconds`, "Time to answer an MCP request, by method.", ["method"], buckets));
    this.inFlight = r.register(new Gauge(`${prefix}requests_in_flight`, "MCP requests being served now.", []));
    this.toolCalls = r.register(new Counter(`${prefix}tool_calls_total`, "tools/call by tool and outcome (ok, tool_error, error, cancelled).", ["tool", "outcome"]));
    this.toolDuration = r.register(new Histogram(`${prefix}tool_call_duration_seconds`, "Time to answer tools/call, by tool.", ["tool"], buckets));
    this.rateLimited = r.register(new Counter(`${prefix}rate_limit_refusals_total`, "Requests refused by a rate limit, by rule.", ["rule"]));
    this.sessions = r.register(new Gauge(`${prefix}sessions`, "Open 2025-era sessions.", []));
    this.sessions.collect = () => {
      let open = 0;
      for (const server of this.servers) open += server.sessions.size;
      this.sessions.set(open);
    };
    this.inFlight.set(0);
    const metrics = this;
    this.middleware = {
      name: "metrics",
      async onRequest(context: MiddlewareContext, next) {
        metrics.servers.add(context.server);
        const method = methodLabel(context.method);
        const call = context as CallToolContext;
        const tool = method === "tools/call" ? (call.tool !== undefined ? call.name : "unknown") : undefined;
        metrics.requests.inc({ method, era: context.era });
        metrics.inFlight.inc();
        const started = now();
        let outcome = "ok";
        try {
          const result = await next();
          if (result === undefined) outcome = "cancelled";
          else if (result.isError === true) outcome = "tool_error";
          return result;
        } catch (error) {
          outcome = "error";
          const code = error instanceof ProtocolError ? error.code : ErrorCode.InternalError;
          metrics.errors.inc({ method, code: String(code) });
          if (code === ErrorCode.RateLimited) {
            const rule = (error as ProtocolError).data as { rule?: unknown } | undefined;
            metrics.rateLimited.inc({ rule: typeof rule?.rule === "string" ? rule.rule : "unknown" });
          }
          throw error;
        } finally {
          const seconds = (now() - started) / 1000;
          metrics.inFlight.dec();
          metrics.duration.observe(seconds, { method });
          if (tool !== undefined) {
            metrics.toolCalls.inc({ tool, outcome });
            metrics.toolDuration.observe(seconds, { tool });
          }
        }
      },
    };
  }

  /** `server.use(middleware)` when enabled (a disabled metrics object costs nothing). Returns the server. */
  install(server: McpServer): McpServer {
    if (!this.enabled) return server;
    this.servers.add(server);
    return server.use(this.middleware);
  }

  /**
   * Upstream health and circuit state, read at scrape time (e.g. from `@chuk-mcp/proxy`:
   * `metrics.trackUpstreams(() => proxy.getProxyStats().servers)`): `upstream_up{server}` (1 when
   * ready), `upstream_replicas_ready{server}` and `upstream_circuit_state{server,replica}`
   * (0 closed, 1 half-open, 2 open). Calling it again replaces the source.
   */
  trackUpstreams(read: UpstreamHealthSource): void {
    this.upstreamSource = read;
    if (this.upstreamUp !== undefined) return;
    const prefix = this.prefix;
    const up = this.registry.register(new Gauge(`${prefix}upstream_up`, "1 when the upstream MCP server is ready, 0 while it is down, reconnecting or failed.", ["server"]));
    const ready = this.registry.register(new Gauge(`${prefix}upstream_replicas_ready`, "Ready replicas of the upstream MCP server.", ["server"]));
    const circuit = this.registry.register(new Gauge(`${prefix}upstream_circuit_state`, "Circuit breaker per upstream replica: 0 closed, 1 half-open, 2 open.", ["server", "replica"]));
    this.upstreamUp = up;
    // One collect fills all three, so a scrape sees one consistent reading.
    up.collect = () => {
      up.reset();
      ready.reset();
      circuit.reset();
      let servers: Readonly<Record<string, UpstreamHealthView>> = {};
      try {
        servers = this.upstreamSource?.() ?? {};
      } catch {
        // A failing source reads as no upstreams rather than breaking the scrape.
      }
      for (const [server, view] of Object.entries(servers)) {
        up.set(view.state === "ready" ? 1 : 0, { server });
        ready.set(view.replicas.filter((replica) => replica.state === "ready").length, { server });
        for (const replica of view.replicas) circuit.set(CIRCUIT_VALUES.get(replica.circuit) ?? 2, { server, replica: String(replica.index) });
      }
    };
  }

  /** The Prometheus text exposition of every metric. */
  render(): string {
    return this.registry.render();
  }
}

export function createMetrics(config: MetricsConfig = {}, options: MetricsOptions = {}): Metrics {
  return new Metrics(config, options);
}
