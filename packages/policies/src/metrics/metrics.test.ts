import { describe, expect, it, vi } from "vitest";
import { call, demoServer, ERAS } from "../../test/helpers.js";
import { rateLimit } from "../rate-limit/rate-limit.js";
import { metricsHandler } from "./handler.js";
import { createMetrics } from "./metrics.js";
import { Counter, Histogram } from "./registry.js";

describe.each(ERAS)("metrics in the %s era", (era) => {
  it("counts requests, tool outcomes, errors by code and latency per method and tool", async () => {
    let clock = 0;
    const metrics = createMetrics({ enabled: true }, { now: () => (clock += 2) }); // every call takes 2 ms
    const server = metrics.install(demoServer());
    await call(server, era, "tools/call", { name: "write" });
    await call(server, era, "tools/call", { name: "broken" });
    await call(server, era, "tools/call", { name: "no-such-tool" });
    await call(server, era, "tools/list");
    await call(server, era, "made/up/method");
    const eraLabel = era === "2026" ? "2026-07-28" : "2025-11-25-family";
    expect(metrics.requests.get({ method: "tools/call", era: eraLabel })).toBe(3);
    expect(metrics.requests.get({ method: "other", era: eraLabel })).toBe(1);
    expect(metrics.toolCalls.get({ tool: "write", outcome: "ok" })).toBe(1);
    expect(metrics.toolCalls.get({ tool: "broken", outcome: "tool_error" })).toBe(1);
    expect(metrics.toolCalls.get({ tool: "unknown", outcome: "error" })).toBe(1);
    expect(metrics.errors.get({ method: "tools/call", code: "-32602" })).toBe(1);
    expect(metrics.errors.get({ method: "other", code: "-32601" })).toBe(1);
    expect(metrics.duration.count({ method: "tools/call" })).toBe(3);
    expect(metrics.toolDuration.count({ tool: "write" })).toBe(1);
    expect(metrics.render()).toContain('mcp_tool_call_duration_seconds_bucket{tool="write",le="0.0025"} 1');
    expect(metrics.inFlight.get()).toBe(0);
  });

  it("counts rate-limit refusals by rule when installed outside the limiter", async () => {
    const metrics = createMetrics({ enabled: true });
    const server = metrics.install(demoServer()).use(rateLimit({ global: { requests: 1, window_seconds: 60 } }));
    await call(server, era, "tools/list");
    await call(server, era, "tools/list");
    await call(server, era, "tools/list");
    expect(metrics.rateLimited.get({ rule: "global" })).toBe(2);
  });
});

describe("metrics", () => {
  it("regression: a client's made-up tool names do not create label series", async () => {
    const metrics = createMetrics({ enabled: true });
    const server = metrics.install(demoServer());
    for (let index = 0; index < 50; index++) await call(server, "2025", "tools/call", { name: `random-${index}` });
    expect(metrics.render()).not.toContain("random-");
    expect(metrics.toolCalls.get({ tool: "unknown", outcome: "error" })).toBe(50);
  });

  it("reports open sessions at scrape time", async () => {
    const metrics = createMetrics({ enabled: true });
    const server = metrics.install(demoServer());
    const session = server.createSession({ send: () => undefined });
    expect(metrics.render()).toContain("mcp_sessions 1");
    session.close();
    expect(metrics.render()).toContain("mcp_sessions 0");
  });

  it("is off by default: install() adds no middleware and /metrics answers 404", async () => {
    const metrics = createMetrics({});
    const server = demoServer();
    const use = vi.spyOn(server, "use");
    expect(metrics.install(server)).toBe(server);
    expect(use).not.toHaveBeenCalled();
    const response = await metricsHandler(metrics)(new Request("http://x/metrics"));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/enabled: true/);
  });

  it("guards /metrics with its own bearer token, and refuses other methods", async () => {
    const metrics = createMetrics({ enabled: true, bearer_token: "s3cret" });
    const scrape = metricsHandler(metrics);
    expect((await scrape(new Request("http://x/metrics"))).status).toBe(401);
    expect((await scrape(new Request("http://x/metrics", { headers: { authorization: "Bearer wrong!" } }))).status).toBe(401);
    expect((await scrape(new Request("http://x/metrics", { headers: { authorization: "Bearer s3cret" } }))).status).toBe(200);
    expect((await scrape(new Request("http://x/metrics", { method: "POST" }))).status).toBe(405);
    const custom = metricsHandler(metrics, { authorize: (request) => request.headers.get("x-scraper") === "yes" });
    expect((await custom(new Request("http://x/metrics", { headers: { "x-scraper": "yes" } }))).status).toBe(200);
  });

  it("rejects a path that does not start with /", () => {
    expect(() => createMetrics({ enabled: true, path: "metrics" })).toThrow(/must start with "\/"/);
  });

  it("renders the text format: escaped labels, cumulative buckets, +Inf, sum and count", () => {
    const counter = new Counter("x_total", "Help with \\ and\nnewline.", ["label"]);
    counter.inc({ label: 'a"b\\c\nd' }, 2);
    expect(counter.render()).toBe('# HELP x_total Help with \\\\ and\\nnewline.\n# TYPE x_total counter\nx_total{label="a\\"b\\\\c\\nd"} 2\n');
    const histogram = new Histogram("h_seconds", "H.", [], [0.1, 1]);
    histogram.observe(0.05);
    histogram.observe(0.5);
    histogram.observe(5);
    expect(histogram.render()).toBe(
      '# HELP h_seconds H.\n# TYPE h_seconds histogram\nh_seconds_bucket{le="0.1"} 1\nh_seconds_bucket{le="1"} 2\nh_seconds_bucket{le="+Inf"} 3\nh_seconds_sum 5.55\nh_seconds_count 3\n',
    );
    expect(() => new Counter("bad name", "x", [])).toThrow(/not a valid metric name/);
  });

  it("reports upstream health and circuit state read at scrape time, dropping upstreams that went away", () => {
    const metrics = createMetrics({ enabled: true });
    let servers: Record<string, { state: string; replicas: { index: number; state: string; circuit: string }[] }> = {
      fs: { state: "ready", replicas: [{ index: 0, state: "ready", circuit: "closed" }, { index: 1, state: "reconnecting", circuit: "half-open" }] },
      web: { state: "reconnecting", replicas: [{ index: 0, state: "ready", circuit: "open" }] },
    };
    metrics.trackUpstreams(() => servers);
    let text = metrics.render();
    expect(text).toContain('mcp_upstream_up{server="fs"} 1\nmcp_upstream_up{server="web"} 0\n');
    expect(text).toContain('mcp_upstream_replicas_ready{server="fs"} 1\n');
    expect(text).toContain('mcp_upstream_circuit_state{server="fs",replica="0"} 0\nmcp_upstream_circuit_state{server="fs",replica="1"} 1\nmcp_upstream_circuit_state{server="web",replica="0"} 2\n');
    servers = { fs: { state: "ready", replicas: [{ index: 0, state: "ready", circuit: "closed" }] } };
    text = metrics.render();
    expect(text).not.toContain('server="web"');
    metrics.trackUpstreams(() => {
      throw new Error("proxy closed");
    });
    expect(metrics.render()).toContain("# TYPE mcp_upstream_up gauge\n# HELP mcp_upstream_replicas_ready");
  });
});
