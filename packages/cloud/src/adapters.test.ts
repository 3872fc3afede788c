import { HttpRequest } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { createTestServer, statelessCall } from "../test/server.js";
import { azureHandler } from "./azure.js";
import { getCloudHandler } from "./cloud-handler.js";
import { cloudflareHandler } from "./cloudflare.js";
import { netlifyHandler } from "./netlify.js";
import { vercelHandler } from "./vercel.js";

const call = statelessCall(1, "tools/call", { name: "hello", arguments: { name: "Ada" } }, "hello");
const request = (url: string) => new Request(url, { method: "POST", headers: call.headers, body: call.body });

async function helloText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  return (await response.json()).result.content[0].text as string;
}

describe("fetch-style adapters", () => {
  it("vercelHandler serves /mcp and /api/mcp, and basePath is prefixed once (mcp-handler #142)", async () => {
    const { POST } = vercelHandler(createTestServer());
    expect(await helloText(await POST(request("https://app.vercel.app/mcp")))).toBe("Hello, Ada!");
    expect(await helloText(await POST(request("https://app.vercel.app/api/mcp")))).toBe("Hello, Ada!");
    const based = vercelHandler(createTestServer(), { basePath: "/tenant/", path: "mcp" });
    expect(await helloText(await based.POST(request("https://app.vercel.app/tenant/mcp")))).toBe("Hello, Ada!");
    expect((await based.POST(request("https://app.vercel.app/tenant/tenant/mcp"))).status).toBe(404);
  });

  it("netlifyHandler answers the request it is given", async () => {
    expect(await helloText(await netlifyHandler(createTestServer())(request("https://site.netlify.app/mcp")))).toBe("Hello, Ada!");
  });

  it("cloudflareHandler builds the server from env once, on the first request", async () => {
    let builds = 0;
    const worker = cloudflareHandler((env: { GREETING: string }) => {
      builds += 1;
      expect(env.GREETING).toBe("hi");
      return createTestServer();
    });
    expect(await helloText(await worker.fetch(request("https://w.workers.dev/mcp"), { GREETING: "hi" }))).toBe("Hello, Ada!");
    expect(await helloText(await worker.fetch(request("https://w.workers.dev/mcp"), { GREETING: "hi" }))).toBe("Hello, Ada!");
    expect(builds).toBe(1);
  });

  it("cloudflareHandler answers 500 (not a thrown exception) when the factory throws", async () => {
    const worker = cloudflareHandler(() => {
      throw new Error("missing secret");
    }, { onError: () => undefined });
    expect((await worker.fetch(request("https://w.workers.dev/mcp"), {})).status).toBe(500);
  });
});

describe("azureHandler with @azure/functions' HttpRequest", () => {
  it("translates an HTTP trigger request at /api/mcp and returns status, headers and a stream body", async () => {
    const handler = azureHandler(createTestServer());
    const azureRequest = new HttpRequest({ method: "POST", url: "https://fn.azurewebsites.net/api/mcp", headers: call.headers, body: { string: call.body } });
    const init = await handler(azureRequest);
    expect(init.status).toBe(200);
    expect(init.headers["content-type"]).toBe("application/json");
    const text = await new Response(init.body).text();
    expect(JSON.parse(text).result.content[0].text).toBe("Hello, Ada!");
  });
});

describe("getCloudHandler", () => {
  it("picks the adapter for the detected platform", () => {
    expect(getCloudHandler(createTestServer(), { env: { AWS_LAMBDA_FUNCTION_NAME: "f" } }).provider).toBe("aws-lambda");
    expect(getCloudHandler(createTestServer(), { env: { VERCEL: "1" } }).provider).toBe("vercel");
    expect(getCloudHandler(createTestServer(), { env: { K_SERVICE: "s" } }).provider).toBe("gcp");
    expect(getCloudHandler(createTestServer(), { env: { FUNCTIONS_WORKER_RUNTIME: "node" } }).provider).toBe("azure");
    expect(getCloudHandler(createTestServer(), { env: {} }).provider).toBe("local");
  });

  it("gives a plain fetch handler where no platform is detected", async () => {
    const cloud = getCloudHandler(createTestServer(), { env: {} });
    if (cloud.provider !== "local") throw new Error("expected local");
    expect(await helloText(await cloud.handler.fetch(request("http://localhost/mcp")))).toBe("Hello, Ada!");
  });
});
