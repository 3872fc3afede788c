/**
 * `upstreamTraceMeta(context)`: what a proxy sends upstream so the upstream joins this trace.
 * @see https://www.w3.org/TR/trace-context/#traceparent-header
 */
import { context as otelContext, trace } from "@opentelemetry/api";
import type { MiddlewareContext } from "@chuk-mcp/core";
import { extractParent, traceContextMeta } from "./traceparent.js";
import { requestSpanOf } from "./tracing.js";

/**
 * The `_meta` entries (`traceparent`, `tracestate`) for an upstream request made while serving
 * `context`: the span `tracing()` opened for it (the `execute_tool` span of a tools/call) so the
 * upstream's spans nest under the proxy's, else the active span, else the caller's own
 * `traceparent` passed on; `{}` when there is none. Pass it as `@chuk-mcp/proxy`'s `traceContext`.
 */
export function upstreamTraceMeta(context: MiddlewareContext): Record<string, string> {
  const span = requestSpanOf(context);
  if (span !== undefined) return traceContextMeta(trace.setSpan(otelContext.active(), span));
  const active = traceContextMeta();
  if (active.traceparent !== undefined) return active;
  return traceContextMeta(extractParent(context));
}
