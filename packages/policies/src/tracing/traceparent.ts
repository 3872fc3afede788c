/**
 * W3C Trace Context: reading `traceparent` / `tracestate` from HTTP headers or from a request's
 * `params._meta` (how MCP carries them on stdio and through proxies), and writing the current
 * span's into a `_meta` for an upstream request. Parsed here rather than through the global
 * propagator so it works whether or not the application registered one.
 * @see https://www.w3.org/TR/trace-context/#traceparent-header
 */
import { context as otelContext, createTraceState, trace, TraceFlags, type Context, type SpanContext } from "@opentelemetry/api";
import type { MiddlewareContext } from "@chuk-mcp/core";

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** The remote span context a `traceparent` names, or undefined when it is malformed or all zeros. */
export function parseTraceparent(traceparent: string | undefined, tracestate?: string): SpanContext | undefined {
  if (typeof traceparent !== "string") return undefined;
  const match = TRACEPARENT.exec(traceparent.trim());
  if (match === null) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  const spanContext: SpanContext = { traceId, spanId, traceFlags: parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true };
  if (typeof tracestate === "string" && tracestate !== "") spanContext.traceState = createTraceState(tracestate);
  return spanContext;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The parent context of a request: `_meta.traceparent` first (it travelled with the message), else the HTTP header. */
export function extractParent(context: MiddlewareContext): Context {
  const meta = context.params._meta;
  let parent: SpanContext | undefined;
  if (isRecord(meta) && typeof meta.traceparent === "string") {
    parent = parseTraceparent(meta.traceparent, typeof meta.tracestate === "string" ? meta.tracestate : undefined);
  }
  parent ??= parseTraceparent(context.headers.traceparent, context.headers.tracestate);
  const active = otelContext.active();
  return parent === undefined ? active : trace.setSpanContext(active, parent);
}

/**
 * `_meta` entries that carry the active span to an upstream server (`traceparent`, and
 * `tracestate` when set); `{}` when no span is recording. For proxies: spread into the
 * upstream request's `_meta`.
 */
export function traceContextMeta(from: Context = otelContext.active()): Record<string, string> {
  const spanContext = trace.getSpanContext(from);
  if (spanContext === undefined || !trace.isSpanContextValid(spanContext)) return {};
  const flags = (spanContext.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, "0");
  const meta: Record<string, string> = { traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-${flags}` };
  const state = spanContext.traceState?.serialize();
  if (state !== undefined && state !== "") meta.tracestate = state;
  return meta;
}

