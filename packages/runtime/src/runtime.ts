/**
 * Assembles one MCP server from a resolved configuration: local tool modules, built-in
 * session and artifact tools, proxied upstreams, bearer auth, and the configured transport
 * (stdio, legacy SSE or Streamable HTTP). It holds no protocol logic of its own.
 */
import { randomUUID } from "node:crypto";
import type { McpServer } from "@chuk-mcp/core";
import type { McpProxy, ProxyLogLevel, UpstreamConfig } from "@chuk-mcp/proxy";
import type { Metrics } from "@chuk-mcp/policies";
import { createLogger, type Logger } from "chuk-mcp";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Readable, Writable } from "node:stream";
import { createBearerAuth, type BearerAuth } from "./bearer-auth.js";
import type { ResolvedConfig } from "./config/resolve-config.js";
import { healthReport, type HealthReport } from "./health.js";
import { loadConfig } from "./config/load-config.js";
import { ConfigError } from "./config/config-error.js";
import type { ConfigOverrides } from "./config/resolve-config.js";
import { ModuleSet } from "./module-set.js";
import { diffUpstreams, emptyReloadReport, restartRequiredChanges, type ReloadReport } from "./reload.js";
import { watchFiles } from "./config-watcher.js";
import { installAsDefaultServer, RuntimeServer } from "./runtime-server.js";

/** Options of {@link startRuntime}. */
export interface StartRuntimeOptions {
  /** Default: a logger on stderr at the configured level. */
  logger?: Logger;
  /** false: build everything but serve nothing (openai-tools, tests). Default true. */
  serve?: boolean;
  /** Streams for the stdio transport (embedding, tests). */
  stdio?: { stdin?: Readable; stdout?: Writable };
  /** Package version shown to clients. */
  version?: string;
  /** Command-line overrides, applied again when `reload()` re-reads the file. */
  overrides?: ConfigOverrides;
  /** Reload when the config file or a loaded module file changes (also `reload.watch: true` in the file). */
  watch?: boolean;
}

