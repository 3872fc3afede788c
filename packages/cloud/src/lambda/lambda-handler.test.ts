import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, ALBResult } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { createTestServer, messagesOf } from "../../test/server.js";
import { lambdaHandler } from "./lambda-handler.js";

function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../test/fixtures/${name}.json`, import.meta.url)), "utf8")) as Record<string, any>;
}

const handler = lambdaHandler(createTestServer());

function bodyMessages(result: { body?: string; isBase64Encoded?: boolean; headers?: Record<string, unknown> }, contentType?: string) {
  const text = result.isBase64Encoded === true ? Buffer.from(result.body ?? "", "base64").toString() : (result.body ?? "");
  return messagesOf(text, contentType);
}

describe("lambdaHandler with recorded event payloads", () => {
  it("answers an API Gateway REST (payload 1.0) event with multiValueHeaders", async () => {
    const result = (await handler(fixture("api-gateway-v1"))) as APIGatewayProxyResult;
    expect(result.statusCode).toBe(200);
    expect(result.multiValueHeaders?.["content-type"]).toEqual(["application/json"]);
    expect(result.isBase64Encoded).toBe(false);
    expect(bodyMessages(result)[0]?.result.structuredContent).toEqual({ sum: 5 });
  });

  it("answers an HTTP API (payload 2.0) event with a base64 body and cookies, issuing no session on serverless", async () => {
    const result = (await handler(fixture("api-gateway-v2"))) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    expect(result.headers?.["mcp-session-id"]).toBeUndefined();
    const [reply] = bodyMessages(result);
    expect(reply?.result.protocolVersion).toBe("2025-11-25");
    expect(reply?.result.serverInfo.name).toBe("cloud-test");
  });

  it("answers a Function URL event", async () => {
    const result = (await handler(fixture("function-url"))) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    const names = bodyMessages(result)[0]?.result.tools.map((tool: { name: string }) => tool.name);
    expect(names).toEqual(["add", "hello", "count"]);
  });

  it("answers an ALB event in single-value form with headers and a status description", async () => {
    const result = (await handler(fixture("alb"))) as ALBResult;
    expect(result.statusCode).toBe(200);
    expect(result.statusDescription).toBe("200 OK");
    expect(result.headers?.["content-type"]).toBe("application/json");
    expect(result.multiValueHeaders).toBeUndefined();
    expect(bodyMessages(result)[0]?.result.content[0].text).toBe("Hello, Ada!");
  });

  it("answers an ALB event in multi-value form (base64 body) with multiValueHeaders", async () => {
    const result = (await handler(fixture("alb-multi-value"))) as ALBResult;
    expect(result.statusCode).toBe(200);
    expect(result.headers).toBeUndefined();
    expect(result.multiValueHeaders?.["content-type"]).toEqual(["application/json"]);
    expect(bodyMessages(result)[0]?.result.content[0].text).toBe("Hello, Ada!");
  });

  it("streams progress into a buffered SSE body that ends with the result", async () => {
    const event = fixture("function-url");
    event.headers["mcp-method"] = "tools/call";
    event.headers["mcp-name"] = "count";
    const body = JSON.parse(event.body as string);
    body.method = "tools/call";
    body.params = { ...body.params, name: "count", arguments: { steps: 3 }, _meta: { ...body.params._meta, progressToken: "p1" } };
    event.body = JSON.stringify(body);
    const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
    expect(result.headers?.["content-type"]).toContain("text/event-stream");
    const messages = bodyMessages(result, "text/event-stream");
    expect(messages.filter((message) => message.method === "notifications/progress").map((message) => message.params.progress)).toEqual([1, 2, 3]);
    expect(messages.at(-1)?.result.content[0].text).toBe("counted to 3");
  });
});

describe("lambdaHandler with bad input", () => {
  it.each([
    ["null", null],
    ["a string", "POST /mcp"],
    ["an empty object", {}],
    ["an SQS event", { Records: [{ eventSource: "aws:sqs", body: "{}" }] }],
    ["a v2 event without requestContext.http", { version: "2.0", rawPath: "/mcp", requestContext: {} }],
  ])("answers %s with 400 and JSON-RPC -32600 naming the expected event types", async (_label, event) => {
    const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(400);
    const reply = JSON.parse(result.body ?? "");
    expect(reply).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600, data: { code: "invalid_event" } } });
    expect(reply.error.message).toContain("not an HTTP event");
  });

  it("answers a body that claims base64 but is not with 400 invalid_base64_body", async () => {
    const event = fixture("api-gateway-v2");
    event.body = "this is %% not base64!";
    const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? "").error.data.code).toBe("invalid_base64_body");
  });

  it("answers an oversize body with 413 before decoding it", async () => {
    const small = lambdaHandler(createTestServer(), { maxBodyBytes: 1024 });
    const event = fixture("api-gateway-v1");
    event.body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "hello", arguments: { name: "x".repeat(5000) } } });
    const result = (await small(event)) as APIGatewayProxyResult;
    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body).error.data.code).toBe("body_too_large");
    expect(result.multiValueHeaders?.["content-type"]).toEqual(["application/json"]);
  });

  it("answers a non-string body with 400", async () => {
    const event = fixture("api-gateway-v1");
    event.body = { not: "a string" };
    const result = (await handler(event)) as APIGatewayProxyResult;
    expect(result.statusCode).toBe(400);
  });

  it("answers malformed JSON in a valid event with the transport's 400 and -32700", async () => {
    const event = fixture("function-url");
    event.body = "{not json";
    const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? "").error.code).toBe(-32700);
  });

  it("answers a path other than the endpoint with 404 naming the served path", async () => {
    const event = fixture("function-url");
    event.rawPath = "/other";
    const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? "").error.message).toContain("/mcp");
  });

  it("serves the endpoint under an API Gateway stage prefix when basePath names it", async () => {
    const staged = lambdaHandler(createTestServer(), { basePath: "/prod" });
    const event = fixture("function-url");
    event.rawPath = "/prod/mcp";
    expect(((await staged(event)) as APIGatewayProxyStructuredResultV2).statusCode).toBe(200);
  });

  it("answers 500 with -32603 and reports the error when the handler throws, instead of failing the invocation", async () => {
    const onError = vi.fn();
    const broken = lambdaHandler({ fetch: () => Promise.reject(new Error("boom")) }, { onError });
    const result = (await broken(fixture("function-url"))) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body ?? "").error.code).toBe(-32603);
    expect(onError).toHaveBeenCalledOnce();
  });

  it("answers 500 when the handler promise given at cold start rejects", async () => {
    const failing = lambdaHandler(Promise.reject(new Error("no redis")), { onError: () => undefined });
    const result = (await failing(fixture("function-url"))) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(500);
  });

  it("cuts a long-lived answer shortly before the invocation deadline and returns what it has", async () => {
    const endless = lambdaHandler({
      fetch: async () =>
        new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode(": open\n\n")) }), {
          headers: { "content-type": "text/event-stream" },
        }),
    });
    const result = (await endless(fixture("function-url"), { getRemainingTimeInMillis: () => 1_100 })) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe(": open\n\n");
  });
});
