import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler } from "./handler.js";

type Result = { statusCode: number; headers?: Record<string, string | number | boolean>; body?: string; isBase64Encoded?: boolean; cookies?: string[] };

/** What API Gateway's HTTP API sends the function (payload format 2.0) for a request. */
async function toEvent(request: Request) {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => (headers[key] = value));
  const body = request.body === null ? undefined : await request.text();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      accountId: "123456789012",
      apiId: "local",
      domainName: url.host,
      domainPrefix: "local",
      http: { method: request.method, path: url.pathname, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: headers["user-agent"] ?? "" },
      requestId: crypto.randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    body,
    isBase64Encoded: false,
  };
}

/** A `fetch` that goes through the Lambda handler instead of the network. */
async function viaLambda(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const result = (await handler(await toEvent(new Request(input, init)))) as Result;
  const headers = new Headers();
  for (const [key, value] of Object.entries(result.headers ?? {})) headers.set(key, String(value));
  const body = result.body === undefined || result.body === "" ? null : result.isBase64Encoded ? Buffer.from(result.body, "base64") : result.body;
  return new Response(result.statusCode === 202 || result.statusCode === 204 ? null : body, { status: result.statusCode, headers });
}

const URL_OF_FUNCTION = new URL("https://abc123.execute-api.us-east-1.amazonaws.com/mcp");

describe("the Lambda handler, driven by the official SDK client", () => {
  const client = new Client({ name: "test", version: "1.0.0" });

  beforeAll(() => client.connect(new StreamableHTTPClientTransport(URL_OF_FUNCTION, { fetch: viaLambda })));
  afterAll(() => client.close());

  it("lists the tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["add", "hello"]);
  });

  it("adds two numbers", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
    expect(result.structuredContent).toEqual({ sum: 5 });
  });

  it("serves config://info", async () => {
    const { contents } = await client.readResource({ uri: "config://info" });
    expect(JSON.parse((contents[0] as { text: string }).text)).toMatchObject({ name: "{{name}}" });
  });

  it("rejects a call with arguments of the wrong type", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: "two", b: 3 } });
    expect(result.isError).toBe(true);
  });
});

describe("the Lambda handler with bad input", () => {
  it("answers malformed JSON with 400 and a JSON-RPC parse error", async () => {
    const response = await viaLambda(URL_OF_FUNCTION, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{not json" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(-32700);
  });

  it("answers another path with 404", async () => {
    const response = await viaLambda(new URL("/elsewhere", URL_OF_FUNCTION), { method: "GET" });
    expect(response.status).toBe(404);
  });
});