/** A started runtime. */
export interface Runtime {
  readonly server: McpServer;
  readonly proxy: McpProxy | undefined;
  /** The configuration serving now (replaced by each applied reload). */
  readonly config: ResolvedConfig;
  /** The listening URL (SSE stream or MCP endpoint); undefined on stdio or when not serving. */
  readonly url: string | undefined;
  readonly port: number | undefined;
  health(): HealthReport;
  /**
   * Re-reads the config file (or takes `next`), validates it and applies it without a
   * restart: only added, removed or changed upstreams start or stop, changed local modules
   * are re-imported, live sessions stay, and list_changed is announced for what changed. A
   * bad configuration is refused (logged, `applied: false`) and the old one keeps serving.
   */
  reload(next?: ResolvedConfig): Promise<ReloadReport>;
  /** Resolves once the transport has stopped (stdin ended, or close()). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

const PROXY_LEVELS: Record<ProxyLogLevel, "debug" | "info" | "warning" | "error"> = { debug: "debug", info: "info", warning: "warning", error: "error" };

/** Builds and starts the runtime. Throws `ConfigError` (nothing started) for a bad module or auth setting. */
export async function startRuntime(config: ResolvedConfig, options: StartRuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, name: config.name });
  for (const warning of config.warnings) logger.warning(warning);
  const serving = options.serve ?? true;
  const server = new RuntimeServer(
    { name: config.name, version: options.version ?? "0.1.0", toolTimeoutMs: config.toolTimeoutMs },
    config.type === "stdio" ? "stdio" : "http",
  );
  const restoreDefault = installAsDefaultServer(server);
  const cleanups: (() => Promise<void> | void)[] = [restoreDefault];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await Promise.resolve(step()).catch((error: unknown) => logger.warning("Shutdown step failed.", error));
  };
  let proxy: McpProxy | undefined;
  const modules = new ModuleSet(server);
  const startFailures = new Map<string, string>();
  let auth: BearerAuth | undefined;
  let current = config;
  let metricsRoute: ((request: Request) => Promise<Response>) | undefined;
  let metrics: Metrics | undefined;
  // Per-server policies are read from the config being applied (the next one during a reload).
  let upstreamPolicies = config.upstreamPolicies;
  const createRuntimeProxy = async (servers: ResolvedConfig["upstreams"]): Promise<McpProxy> => {
    const { createProxy } = await import("@chuk-mcp/proxy");
    const { upstreamTraceMeta } = await import("@chuk-mcp/policies");
    const { upstreamPolicyBuilder } = await import("./policies.js");
    const builder = await upstreamPolicyBuilder(config, logger);
    cleanups.push(() => builder.close());
    const created = createProxy({
      server,
      upstreamMiddleware: (name) => builder.build(name, upstreamPolicies[name]),
      // The proxy's own span when tracing is on, else the caller's traceparent passed on.
      traceContext: upstreamTraceMeta,
      config: {
        servers: { ...servers },
        namespace: config.proxy.namespace,
        keepRootAliases: config.proxy.keepRootAliases,
        openaiCompatible: config.proxy.openaiCompatible,
        onlyOpenaiTools: config.proxy.onlyOpenaiTools,
        startTimeoutMs: config.proxy.startTimeoutMs,
        callTimeoutMs: config.toolTimeoutMs,
      },
      logger: (level, message) => logger[PROXY_LEVELS[level]](`[proxy] ${message}`),
    });
    cleanups.push(() => created.close());
    metrics?.trackUpstreams(() => created.getProxyStats().servers);
    return created;
  };
  try {
    // Checked first: a bad JWT setting must not leave child processes behind.
    if (serving && config.type !== "stdio") auth = await createBearerAuth(config, config.source);
    if (config.auth === "bearer" && config.type === "stdio") logger.warning("server.auth: bearer has no effect on stdio (the client owns the process).");
    const { loaded } = await modules.apply(config.modules, config.source, config.file);
    for (const file of loaded) logger.info(`Loaded tool module ${file}.`);
    // Storage drivers and the proxy's SDK client load only when the configuration uses them.
    const { registerBuiltinTools } = await import("./builtin-tools.js");
    if (config.rateLimits !== undefined || config.metrics.enabled || config.tracing.enabled) {
      const { installPolicies } = await import("./policies.js");
      const policies = await installPolicies(server, config, logger);
      cleanups.push(() => policies.close());
      metricsRoute = policies.metricsRoute;
      metrics = policies.metrics;
    }
    const builtins = await registerBuiltinTools(server, config);
    cleanups.push(() => builtins.close());
    for (const name of config.skippedUpstreams) {
      logger.warning(`mcp_servers.${name} is a remote server but proxy.enabled is not true; it is not started (set proxy.enabled: true).`);
    }
    if (Object.keys(config.upstreams).length > 0) {
      proxy = await createRuntimeProxy(config.upstreams);
      const report = await proxy.start();
      for (const failure of report.failed) {
        startFailures.set(failure.server, failure.error);
        logger.error(`Upstream "${failure.server}" did not start (${failure.error}); serving the others, retrying it in the background.`);
      }
      if (report.ready.length > 0) logger.info(`Upstreams ready: ${report.ready.join(", ")}.`);
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  const health = (): HealthReport => healthReport({ name: current.name, transport: current.type, proxy, startFailures, skipped: current.skippedUpstreams });

  let url: string | undefined;
  let port: number | undefined;
  let stopTransport: () => Promise<void> = async () => undefined;
  let transportClosed: Promise<void> = new Promise<void>(() => undefined);
  if (serving) {
    try {
      if (config.type === "stdio") {
        const { serveStdio } = await import("@chuk-mcp/stdio");
        // Give the one stdio session an id, so session-scoped tools (artifacts, sessions) work.
        const sessionId = `stdio-${randomUUID()}`;
        const engine = {
          createSession: (sessionOptions: { send: (message: unknown) => void | Promise<void> }) =>
            server.createSession({ id: sessionId, send: sessionOptions.send as Parameters<McpServer["createSession"]>[0]["send"] }),
          handleText: server.handleText.bind(server),
          dispatchText: server.dispatchText.bind(server),
        };
        const stdio = serveStdio(engine as Parameters<typeof serveStdio>[0], { ...options.stdio, handleSignals: false });
        stopTransport = () => stdio.close();
        transportClosed = stdio.closed;
      } else if (config.type === "sse") {
        const { serveLegacySse } = await import("@chuk-mcp/http/node");
        const sse = config.sse;
        // SESSION_PROVIDER=redis: a POST reaching another instance is delivered to the one holding the stream.
        let eventBus: import("@chuk-mcp/http").SessionEventBus | undefined;
        if (config.sessions.provider === "redis") {
          const backend = await redisSessionBackend(config, logger);
          cleanups.push(() => backend.close());
          eventBus = backend.eventBus;
          logger.info("Legacy SSE messages are routed between instances through Redis.");
        }
        const listening = await serveLegacySse(server, {
          host: sse.host,
          port: sse.port,
          ssePath: sse.ssePath,
          messagePath: sse.messagePath,
          healthPath: sse.healthPath,
          health: () => ({ ...health() }),
          onError: (error) => logger.error("SSE transport error.", error),
          ...(eventBus === undefined ? {} : { eventBus }),
          ...(auth === undefined ? {} : { authenticate: auth.authenticate, fallback: auth.metadata }),
        });
        url = listening.url;
        port = listening.port;
        stopTransport = () => listening.close();
      } else {
        const { serve } = await import("@chuk-mcp/http/node");
        const http = config.http;
        const bearer = auth;
        // SESSION_PROVIDER=redis: Streamable HTTP sessions, SSE events and notifications live in Redis (any instance serves any session).
        let stores = {};
        if (!http.stateless && config.sessions.provider === "redis") {
          const backend = await redisSessionBackend(config, logger);
          cleanups.push(() => backend.close());
          stores = {
            sessionStore: backend.sessionStore,
            ...(backend.eventStore === undefined ? {} : { eventStore: backend.eventStore }),
            ...(backend.eventBus === undefined ? {} : { eventBus: backend.eventBus }),
          };
          logger.info("Streamable HTTP sessions are stored in Redis.");
        }
        const listening = await serve(server, {
          ...stores,
          host: http.host,
          port: http.port,
          path: http.mcpPath,
          responseMode: http.jsonResponse ? "json" : "sse",
          sessions: !http.stateless,
          onError: (error) => logger.error("HTTP transport error.", error),
          ...(bearer === undefined ? {} : { authenticate: bearer.authenticate, ...(bearer.resourceMetadataUrl === undefined ? {} : { resourceMetadataUrl: bearer.resourceMetadataUrl }) }),
          ...(bearer === undefined ? {} : { routes: (app) => void app.get("/.well-known/*", (context) => bearer.metadata(context.req.raw)) }),
        });
        answerHealth(listening.httpServer, http.healthPath, health, metricsRoute === undefined ? undefined : { path: config.metrics.path, handle: metricsRoute });
        url = listening.url;
        port = listening.port;
        stopTransport = () => listening.close();
      }
    } catch (error) {
      await cleanup();
      throw describeListenError(error, config);
    }
    if (url !== undefined) process.stderr.write(`chuk-mcp-runtime: serving ${config.type} on ${url}\n`);
    else logger.info("Serving MCP on stdio.");
  }

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      try {
        await stopTransport();
        await server.close();
      } finally {
        await cleanup();
        server.markClosed();
        resolveClosed();
      }
    })());
  server.attach(close);
  void transportClosed.then(() => close());

  const applyReload = async (next: ResolvedConfig): Promise<ReloadReport> => {
    const report = emptyReloadReport(true);
    report.restartRequired = restartRequiredChanges(current, next);
    for (const key of report.restartRequired) logger.warning(`Reload: ${key} changed; restart the runtime to apply it (the running value is kept).`);
    report.modules = await modules.apply(next.modules, next.source, next.file);
    // A server whose policies changed is re-created like one whose connection settings did.
    const diff = diffUpstreams(withPolicies(current), withPolicies(next));
    upstreamPolicies = next.upstreamPolicies;
    report.upstreams = { ...diff, failed: [] };
    if (proxy === undefined && (diff.added.length > 0 || diff.changed.length > 0)) {
      proxy = await createRuntimeProxy({});
      await proxy.start();
    }
    const running = proxy;
    if (running !== undefined) {
      for (const name of diff.removed) {
        await running.removeUpstream(name);
        startFailures.delete(name);
      }
      const starting = [...diff.added, ...diff.changed];
      const results = await Promise.allSettled(starting.map((name) => running.addUpstream(name, next.upstreams[name] as UpstreamConfig)));
      results.forEach((result, index) => {
        const name = starting[index] as string;
        if (result.status === "fulfilled") return void startFailures.delete(name);
        const error = result.reason instanceof Error ? result.reason.message : String(result.reason);
        startFailures.set(name, error);
        report.upstreams.failed.push({ server: name, error });
        logger.error(`Reload: upstream "${name}" did not start (${error}); serving the others, retrying it in the background.`);
      });
    }
    current = next;
    const parts: [string, string[]][] = [
      ["added", diff.added], ["removed", diff.removed], ["restarted", diff.changed],
      ["modules loaded", report.modules.loaded], ["modules reloaded", report.modules.reloaded], ["modules unloaded", report.modules.removed],
    ];
    const summary = parts.filter(([, names]) => names.length > 0).map(([label, names]) => `${label}: ${names.join(", ")}`);
    logger.info(`Configuration reloaded${summary.length > 0 ? ` (${summary.join("; ")})` : " (nothing changed)"}.`);
    return report;
  };
  // One reload at a time: a second signal waits for the first to finish.
  let reloading: Promise<unknown> = Promise.resolve();
  const reload = (given?: ResolvedConfig): Promise<ReloadReport> => {
    const run = async (): Promise<ReloadReport> => {
      if (closing !== undefined) return emptyReloadReport(false, "the runtime is closed");
      let next = given;
      try {
        if (next === undefined) {
          if (current.file === undefined) throw new Error("no configuration file to reload (the runtime was started without --config)");
          next = await loadConfig({ file: current.file, env: current.env, ...(options.overrides === undefined ? {} : { overrides: options.overrides }) });
        }
        for (const warning of next.warnings) logger.warning(warning);
        return await applyReload(next);
      } catch (error) {
        const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
        logger.error(`Reload refused; the previous configuration keeps serving:\n${message}`);
        return emptyReloadReport(false, message);
      }
    };
    const result = reloading.then(run, run);
    reloading = result;
    return result;
  };
  if (serving && current.file !== undefined && (options.watch === true || config.reloadWatch)) {
    const watcher = watchFiles(() => [current.file as string, ...modules.files()], () => reload());
    cleanups.push(() => watcher.close());
    logger.info(`Watching ${current.file} and its modules; a change reloads the configuration.`);
  }
  return {
    server,
    get proxy() {
      return proxy;
    },
    get config() {
      return current;
    },
    url,
    port,
    health,
    reload,
    closed,
    close,
  };
}

