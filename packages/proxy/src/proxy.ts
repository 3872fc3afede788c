/**
 * `McpProxy`: one MCP server in front of many upstream MCP servers. Proxied tools,
 * resources, templates and prompts are registered on a `@chuk-mcp/core` `McpServer`, which
 * may hold local definitions too.
 */
import { McpServer } from "@chuk-mcp/core";
import type { Middleware, MiddlewareContext, PromptDefinition, ResourceDefinition, ResourceTemplateDefinition, ToolDefinition, ToolResult } from "@chuk-mcp/core";
import { PROXY_DEFAULTS, type NamingOptions, type ProxyConfig, type ProxyLogger, type UpstreamConfig } from "./config.js";
import { BindingSet, type DesiredBinding } from "./binding-set.js";
import { DEFAULT_UPSTREAM_LIMITS } from "./catalog-guard.js";
import { describeFailure, ProxyError } from "./errors.js";
import { exposedNames, filterToolName, namespacedName, namespaceUri, parseNamespacedUri } from "./naming.js";
import { callUpstreamTool, proxiedPrompt, proxiedResource, proxiedTemplate, proxiedTool, unknownTool } from "./proxied-definitions.js";
import { UpstreamServer, type ChangeReason } from "./upstream-server.js";
import { checkUpstreamMiddleware, incomingTraceContext, upstreamRouter, type TraceContextSource } from "./upstream-middleware.js";
import { validateProxyConfig } from "./validate-config.js";
import type { NameCollision, ProxyStartReport, ProxyStats } from "./stats.js";

/** Options of {@link createProxy}. */
export interface ProxyOptions {
  config: ProxyConfig;
  /** Serve through this server (to mix local tools in); default: a new `McpServer`. */
  server?: McpServer;
  /** Identity of the created server (ignored when `server` is given). */
  serverInfo?: { name: string; version: string; title?: string; instructions?: string };
  /** Receives diagnostics; default writes warnings and errors to stderr. */
  logger?: ProxyLogger;
  /**
   * Middleware around every request the proxy serves (`server.use()`d in order, before the
   * proxy's routing layer, so they also see the calls refused by per-upstream middleware).
   */
  middleware?: readonly Middleware[];
  /**
   * Middleware per upstream: it sees only the requests routed to that upstream (`tools/call`,
   * `prompts/get`, `resources/read`, `completion/complete` of its names), inside `middleware`.
   * A function is asked for each upstream as it is created (also by `addUpstream`).
   */
  upstreamMiddleware?: Record<string, readonly Middleware[]> | ((server: string, config: UpstreamConfig) => readonly Middleware[] | undefined);
  /**
   * The W3C trace context each upstream request carries (`_meta.traceparent` / `tracestate`, and
   * the `traceparent` header for HTTP upstreams). Default: the caller's, passed on unchanged.
   * `@chuk-mcp/policies`' `upstreamTraceMeta` sends the proxy's own span instead. `false`: none.
   */
  traceContext?: TraceContextSource | false;
}

const defaultLogger: ProxyLogger = (level, message) => {
  if (level === "warning" || level === "error") process.stderr.write(`[chuk-mcp-proxy] ${level}: ${message}\n`);
};

interface Route {
  server: string;
  original: string;
}

/** One MCP endpoint in front of many MCP servers. */
export class McpProxy {
  /** The downstream server: serve it with `serveStdio` or `serve`, or add local tools to it. */
  readonly server: McpServer;
  readonly config: ProxyConfig;
  private readonly naming: Required<NamingOptions>;
  private readonly upstreams = new Map<string, UpstreamServer>();
  private readonly logger: ProxyLogger;
  private readonly tools: BindingSet<ToolDefinition>;
  private readonly prompts: BindingSet<PromptDefinition>;
  private readonly resources: BindingSet<ResourceDefinition>;
  private readonly templates: BindingSet<ResourceTemplateDefinition>;
  private toolRoutes = new Map<string, Route>();
  private promptRoutes = new Map<string, Route>();
  private readonly upstreamLayers = new Map<string, readonly Middleware[]>();
  private readonly upstreamMiddleware: ProxyOptions["upstreamMiddleware"];
  private collisions: NameCollision[] = [];
  private reportedCollisions = new Set<string>();
  private closed = false;
  private started = false;

