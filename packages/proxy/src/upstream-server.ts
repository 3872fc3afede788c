/**
 * One configured upstream server: its replicas (round-robin with failover), its cached
 * catalog (tools, resources, templates, prompts) and the calls routed to it.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { McpError as SdkMcpError, ErrorCode as SdkErrorCode } from "@modelcontextprotocol/sdk/types.js";
import type { Prompt, RequestContext, Resource, ResourceTemplate, Tool } from "@chuk-mcp/core";
import type { ProxyLogger, ResolvedCircuitBreakerOptions, ResolvedReconnectOptions, UpstreamConfig } from "./config.js";
import { describeFailure, ProxyError } from "./errors.js";
import { fetchCatalog, type Catalog } from "./catalog.js";
import { guardCatalog, type UpstreamLimits } from "./catalog-guard.js";
import { ReplicaConnection, type ConnectionState } from "./replica-connection.js";
import { listEndpoints } from "./validate-config.js";
import type { InFlightCall } from "./relay.js";

/** Why the catalog changed. */
export type ChangeReason = "ready" | "down" | "list" | "failed";

/** Settings shared by every upstream. */
export interface UpstreamServerOptions {
  name: string;
  config: UpstreamConfig;
  startTimeoutMs: number;
  callTimeoutMs: number;
  ttlMs: number;
  healthCheckIntervalMs: number;
  reconnect: ResolvedReconnectOptions;
  circuitBreaker: ResolvedCircuitBreakerOptions;
  /** Caps on what is proxied from this upstream. */
  limits: Required<UpstreamLimits>;
  logger: ProxyLogger;
  clientInfo: { name: string; version: string };
  onChange(server: UpstreamServer, reason: ChangeReason): void;
  onResourceUpdated(server: UpstreamServer, uri: string): void;
}

/** Per-server state for stats. */
export type UpstreamState = "starting" | "ready" | "degraded" | "reconnecting" | "failed" | "closed";

const EMPTY_CATALOG: Catalog = { tools: [], resources: [], templates: [], prompts: [] };

/** An upstream made of one or more replica connections. */
export class UpstreamServer {
  readonly name: string;
  readonly connections: ReplicaConnection[];
  catalog: Catalog = EMPTY_CATALOG;
  catalogFetchedAt = 0;
  calls = 0;
  errors = 0;
  private cursor = 0;
  private ttlTimer: ReturnType<typeof setInterval> | undefined;
  /** The listing under way, and at most one more queued behind it (list_changed storms coalesce). */
  private refreshing: Promise<void> | undefined;
  private queued: { promise: Promise<void>; reason: ChangeReason } | undefined;
  /** Listings actually run (for stats and tests). */
  listings = 0;
  private closed = false;

  constructor(readonly options: UpstreamServerOptions) {
    this.name = options.name;
    this.connections = listEndpoints(options.config).map(
      (endpoint, index) =>
        new ReplicaConnection({
          server: options.name,
          index,
          config: options.config,
          endpoint,
          startTimeoutMs: options.startTimeoutMs,
          healthCheckIntervalMs: options.healthCheckIntervalMs,
          reconnect: options.reconnect,
          circuitBreaker: options.circuitBreaker,
          logger: options.logger,
          clientInfo: options.clientInfo,
          events: {
            ready: () => void this.refresh("ready"),
            down: () => this.handleDown(),
            listChanged: () => void this.refresh("list"),
            resourceUpdated: (_connection, uri) => options.onResourceUpdated(this, uri),
          },
        }),
    );
  }

  /** The aggregate state over replicas. */
  get state(): UpstreamState {
    if (this.closed) return "closed";
    const states = this.connections.map((connection) => connection.state);
    const ready = states.filter((state) => state === "ready").length;
    if (ready === states.length) return "ready";
    if (ready > 0) return "degraded";
    if (states.every((state) => state === "idle" || state === "connecting")) return "starting";
    if (states.some((state) => state === "reconnecting" || state === "connecting")) return "reconnecting";
    return "failed";
  }

