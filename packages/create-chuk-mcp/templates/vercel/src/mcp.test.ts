import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET, OPTIONS, POST } from "../api/mcp.js";

const METHODS: Record<string, (request: Request) => Promise<Response>> = { GET, POST, DELETE, OPTIONS };

/** A `fetch` that calls the function's method exports, as Vercel does, instead of the network. */
async function viaFunction(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const method = METHODS[request.method];
  return method === undefined ? new Response(null, { status: 405 }) : method(request);
}

const ENDPOINT = new URL("https://my-app.vercel.app/mcp");

describe("the Vercel function, driven by the official SDK client", () => {
  const client = new Client({ name: "test", version: "1.0.0" });

  beforeAll(() => client.connect(new StreamableHTTPClientTransport(ENDPOINT, { fetch: viaFunction })));
  afterAll(() => client.close());

  it("lists the tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["add", "hello"]);
  });

  it("adds two numbers", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
    expect(result.structuredContent).toEqual({ sum: 5 });
  });

  it("rejects a call with arguments of the wrong type", async () => {
    const result = await client.callTool({ name: "add", arguments: { a: "two", b: 3 } });
    expect(result.isError).toBe(true);
  });
});

describe("the Vercel function with bad input", () => {
  it("answers malformed JSON at /api/mcp with 400 and a JSON-RPC parse error", async () => {
    const response = await POST(new Request("https://my-app.vercel.app/api/mcp", { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{not json" }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(-32700);
  });

  it("answers another path with 404", async () => {
    expect((await GET(new Request("https://my-app.vercel.app/elsewhere"))).status).toBe(404);
  });
});
