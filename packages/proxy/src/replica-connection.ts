/**
 * One live connection to one upstream endpoint (a child process or a URL), through the
 * official SDK `Client`. Owns reconnects (exponential backoff with jitter), health checks,
 * the circuit breaker and the set of in-flight calls used for relaying.
 */
import { existsSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { HttpEndpoint, ProxyLogger, ResolvedCircuitBreakerOptions, ResolvedReconnectOptions, StdioEndpoint, UpstreamConfig } from "./config.js";
import { backoffDelay } from "./backoff.js";
import { CircuitBreaker } from "./circuit-breaker.js";
import { describeFailure, ProxyError } from "./errors.js";
import { installRelay, type InFlightCall } from "./relay.js";
import { throttledWarning } from "./throttled-log.js";
import { createUpstreamTransport, type UpstreamTransport } from "./transport-factory.js";

/** Lifecycle of a connection. */
export type ConnectionState = "idle" | "connecting" | "ready" | "reconnecting" | "failed" | "closed";

/** What a connection tells its server. */
export interface ConnectionEvents {
  ready(connection: ReplicaConnection): void;
  down(connection: ReplicaConnection, reason: string): void;
  listChanged(connection: ReplicaConnection, kind: "tools" | "resources" | "prompts"): void;
  resourceUpdated(connection: ReplicaConnection, uri: string): void;
}

/** Settings a connection needs. */
export interface ConnectionOptions {
  server: string;
  index: number;
  config: UpstreamConfig;
  endpoint: StdioEndpoint | HttpEndpoint;
  startTimeoutMs: number;
  healthCheckIntervalMs: number;
  reconnect: ResolvedReconnectOptions;
  circuitBreaker: ResolvedCircuitBreakerOptions;
  logger: ProxyLogger;
  events: ConnectionEvents;
  clientInfo: { name: string; version: string };
}

/** A start failure in words a user can act on (a missing command reads as ENOENT otherwise). */
function explainStartFailure(error: unknown, config: UpstreamConfig, endpoint: StdioEndpoint | HttpEndpoint): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (config.type === "stdio" && code === "ENOENT") {
    const { command, cwd } = endpoint as StdioEndpoint;
    if (cwd !== undefined && !existsSync(cwd)) return `the working directory "${cwd}" does not exist; fix cwd`;
    return `command "${command}" was not found (not on PATH and not a file); check the command name or install it`;
  }
  if (config.type === "stdio" && code === "EACCES") return `command "${(endpoint as StdioEndpoint).command}" is not executable; check its permissions`;
  return describeFailure(error);
}

/** One SDK client connected to one endpoint, kept alive. */
export class ReplicaConnection {
  state: ConnectionState = "idle";
  client: Client | undefined;
  readonly breaker: CircuitBreaker;
  readonly inFlight = new Set<InFlightCall>();
  /** Consecutive failed connect attempts. */
  attempts = 0;
  lastError: string | undefined;
  restarts = 0;
  private current: UpstreamTransport | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private healthTimer: ReturnType<typeof setInterval> | undefined;
  private connectedOnce = false;
  /** Kills still under way for children that already went down. */
  private readonly dying = new Set<Promise<void>>();

  constructor(readonly options: ConnectionOptions) {
    this.breaker = new CircuitBreaker(options.circuitBreaker);
  }

  /** Read through a method so TypeScript does not narrow it across awaits. */
  isClosed(): boolean {
    return this.state === "closed";
  }

  get label(): string {
    return this.options.index === 0 ? this.options.server : `${this.options.server}#${this.options.index}`;
  }

  /** Child pid for stdio endpoints while connected. */
  get pid(): number | undefined {
    return this.current?.pid();
  }

  get describe(): string {
    return this.current?.describe ?? "";
  }