  /** Replica states and pids, for stats and tests. */
  get replicas(): { index: number; state: ConnectionState; pid: number | undefined; restarts: number; lastError: string | undefined; circuit: string }[] {
    return this.connections.map((connection, index) => ({
      index,
      state: connection.state,
      pid: connection.pid,
      restarts: connection.restarts,
      lastError: connection.lastError,
      circuit: connection.breaker.state,
    }));
  }

  /** Connects every replica in parallel; resolves once the first is ready (or all failed). */
  async start(): Promise<void> {
    const attempts = this.connections.map((connection) => connection.connect());
    try {
      await Promise.any(attempts);
    } catch (error) {
      const reasons = ((error as AggregateError).errors ?? [error]).map((reason) => describeFailure(reason).replace(/^\[chuk-mcp-proxy\] /, ""));
      // One replica: its own message already names the upstream and the command.
      const summary = reasons.length === 1 ? (reasons[0] as string) : `upstream "${this.name}" failed to start: ${reasons.join("; ")}`;
      throw new ProxyError("upstream_start_failed", `${summary}. It will be retried in the background`, { cause: error, server: this.name });
    }
    await (this.queued?.promise ?? this.refreshing);
    this.ttlTimer = setInterval(() => void this.refresh("list"), this.options.ttlMs);
    this.ttlTimer.unref?.();
  }

  private handleDown(): void {
    // Tools stay listed while reconnecting so calls fail fast with a clear error instead of "unknown tool".
    this.options.onChange(this, this.state === "failed" ? "failed" : "down");
  }

  /**
   * Re-reads the catalog from a ready replica and reports the change. At most one listing
   * runs and one waits: further calls while one waits join it, so 2,000 `list_changed`
   * notifications cost at most two listings, not 2,000. A queued "ready" wins over "list"
   * (it re-announces even unchanged names).
   */
  refresh(reason: ChangeReason): Promise<void> {
    if (this.refreshing === undefined) {
      const running = this.listOnce(reason).finally(() => {
        if (this.refreshing === running) this.refreshing = undefined;
      });
      this.refreshing = running;
      return running;
    }
    if (this.queued !== undefined) {
      if (reason === "ready") this.queued.reason = "ready";
      return this.queued.promise;
    }
    const queued = { reason, promise: Promise.resolve() };
    queued.promise = this.refreshing.then(() => {
      this.queued = undefined;
      return this.refresh(queued.reason);
    });
    this.queued = queued;
    return queued.promise;
  }

  private async listOnce(reason: ChangeReason): Promise<void> {
    const connection = this.connections.find((candidate) => candidate.state === "ready" && candidate.client !== undefined);
    if (connection?.client === undefined || this.closed) return;
    this.listings++;
    try {
      const catalog = await fetchCatalog(connection.client, this.options.callTimeoutMs, this.options.limits);
      this.catalog = guardCatalog(this.name, catalog, this.options.limits, this.options.logger);
      this.catalogFetchedAt = Date.now();
    } catch (error) {
      this.options.logger("warning", `listing upstream "${this.name}" failed: ${describeFailure(error)}`);
      return;
    }
    this.options.onChange(this, reason);
  }

  /** Round-robin over ready replicas whose circuit lets a call through. */
  private pick(): ReplicaConnection {
    const count = this.connections.length;
    for (let step = 0; step < count; step++) {
      const connection = this.connections[(this.cursor + step) % count] as ReplicaConnection;
      if (connection.state === "ready" && connection.client !== undefined && connection.breaker.tryAcquire()) {
        this.cursor = (this.cursor + step + 1) % count;
        return connection;
      }
    }
    if (this.closed) throw new ProxyError("proxy_closed", "the proxy is shutting down; retry against a running proxy", { server: this.name });
    const open = this.connections.find((connection) => connection.state === "ready" && connection.breaker.state !== "closed");
    if (open !== undefined) {
      const retryAfterMs = this.connections.reduce((soonest, connection) => (connection.state === "ready" ? Math.min(soonest, connection.breaker.retryInMs) : soonest), Number.POSITIVE_INFINITY);
      const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      throw new ProxyError("circuit_open", `upstream "${this.name}" is failing (circuit open); retry in ${retryAfterSeconds} s`, {
        server: this.name,
        data: { server: this.name, reason: "circuit_open", retryAfterMs, retryAfterSeconds },
      });
    }
    const last = this.connections.map((connection) => connection.lastError).find((error) => error !== undefined);
    throw new ProxyError(
      "upstream_unavailable",
      `upstream "${this.name}" is ${this.state}${last ? ` (${last})` : ""}; the proxy is reconnecting, retry shortly`,
      { server: this.name },
    );
  }