  constructor(options: ProxyOptions) {
    this.config = validateProxyConfig(options.config);
    this.logger = options.logger ?? defaultLogger;
    const config = this.config;
    this.naming = {
      namespace: config.namespace ?? PROXY_DEFAULTS.namespace,
      openaiCompatible: config.openaiCompatible ?? false,
      onlyOpenaiTools: config.onlyOpenaiTools ?? false,
      keepRootAliases: config.keepRootAliases ?? false,
    };
    this.server =
      options.server ??
      new McpServer({
        name: options.serverInfo?.name ?? "chuk-mcp-proxy",
        version: options.serverInfo?.version ?? "0.1.0",
        ...(options.serverInfo?.title === undefined ? {} : { title: options.serverInfo.title }),
        ...(options.serverInfo?.instructions === undefined ? {} : { instructions: options.serverInfo.instructions }),
      });
    this.tools = new BindingSet((definition) => this.server.tool(definition));
    this.prompts = new BindingSet((definition) => this.server.prompt(definition));
    this.resources = new BindingSet((definition) => this.server.resource(definition));
    this.templates = new BindingSet((definition) => this.server.resourceTemplate(definition));
    this.upstreamMiddleware = options.upstreamMiddleware;
    for (const layer of options.middleware ?? []) this.server.use(layer);
    const traceContext = options.traceContext === false ? () => undefined : (options.traceContext ?? incomingTraceContext);
    this.server.use(upstreamRouter({ upstreamOf: (context) => this.upstreamOf(context), layersOf: (server) => this.upstreamLayers.get(server), traceContext }));
    for (const [name, upstream] of Object.entries(config.servers)) {
      if (!upstream.disabled) this.upstreams.set(name, this.createUpstream(name, upstream));
    }
  }

  /** The upstream a routed request goes to (see upstream-middleware.ts). */
  private upstreamOf(context: MiddlewareContext): string | undefined {
    const params = context.params;
    switch (context.method) {
      case "tools/call":
        return typeof params.name === "string" ? this.toolRoutes.get(params.name)?.server : undefined;
      case "prompts/get":
        return typeof params.name === "string" ? this.promptRoutes.get(params.name)?.server : undefined;
      case "resources/read":
        return this.ownerOfUri(params.uri);
      case "completion/complete": {
        const ref = params.ref as { type?: unknown; name?: unknown; uri?: unknown } | undefined;
        if (ref?.type === "ref/prompt" && typeof ref.name === "string") return this.promptRoutes.get(ref.name)?.server;
        return ref?.type === "ref/resource" ? this.ownerOfUri(ref.uri) : undefined;
      }
      default:
        return undefined;
    }
  }

  private ownerOfUri(uri: unknown): string | undefined {
    if (typeof uri !== "string") return undefined;
    const server = parseNamespacedUri(uri)?.server;
    return server !== undefined && this.upstreams.has(server) ? server : undefined;
  }

  private attachMiddleware(name: string, upstream: UpstreamConfig): void {
    const source = this.upstreamMiddleware;
    const layers = typeof source === "function" ? source(name, upstream) : source?.[name];
    if (layers === undefined) {
      this.upstreamLayers.delete(name);
      return;
    }
    checkUpstreamMiddleware(name, layers);
    this.upstreamLayers.set(name, [...layers]);
  }

  private createUpstream(name: string, upstream: UpstreamConfig): UpstreamServer {
    const config = this.config;
    this.attachMiddleware(name, upstream);
    return new UpstreamServer({
      name,
      config: upstream,
      startTimeoutMs: upstream.startTimeoutMs ?? config.startTimeoutMs ?? PROXY_DEFAULTS.startTimeoutMs,
      callTimeoutMs: upstream.callTimeoutMs ?? config.callTimeoutMs ?? PROXY_DEFAULTS.callTimeoutMs,
      ttlMs: upstream.ttlMs ?? config.ttlMs ?? PROXY_DEFAULTS.ttlMs,
      healthCheckIntervalMs: config.healthCheckIntervalMs ?? PROXY_DEFAULTS.healthCheckIntervalMs,
      reconnect: { ...PROXY_DEFAULTS.reconnect, ...config.reconnect },
      circuitBreaker: { ...PROXY_DEFAULTS.circuitBreaker, ...config.circuitBreaker, ...upstream.circuitBreaker },
      limits: { ...DEFAULT_UPSTREAM_LIMITS, ...config.limits, ...upstream.limits },
      logger: this.logger,
      clientInfo: { name: "chuk-mcp-proxy", version: "0.1.0" },
      onChange: (server, reason) => {
        // A removed or replaced upstream's late events must not touch the new one's bindings.
        if (this.upstreams.get(server.name) === server) this.handleChange(server, reason);
      },
      onResourceUpdated: (server, uri) => this.server.notifyResourceUpdated(namespaceUri(server.name, uri)),
    });
  }

  /** Names of the configured (not disabled) upstreams, in configuration order. */
  upstreamNames(): string[] {
    return [...this.upstreams.keys()];
  }