/**
 * The HTTP app answers a fixed liveness `/health` before any extra route, so the runtime's
 * report (upstream states) is answered in front of it on the Node server.
 */
function withPolicies(config: ResolvedConfig): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [name, upstream] of Object.entries(config.upstreams)) merged[name] = { ...upstream, policies: config.upstreamPolicies[name] };
  return merged;
}

function answerHealth(httpServer: Server, healthPath: string, health: () => HealthReport, metrics?: { path: string; handle: (request: Request) => Promise<Response> }): void {
  const listeners = httpServer.listeners("request") as ((request: IncomingMessage, response: ServerResponse) => void)[];
  httpServer.removeAllListeners("request");
  httpServer.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url?.split("?")[0];
    if ((request.method === "GET" || request.method === "HEAD") && path === healthPath) {
      response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(request.method === "HEAD" ? undefined : JSON.stringify(health()));
      return;
    }
    if (metrics !== undefined && path === metrics.path) {
      const handled = metrics.handle(new Request(`http://localhost${request.url ?? "/"}`, { method: request.method ?? "GET", headers: request.headers as Record<string, string> }));
      void handled.then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(request.method === "HEAD" ? undefined : await answer.text());
      });
      return;
    }
    for (const listener of listeners) listener.call(httpServer, request, response);
  });
}

/** The Redis session backend (SESSION_PROVIDER=redis) both listening transports share. */
async function redisSessionBackend(config: ResolvedConfig, logger: Logger) {
  const { createHttpSessionBackend } = await import("@chuk-mcp/sessions");
  return createHttpSessionBackend({
    provider: "redis",
    env: config.env,
    ttlSeconds: config.sessions.ttlSeconds,
    ...(config.sessions.sandboxId === undefined ? {} : { sandboxId: config.sessions.sandboxId }),
    onError: (error) => logger.error("Session event bus error.", error),
  });
}

function describeListenError(error: unknown, config: ResolvedConfig): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const { host, port } = config.type === "sse" ? config.sse : config.http;
  if (code === "EADDRINUSE") return new Error(`Port ${port} on ${host} is already in use; change ${config.type}.port or pass --port <n> (0 picks a free one).`, { cause: error });
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") return new Error(`Cannot listen on host "${host}": no such local address.`, { cause: error });
  if (code === "EACCES") return new Error(`Not allowed to listen on port ${port}; use a port above 1023.`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export type { Logger };
