import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import worker from "./worker.js";

/** A `fetch` that calls the Worker's fetch handler, as workerd does, instead of the network. */
const viaWorker = (input: string | URL | Request, init?: RequestInit) => worker.fetch(new Request(input, init), {});

const ENDPOINT = new URL("https://my-worker.example.workers.dev/mcp");

describe("the Worker, driven by the official SDK client", () => {
  const client = new Client({ name: "test", version: "1.0.0" });

  beforeAll(() => client.connect(new StreamableHTTPClientTransport(ENDPOINT, { fetch: viaWorker })));
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

describe("the Worker with bad input", () => {
  it("answers malformed JSON with 400 and a JSON-RPC parse error", async () => {
    const response = await viaWorker(ENDPOINT, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{not json" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(-32700);
  });

  it("answers another path with 404", async () => {
    expect((await viaWorker(new URL("/elsewhere", ENDPOINT))).status).toBe(404);
  });
});