  /**
   * Adds one upstream to a running proxy (or replaces the one with this name: the old
   * connection is closed first) and starts it. Its tools, prompts and resources are
   * registered once it is ready, which announces list_changed to every session; the rest of
   * the proxy keeps serving throughout. Resolves when it is ready; rejects if it did not
   * start in time, in which case it stays configured and is retried in the background,
   * like an upstream that failed at {@link start}.
   */
  async addUpstream(name: string, upstream: UpstreamConfig): Promise<void> {
    if (this.closed) throw new ProxyError("proxy_closed", "the proxy is closed; create a new proxy to add upstreams");
    const { servers, ...shared } = this.config;
    const checked = validateProxyConfig({ ...shared, servers: { [name]: upstream } }).servers[name] as UpstreamConfig;
    const previous = this.upstreams.get(name);
    if (previous !== undefined) {
      this.upstreams.delete(name);
      this.sync(new Set());
      await previous.close();
    }
    servers[name] = checked;
    if (checked.disabled) return;
    const created = this.createUpstream(name, checked);
    this.upstreams.set(name, created);
    if (!this.started) return;
    try {
      await created.start();
    } finally {
      if (this.upstreams.get(name) === created) this.sync(new Set([name]));
    }
  }

  /**
   * Stops one upstream: its definitions are unregistered (list_changed is announced), its
   * connections closed and its child processes killed. Returns false if no upstream has this name.
   */
  async removeUpstream(name: string): Promise<boolean> {
    const upstream = this.upstreams.get(name);
    delete this.config.servers[name];
    if (upstream === undefined) return false;
    this.upstreams.delete(name);
    this.upstreamLayers.delete(name);
    this.sync(new Set());
    await upstream.close();
    return true;
  }

  /**
   * Starts every upstream in parallel, each bounded by its start timeout. Upstreams that fail
   * are reported and retried in the background; the rest serve at once.
   */
  async start(): Promise<ProxyStartReport> {
    if (this.started) throw new ProxyError("invalid_arguments", "start() was already called; create a new proxy to start again");
    this.started = true;
    const results = await Promise.allSettled([...this.upstreams.values()].map((upstream) => upstream.start()));
    const report: ProxyStartReport = { ready: [], failed: [], collisions: this.collisions };
    [...this.upstreams.keys()].forEach((name, index) => {
      const result = results[index] as PromiseSettledResult<void>;
      if (result.status === "fulfilled") report.ready.push(name);
      else {
        report.failed.push({ server: name, error: describeFailure(result.reason) });
        this.logger("error", describeFailure(result.reason));
      }
    });
    this.sync(new Set());
    report.collisions = this.collisions;
    if (this.config.strictNames && this.collisions.length > 0) {
      await this.close();
      throw new ProxyError("name_collision", `names collide: ${this.collisions.map(formatCollision).join("; ")}; rename tools per server (tools.rename) or change the naming options`);
    }
    return report;
  }

  private handleChange(upstream: UpstreamServer, reason: ChangeReason): void {
    if (this.closed) return;
    // After a restart the tool set may be different even with equal names: re-announce it.
    this.sync(reason === "ready" ? new Set([upstream.name]) : new Set());
  }

