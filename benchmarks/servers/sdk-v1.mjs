// Official SDK v1 (@modelcontextprotocol/sdk): McpServer + StreamableHTTPServerTransport
// in stateless mode (sessionIdGenerator undefined), one server + transport per request
// as the SDK's stateless example does. JSON responses unless BENCH_RESPONSE_MODE=sse.
import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";
import {
  SERVER_NAME, SERVER_VERSION, registerSdkFixtures,
  announceReady, exitOnSignals, hostFromEnvironment, portFromEnvironment, readBody, responseModeFromEnvironment,
} from "./shared.mjs";

const enableJsonResponse = responseModeFromEnvironment() === "json";

function buildServer() {
  const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION });
  registerSdkFixtures(server, { a: z.number(), b: z.number() });
  return server;
}

const httpServer = createServer(async (request, response) => {
  if (request.method !== "POST") {
    response.writeHead(405, { allow: "POST" }).end();
    return;
  }
  let body;
  try {
    body = JSON.parse(await readBody(request));
  } catch {
    response.writeHead(400, { "content-type": "application/json" });
    response.end('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}');
    return;
  }
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse });
  response.on("close", () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response, body);
});

exitOnSignals();
httpServer.keepAliveTimeout = 30_000;
httpServer.listen(portFromEnvironment(), hostFromEnvironment(), () => {
  const address = httpServer.address();
  announceReady(typeof address === "object" && address ? address.port : 0);
});
