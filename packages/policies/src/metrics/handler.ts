/**
 * `metricsHandler(metrics)`: the `/metrics` endpoint as a web `(Request) => Response`, so it
 * mounts in Hono (`app.get("/metrics", (c) => handler(c.req.raw))`), a Worker, or node:http
 * through any fetch adapter.
 */
import { PROMETHEUS_CONTENT_TYPE } from "./registry.js";
import type { Metrics } from "./metrics.js";

export interface MetricsHandlerOptions {
  /** Decides who may scrape; wins over the config's `bearer_token`. */
  authorize?: (request: Request) => boolean | Promise<boolean>;
}

/** Compares without an early exit, so the time taken does not tell how much of a guess was right. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < b.length; index++) difference |= (a.charCodeAt(index % Math.max(a.length, 1)) || 0) ^ b.charCodeAt(index);
  return difference === 0;
}

export function metricsHandler(metrics: Metrics, options: MetricsHandlerOptions = {}): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("Method Not Allowed: scrape /metrics with GET\n", { status: 405, headers: { allow: "GET, HEAD", "content-type": "text/plain" } });
    }
    if (!metrics.enabled) return new Response("Not Found: metrics are disabled (set metrics.enabled: true)\n", { status: 404, headers: { "content-type": "text/plain" } });
    const token = metrics.bearerToken;
    const allowed =
      options.authorize !== undefined
        ? await options.authorize(request)
        : token === undefined || sameText(request.headers.get("authorization") ?? "", `Bearer ${token}`);
    if (!allowed) {
      return new Response("Unauthorized: send Authorization: Bearer <metrics token>\n", {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain" },
      });
    }
    const body = metrics.render();
    return new Response(request.method === "HEAD" ? null : body, { status: 200, headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
  };
}