  /** Recomputes what should be registered (in configuration order, so the outcome is deterministic). */
  private sync(force: ReadonlySet<string>): void {
    const tools = new Map<string, DesiredBinding<ToolDefinition>>();
    const prompts = new Map<string, DesiredBinding<PromptDefinition>>();
    const resources = new Map<string, DesiredBinding<ResourceDefinition>>();
    const templates = new Map<string, DesiredBinding<ResourceTemplateDefinition>>();
    const routes = new Map<string, Route>();
    const promptRoutes = new Map<string, Route>();
    const collisions = new Map<string, NameCollision>();
    const claim = <T>(map: Map<string, DesiredBinding<T>>, kind: NameCollision["kind"], key: string, want: DesiredBinding<T>): boolean => {
      const holder = map.get(key);
      if (holder === undefined) {
        map.set(key, want);
        return true;
      }
      const id = `${kind}:${key}`;
      const found = collisions.get(id) ?? { kind, name: key, servers: [holder.owner], kept: holder.owner };
      found.servers.push(want.owner);
      collisions.set(id, found);
      return false;
    };
    for (const upstream of this.upstreams.values()) {
      if (upstream.state === "failed" || upstream.state === "closed") continue;
      const owner = upstream.name;
      const filter = this.config.servers[owner]?.tools;
      for (const tool of upstream.catalog.tools) {
        const exposed = filterToolName(filter, tool.name);
        if (exposed === undefined) continue;
        for (const { name } of exposedNames(this.naming, owner, exposed)) {
          const built = proxiedTool(upstream, name, tool);
          if (claim(tools, "tool", name, { owner, signature: JSON.stringify(tool), ...built })) routes.set(name, { server: owner, original: tool.name });
        }
      }
      for (const prompt of upstream.catalog.prompts) {
        for (const { name } of exposedNames(this.naming, owner, prompt.name)) {
          if (claim(prompts, "prompt", name, { owner, signature: JSON.stringify(prompt), definition: proxiedPrompt(upstream, name, prompt) })) {
            promptRoutes.set(name, { server: owner, original: prompt.name });
          }
        }
      }
      for (const resource of upstream.catalog.resources) {
        const definition = proxiedResource(upstream, resource);
        claim(resources, "resource", definition.uri, { owner, signature: JSON.stringify(resource), definition });
      }
      for (const template of upstream.catalog.templates) {
        const name = namespacedName(this.naming.namespace, owner, template.name);
        claim(templates, "resourceTemplate", name, { owner, signature: JSON.stringify(template), definition: proxiedTemplate(upstream, name, template) });
      }
    }
    const reports = [
      ["tool", this.tools.apply(tools, force)],
      ["prompt", this.prompts.apply(prompts, force)],
      ["resource", this.resources.apply(resources, force)],
      ["resourceTemplate", this.templates.apply(templates, force)],
    ] as const;
    for (const [kind, report] of reports) {
      for (const key of report.takenLocally) {
        collisions.set(`${kind}:${key}`, { kind, name: key, servers: ["(local)", this.ownerOf(kind, key, { tools, prompts, resources, templates })], kept: "(local)" });
        if (kind === "tool") routes.delete(key);
        if (kind === "prompt") promptRoutes.delete(key);
      }
      for (const rejected of report.rejected) {
        this.logger("warning", `could not register ${kind} "${rejected.key}" from upstream "${rejected.owner}": ${rejected.reason}`);
        if (kind === "tool") routes.delete(rejected.key);
        if (kind === "prompt") promptRoutes.delete(rejected.key);
      }
    }
    this.toolRoutes = routes;
    this.promptRoutes = promptRoutes;
    this.collisions = [...collisions.values()];
    for (const collision of this.collisions) {
      const id = `${collision.kind}:${collision.name}:${collision.servers.join(",")}`;
      if (this.reportedCollisions.has(id)) continue;
      this.reportedCollisions.add(id);
      this.logger("error", `name collision: ${formatCollision(collision)}`);
    }
  }

  private ownerOf(kind: NameCollision["kind"], key: string, maps: Record<string, Map<string, DesiredBinding<unknown>>>): string {
    const map = { tool: maps.tools, prompt: maps.prompts, resource: maps.resources, resourceTemplate: maps.templates }[kind];
    return map?.get(key)?.owner ?? "?";
  }

  /** Servers, tool counts and state per server, for dashboards and health endpoints. */
  getProxyStats(): ProxyStats {
    const servers: ProxyStats["servers"] = {};
    for (const upstream of this.upstreams.values()) {
      servers[upstream.name] = {
        state: upstream.state,
        transport: upstream.options.config.type,
        tools: upstream.catalog.tools.length,
        resources: upstream.catalog.resources.length,
        resourceTemplates: upstream.catalog.templates.length,
        prompts: upstream.catalog.prompts.length,
        calls: upstream.calls,
        errors: upstream.errors,
        listedAt: upstream.catalogFetchedAt === 0 ? undefined : new Date(upstream.catalogFetchedAt).toISOString(),
        replicas: upstream.replicas,
      };
    }
    return { servers, tools: this.toolRoutes.size, toolNames: [...this.toolRoutes.keys()], collisions: this.collisions };
  }

  /** Calls a proxied tool by its downstream name, outside any MCP request. */
  async callProxiedTool(name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
    const route = this.toolRoutes.get(name);
    if (route === undefined) throw unknownTool(name, [...this.toolRoutes.keys()]);
    const upstream = this.upstreams.get(route.server);
    if (upstream === undefined) throw new ProxyError("unknown_server", `upstream "${route.server}" is not configured`);
    return callUpstreamTool(upstream, route.original, args, undefined);
  }

  /** The upstream with this name (for advanced use and tests). */
  upstream(name: string): UpstreamServer | undefined {
    return this.upstreams.get(name);
  }

  /** Closes the downstream server, every upstream connection, and kills every child process. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.upstreams.values()].map((upstream) => upstream.close()));
    await this.server.close();
  }
}

function formatCollision(collision: NameCollision): string {
  return `${collision.kind} "${collision.name}" is offered by ${collision.servers.join(" and ")}; kept ${collision.kept}, skipped the rest`;
}

/** Creates a proxy; call `start()` and then serve `proxy.server`. */
export function createProxy(options: ProxyOptions): McpProxy {
  return new McpProxy(options);
}
