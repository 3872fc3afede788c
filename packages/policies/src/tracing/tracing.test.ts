import { afterEach, describe, expect, it } from "vitest";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createMcpHandler } from "@chuk-mcp/http";
import { call, demoServer, ERAS, STATELESS_META } from "../../test/helpers.js";
import { rateLimit } from "../rate-limit/rate-limit.js";
import { parseTraceparent, traceContextMeta } from "./traceparent.js";
import { tracing } from "./tracing.js";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_SPAN = "00f067aa0ba902b7";
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN}-01`;

function sdk() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider, tracer: provider.getTracer("test") };
}

afterEach(() => {
  trace.disable();
});

describe.each(ERAS)("tracing() in the %s era", (era) => {
  it("makes a SERVER span per request and a child span per tool call, continuing the _meta traceparent", async () => {
    const { exporter, tracer } = sdk();
    const server = demoServer().use(tracing({ tracer }));
    await call(server, era, "tools/call", { name: "write", _meta: { traceparent: TRACEPARENT, tracestate: "vendor=1" } });
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === "tools/call write");
    const tool = spans.find((span) => span.name === "execute_tool write");
    expect(request?.kind).toBe(SpanKind.SERVER);
    expect(request?.spanContext().traceId).toBe(TRACE_ID);
    expect(request?.parentSpanContext?.spanId).toBe(PARENT_SPAN);
    expect(request?.attributes).toMatchObject({ "mcp.method.name": "tools/call", "gen_ai.tool.name": "write" });
    expect(typeof request?.attributes["jsonrpc.request.id"]).toBe("string");
    expect(tool?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(tool?.spanContext().traceId).toBe(TRACE_ID);
    expect(tool?.attributes["gen_ai.operation.name"]).toBe("execute_tool");
  });

  it("marks tool errors and protocol errors on the spans", async () => {
    const { exporter, tracer } = sdk();
    const server = demoServer().use(tracing({ tracer })).use(rateLimit({ tools: { write: { requests: 1, window_seconds: 60 } } }));
    await call(server, era, "tools/call", { name: "broken" });
    await call(server, era, "tools/call", { name: "write" });
    await call(server, era, "tools/call", { name: "write" });
    const requests = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER);
    expect(requests.map((span) => [span.name, span.status.code, span.attributes["error.type"]])).toEqual([
      ["tools/call broken", SpanStatusCode.ERROR, "tool_error"],
      ["tools/call write", SpanStatusCode.UNSET, undefined],
      ["tools/call write", SpanStatusCode.ERROR, "-32005"],
    ]);
    expect(requests[2]?.attributes["rpc.jsonrpc.error_code"]).toBe(-32005);
  });
});

describe("tracing()", () => {
  it("reads traceparent from the HTTP header over the fetch handler", async () => {
    const { exporter, tracer } = sdk();
    const handler = createMcpHandler(demoServer().use(tracing({ tracer })));
    const response = await handler.fetch(
      new Request("http://127.0.0.1/mcp", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          host: "127.0.0.1",
          "mcp-protocol-version": "2026-07-28",
          "mcp-method": "tools/list",
          traceparent: TRACEPARENT,
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: STATELESS_META } }),
      }),
    );
    expect(response.status).toBe(200);
    await response.text();
    await handler.close();
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe("tools/list");
    expect(span?.spanContext().traceId).toBe(TRACE_ID);
    expect(span?.parentSpanContext?.spanId).toBe(PARENT_SPAN);
  });

  it("uses the global tracer provider when the application registered one", async () => {
    const { exporter, provider } = sdk();
    trace.setGlobalTracerProvider(provider);
    await call(demoServer().use(tracing()), "2025", "tools/list");
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["tools/list"]);
  });

  it("is a harmless no-op without an SDK", async () => {
    const reply = await call(demoServer().use(tracing()), "2026", "tools/call", { name: "write", _meta: { traceparent: TRACEPARENT } });
    expect(reply.result?.content[0].text).toMatch(/^wrote/);
  });

  it("starts a new trace for a malformed traceparent", async () => {
    const { exporter, tracer } = sdk();
    await call(demoServer().use(tracing({ tracer })), "2025", "tools/list", { _meta: { traceparent: "00-zz-zz-01" } });
    const [span] = exporter.getFinishedSpans();
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.spanContext().traceId).not.toBe(TRACE_ID);
  });
});

describe("traceparent", () => {
  it("parses valid W3C traceparents and refuses malformed or all-zero ones", () => {
    expect(parseTraceparent(TRACEPARENT)).toMatchObject({ traceId: TRACE_ID, spanId: PARENT_SPAN, traceFlags: 1, isRemote: true });
    expect(parseTraceparent(`00-${TRACE_ID}-${PARENT_SPAN}-00`)?.traceFlags).toBe(0);
    expect(parseTraceparent(`01-${TRACE_ID}-${PARENT_SPAN}-01-future`)).toBeDefined();
    for (const bad of [undefined, "", "00-abc", `00-${"0".repeat(32)}-${PARENT_SPAN}-01`, `00-${TRACE_ID}-${"0".repeat(16)}-01`, `ff-${TRACE_ID}-${PARENT_SPAN}-01`, `00-${TRACE_ID}-${PARENT_SPAN}-01-extra`, `00-${TRACE_ID.toUpperCase()}-${PARENT_SPAN}-01`]) {
      expect(parseTraceparent(bad)).toBeUndefined();
    }
  });

  it("writes the active span as _meta for an upstream request", () => {
    const { tracer } = sdk();
    const span = tracer.startSpan("proxy");
    const meta = traceContextMeta(trace.setSpan(ROOT_CONTEXT, span));
    expect(meta.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    expect(traceContextMeta(ROOT_CONTEXT)).toEqual({});
    span.end();
  });
});
