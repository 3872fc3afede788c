import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eventToRequest } from "./event-to-request.js";
import { toLambdaResult } from "./response-to-result.js";

function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../test/fixtures/${name}.json`, import.meta.url)), "utf8")) as Record<string, any>;
}

const limits = { maxBodyBytes: 1 << 20 };

describe("eventToRequest", () => {
  it("builds the URL of a REST event from Host, path and the encoded decoded-query values", () => {
    const { request, kind } = eventToRequest(fixture("api-gateway-v1"), limits);
    expect(kind).toBe("v1");
    expect(request.url).toBe("https://1234567890.execute-api.us-east-1.amazonaws.com/mcp?trace=a%20b");
    expect(request.headers.get("mcp-method")).toBe("tools/call");
  });

  it("keeps an HTTP API event's raw query string, joins its cookies and decodes its base64 body", async () => {
    const { request, kind } = eventToRequest(fixture("api-gateway-v2"), limits);
    expect(kind).toBe("v2");
    expect(request.url).toBe("https://r3pmxmplak.execute-api.us-east-2.amazonaws.com/mcp?trace=a%20b&x=1&x=2");
    expect(request.headers.get("cookie")).toBe("theme=dark; lang=en");
    expect(request.headers.get("x-custom")).toBe("one,two");
    expect(JSON.parse(await request.text()).method).toBe("initialize");
  });

  it("passes ALB query values through as sent and keeps the forwarded protocol", () => {
    const { request, kind, multiValueHeaders } = eventToRequest(fixture("alb"), limits);
    expect(kind).toBe("alb");
    expect(multiValueHeaders).toBe(false);
    expect(request.url).toBe("http://lambda-alb-123578498.us-east-2.elb.amazonaws.com/mcp?trace=a%20b");
  });

  it("keeps every value of an ALB multi-value header and query parameter, and joins several Cookie headers with '; '", () => {
    const { request, multiValueHeaders } = eventToRequest(fixture("alb-multi-value"), limits);
    expect(multiValueHeaders).toBe(true);
    expect(request.url).toContain("?trace=a%20b&x=1&x=2");
    expect(request.headers.get("x-custom")).toBe("one, two");
    expect(request.headers.get("cookie")).toBe("a=1; b=2");
  });

  it("sends no body with a GET", () => {
    const event = fixture("function-url");
    event.requestContext.http.method = "GET";
    expect(eventToRequest(event, limits).request.body).toBeNull();
  });

  it("rejects a Host header that is not a host name with invalid_event", () => {
    const event = fixture("function-url");
    event.headers.host = "bad host/../x";
    expect(() => eventToRequest(event, limits)).toThrow(/not a valid host name/);
  });
});

describe("toLambdaResult", () => {
  it("moves Set-Cookie headers into v2 cookies and keeps text bodies as strings", () => {
    const headers = new Headers({ "content-type": "application/json" });
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=2");
    const result = toLambdaResult(new Response("{}", { headers }), new TextEncoder().encode("{}"), { kind: "v2", multiValueHeaders: false });
    expect(result).toMatchObject({ statusCode: 200, cookies: ["a=1", "b=2"], body: "{}", isBase64Encoded: false });
    expect((result.headers as Record<string, string>)["set-cookie"]).toBeUndefined();
  });

  it("returns every Set-Cookie in REST multiValueHeaders", () => {
    const headers = new Headers();
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=2");
    const result = toLambdaResult(new Response("", { headers }), new Uint8Array(0), { kind: "v1", multiValueHeaders: true });
    expect((result as { multiValueHeaders?: Record<string, string[]> }).multiValueHeaders?.["set-cookie"]).toEqual(["a=1", "b=2"]);
  });

  it("base64-encodes a binary body", () => {
    const bytes = new Uint8Array([0, 255, 1, 254]);
    const result = toLambdaResult(new Response(bytes, { headers: { "content-type": "application/octet-stream" } }), bytes, { kind: "alb", multiValueHeaders: false });
    expect(result).toMatchObject({ isBase64Encoded: true, body: Buffer.from(bytes).toString("base64"), statusDescription: "200 OK" });
  });
});
