/**
 * `tracing()`: an OpenTelemetry span per request (kind SERVER, child of the caller's
 * `traceparent` from `_meta` or the HTTP header) and a child span per tool call, with MCP
 * semantic-convention attributes. Uses only `@opentelemetry/api`: without a registered SDK the
 * tracer is the API's no-op and spans cost next to nothing. Handlers run with the span active,
 * so their own spans nest under it when the SDK has a context manager.
 * @see https://opentelemetry.io/docs/specs/semconv/gen-ai/mcp/
 */
import { context as otelContext, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from "@opentelemetry/api";
import { ErrorCode, ProtocolError, type CallToolContext, type McpResult, type Middleware, type MiddlewareContext } from "@chuk-mcp/core";
import { extractParent } from "./traceparent.js";

export interface TracingOptions {
  /** A tracer of your own; default `trace.getTracer("@chuk-mcp/policies")` (the global provider's). */
  tracer?: Tracer;
}

const SPAN_KEY = Symbol("chuk-mcp.tracing.span");
const TOOL_SPAN_KEY = Symbol("chuk-mcp.tracing.tool-span");

/** The innermost span `tracing()` opened for this request (the tool span inside a tools/call), if any. */
export function requestSpanOf(context: MiddlewareContext): Span | undefined {
  return (context.state.get(TOOL_SPAN_KEY) ?? context.state.get(SPAN_KEY)) as Span | undefined;
}

function targetOf(context: MiddlewareContext): string | undefined {
  switch (context.method) {
    case "tools/call":
      return (context as CallToolContext).tool === undefined ? undefined : (context as CallToolContext).name;
    case "prompts/get": {
      const name = context.params.name;
      return typeof name === "string" && context.server.hasPrompt(name) ? name : undefined;
    }
    default:
      return undefined;
  }
}

function recordError(span: Span, error: unknown): void {
  const code = error instanceof ProtocolError ? error.code : ErrorCode.InternalError;
  span.setAttribute("rpc.jsonrpc.error_code", code);
  span.setAttribute("error.type", String(code));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

function recordResult(span: Span, result: McpResult | undefined): void {
  if (result === undefined) {
    span.setAttribute("error.type", "cancelled");
    return;
  }
  if (result.isError === true) {
    span.setAttribute("error.type", "tool_error");
    span.setStatus({ code: SpanStatusCode.ERROR, message: "the tool returned isError" });
  }
}

async function traced<T extends McpResult>(span: Span, run: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    const result = await otelContext.with(trace.setSpan(otelContext.active(), span), run);
    recordResult(span, result);
    return result;
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

export function tracing(options: TracingOptions = {}): Middleware {
  const tracerOf = (): Tracer => options.tracer ?? trace.getTracer("@chuk-mcp/policies");
  return {
    name: "tracing",
    onRequest(context, next) {
      const target = targetOf(context);
      const attributes: Record<string, string> = { "mcp.method.name": context.method, "mcp.protocol.version": context.protocolVersion };
      if (context.id !== undefined) attributes["jsonrpc.request.id"] = String(context.id);
      if (context.sessionId !== undefined) attributes["mcp.session.id"] = context.sessionId;
      if (target !== undefined && context.method === "tools/call") attributes["gen_ai.tool.name"] = target;
      if (target !== undefined && context.method === "prompts/get") attributes["gen_ai.prompt.name"] = target;
      const parent = extractParent(context);
      const span = tracerOf().startSpan(target === undefined ? context.method : `${context.method} ${target}`, { kind: SpanKind.SERVER, attributes }, parent);
      context.state.set(SPAN_KEY, span);
      return otelContext.with(parent, () => traced(span, next));
    },
    onCallTool(context, next) {
      if (context.tool === undefined) return next();
      // Parented explicitly: without a context manager the active context would not hold the request span.
      const requestSpan = context.state.get(SPAN_KEY) as Span | undefined;
      const parent = requestSpan === undefined ? otelContext.active() : trace.setSpan(otelContext.active(), requestSpan);
      const span = tracerOf().startSpan(
        `execute_tool ${context.name}`,
        { kind: SpanKind.INTERNAL, attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": context.name, "mcp.method.name": "tools/call" } },
        parent,
      );
      context.state.set(TOOL_SPAN_KEY, span);
      return traced(span, next);
    },
  };
}