  /** Connects once within the start timeout; on failure schedules a retry and rejects. */
  async connect(): Promise<void> {
    if (this.state === "closed") throw new ProxyError("proxy_closed", "the proxy is closed", { server: this.options.server });
    this.state = this.connectedOnce ? "reconnecting" : "connecting";
    const { options } = this;
    const upstream = createUpstreamTransport(options.config, options.endpoint, (line) =>
      options.logger("debug", `[${this.label}] stderr: ${line}`),
    );
    this.current = upstream;
    const client = new Client(options.clientInfo, {
      capabilities: { elicitation: {}, sampling: {}, roots: { listChanged: true } },
    });
    installRelay(client, { server: this.label, inFlight: this.inFlight, logger: options.logger });
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => options.events.listChanged(this, "tools"));
    client.setNotificationHandler(ResourceListChangedNotificationSchema, async () => options.events.listChanged(this, "resources"));
    client.setNotificationHandler(PromptListChangedNotificationSchema, async () => options.events.listChanged(this, "prompts"));
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, async (notification) =>
      options.events.resourceUpdated(this, notification.params.uri),
    );
    const warn = throttledWarning(options.logger);
    client.onerror = (error) => {
      // A reply the upstream's client could not send because the connection already closed
      // (a downstream client that disconnects quickly, or shutdown) is expected: the close
      // itself is reported once by handleClose, so this stays at debug level.
      const message = describeFailure(error);
      if (this.isClosed() || this.state !== "ready" || /\bNot connected\b/.test(message)) options.logger("debug", `[${this.label}] ${message}`);
      else warn(`[${this.label}] ${message}`);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        client.connect(upstream.transport, { timeout: options.startTimeoutMs }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new ProxyError("upstream_timeout", `upstream "${this.label}" did not finish starting within ${options.startTimeoutMs} ms; raise startTimeoutMs or check the command`, { server: options.server })),
            options.startTimeoutMs,
          );
        }),
      ]);
    } catch (error) {
      clearTimeout(timer);
      this.current = undefined;
      await upstream.kill();
      this.lastError = explainStartFailure(error, options.config, options.endpoint);
      this.attempts++;
      if (!this.isClosed()) {
        this.state = "failed";
        this.scheduleReconnect();
      }
      throw error instanceof ProxyError
        ? error
        : new ProxyError("upstream_start_failed", `upstream "${this.label}" (${upstream.describe}) failed to start: ${this.lastError}`, { cause: error, server: options.server });
    }
    clearTimeout(timer);
    if (this.isClosed()) {
      await upstream.kill();
      throw new ProxyError("proxy_closed", "the proxy closed while the upstream was starting", { server: options.server });
    }
    this.client = client;
    if (this.connectedOnce) this.restarts++;
    this.connectedOnce = true;
    this.attempts = 0;
    this.lastError = undefined;
    this.breaker.reset();
    this.state = "ready";
    client.onclose = () => this.handleClose(client, "connection closed");
    this.startHealthChecks(client);
    options.events.ready(this);
  }

  private handleClose(client: Client, reason: string): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.stopHealthChecks();
    const dying = this.current;
    this.current = undefined;
    if (dying !== undefined) {
      const kill = dying.kill().finally(() => this.dying.delete(kill));
      this.dying.add(kill);
    }
    if (this.state === "closed") return;
    this.lastError = reason;
    this.state = "reconnecting";
    this.options.logger("warning", `upstream "${this.label}" went down (${reason}); reconnecting`);
    this.options.events.down(this, reason);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.state === "closed" || this.retryTimer !== undefined) return;
    if (this.attempts >= this.options.reconnect.maxAttempts) {
      this.state = "failed";
      this.options.logger("error", `upstream "${this.label}" gave up after ${this.attempts} attempts: ${this.lastError ?? "unknown error"}`);
      this.options.events.down(this, `gave up after ${this.attempts} attempts`);
      return;
    }
    const delay = backoffDelay(this.options.reconnect, this.attempts + 1);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch((error) =>
        this.options.logger("warning", `reconnect of "${this.label}" failed (attempt ${this.attempts}): ${describeFailure(error)}`),
      );
    }, delay);
    this.retryTimer.unref?.();
  }

  private startHealthChecks(client: Client): void {
    const interval = this.options.healthCheckIntervalMs;
    if (interval <= 0) return;
    this.healthTimer = setInterval(() => {
      client.ping({ timeout: Math.min(interval, 10_000) }).catch((error) => {
        if (this.client !== client) return;
        this.options.logger("warning", `health check of "${this.label}" failed: ${describeFailure(error)}`);
        void client.close().catch(() => undefined);
        this.handleClose(client, `health check failed: ${describeFailure(error)}`);
      });
    }, interval);
    this.healthTimer.unref?.();
  }

  private stopHealthChecks(): void {
    if (this.healthTimer !== undefined) clearInterval(this.healthTimer);
    this.healthTimer = undefined;
  }

  /** Stops retrying, closes the client and kills the child. */
  async close(): Promise<void> {
    this.state = "closed";
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stopHealthChecks();
    const client = this.client;
    this.client = undefined;
    const upstream = this.current;
    this.current = undefined;
    await client?.close().catch(() => undefined);
    await upstream?.kill();
    await Promise.all(this.dying);
  }
}
