// Official SDK v2 (@modelcontextprotocol/server): createMcpHandler with a per-request
// server factory, mounted on node:http with toNodeHandler from @modelcontextprotocol/node.
// 2026-07-28 requests take the modern path (responseMode json | sse); 2025 requests take
// the SDK's built-in stateless legacy fallback.
import { createServer } from "node:http";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { McpServer, createMcpHandler } from "@modelcontextprotocol/server";
import { z } from "zod";
import {
  SERVER_NAME, SERVER_VERSION, registerSdkFixtures,
  announceReady, exitOnSignals, hostFromEnvironment, portFromEnvironment, responseModeFromEnvironment,
} from "./shared.mjs";

function buildServer() {
  const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION });
  registerSdkFixtures(server, z.object({ a: z.number(), b: z.number() }));
  return server;
}

const handler = createMcpHandler(() => buildServer(), { responseMode: responseModeFromEnvironment() });
const nodeHandler = toNodeHandler(handler);

const httpServer = createServer((request, response) => {
  void nodeHandler(request, response);
});

exitOnSignals();
httpServer.keepAliveTimeout = 30_000;
httpServer.listen(portFromEnvironment(), hostFromEnvironment(), () => {
  const address = httpServer.address();
  announceReady(typeof address === "object" && address ? address.port : 0);
});