  /**
   * Runs one request on a replica, relaying progress and cancellation, enforcing the per-call
   * timeout and feeding the circuit breaker. Upstream protocol errors keep their JSON-RPC code.
   */
  async run<T>(
    what: string,
    ctx: RequestContext | undefined,
    request: (client: Client, options: RequestOptions) => Promise<T>,
    timeoutMs = this.options.callTimeoutMs,
  ): Promise<T> {
    const connection = this.pick();
    const client = connection.client as Client;
    this.calls++;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(ctx?.signal.reason);
    ctx?.signal.addEventListener("abort", onAbort, { once: true });
    let failEarly: (error: unknown) => void = () => undefined;
    const early = new Promise<never>((_, reject) => (failEarly = reject));
    const call: InFlightCall | undefined =
      ctx === undefined ? undefined : { ctx, fail: (error) => (failEarly(error), controller.abort(error)) };
    if (call !== undefined) connection.inFlight.add(call);
    const options: RequestOptions = { signal: controller.signal, timeout: timeoutMs, maxTotalTimeout: timeoutMs };
    if (ctx?.progressToken !== undefined) {
      options.onprogress = (progress) => void ctx.progress(progress.progress, progress.total, progress.message).catch(() => undefined);
    }
    try {
      const result = await Promise.race([request(client, options), early]);
      connection.breaker.recordSuccess();
      return result;
    } catch (error) {
      if (error instanceof Error && error.name === "InputRequiredSignal") throw error;
      this.errors++;
      throw this.classify(connection, what, error, timeoutMs, ctx?.signal.aborted === true);
    } finally {
      ctx?.signal.removeEventListener("abort", onAbort);
      if (call !== undefined) connection.inFlight.delete(call);
    }
  }

  private classify(connection: ReplicaConnection, what: string, error: unknown, timeoutMs: number, cancelled: boolean): ProxyError {
    const server = this.name;
    if (cancelled) return new ProxyError("upstream_error", `${what} on "${server}" was cancelled by the client`, { cause: error, server });
    if (error instanceof SdkMcpError && error.code === SdkErrorCode.RequestTimeout) {
      connection.breaker.recordFailure();
      return new ProxyError("upstream_timeout", `${what} on upstream "${server}" timed out after ${timeoutMs} ms; raise callTimeoutMs for this server or check it is not stuck`, { cause: error, server });
    }
    if (error instanceof SdkMcpError && error.code === SdkErrorCode.ConnectionClosed) {
      connection.breaker.recordFailure();
      return new ProxyError("upstream_unavailable", `upstream "${server}" closed the connection during ${what}; it is being restarted, retry shortly`, { cause: error, server });
    }
    if (error instanceof SdkMcpError) {
      const wrapped = new ProxyError("upstream_error", `upstream "${server}" rejected ${what}: ${error.message}`, { cause: error, server });
      return Object.assign(wrapped, { upstreamCode: error.code, upstreamData: error.data });
    }
    if (error instanceof ProxyError) return error;
    connection.breaker.recordFailure();
    return new ProxyError("upstream_error", `${what} on upstream "${server}" failed: ${describeFailure(error)}`, { cause: error, server });
  }

  /** Stops timers, closes every replica and kills their children. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.ttlTimer !== undefined) clearInterval(this.ttlTimer);
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}

/** Items of a catalog, for callers that only need one kind. */
export type { Tool, Resource, ResourceTemplate, Prompt };
