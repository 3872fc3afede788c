import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServer, messagesOf, statelessCall } from "../test/server.js";
import { gcfHandler } from "./gcf.js";

// The real Functions Framework: it registers the function, parses the body into rawBody and
// serves it through Express, exactly as Cloud Functions does.
let server: Server;
let url: string;

beforeAll(async () => {
  const framework = await import("@google-cloud/functions-framework");
  const testing = await import("@google-cloud/functions-framework/testing");
  framework.http("mcp", gcfHandler(createTestServer()) as never);
  const app = testing.getTestServer("mcp") as unknown as Server;
  server = createServer((request, response) => app.emit("request", request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/mcp`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("gcfHandler under the Functions Framework", () => {
  it("answers a 2026-07-28 tools/call", async () => {
    const call = statelessCall(1, "tools/call", { name: "add", arguments: { a: 4, b: 5 } }, "add");
    const response = await fetch(url, { method: "POST", headers: call.headers, body: call.body });
    expect(response.status).toBe(200);
    expect((await response.json()).result.structuredContent).toEqual({ sum: 9 });
  });

  it("streams progress as SSE", async () => {
    const call = statelessCall(2, "tools/call", { name: "count", arguments: { steps: 2 }, _meta: { progressToken: 1 } }, "count");
    const body = JSON.parse(call.body);
    body.params._meta = { ...body.params._meta, progressToken: 1 };
    const response = await fetch(url, { method: "POST", headers: call.headers, body: JSON.stringify(body) });
    const messages = messagesOf(await response.text(), response.headers.get("content-type") ?? undefined);
    expect(messages.filter((message) => message.method === "notifications/progress")).toHaveLength(2);
    expect(messages.at(-1)?.result.content[0].text).toBe("counted to 2");
  });

  it("answers malformed JSON with 400 and -32700", async () => {
    const call = statelessCall(3, "tools/list");
    const response = await fetch(url, { method: "POST", headers: call.headers, body: "{nope" });
    expect(response.status).toBe(400);
  });
});
