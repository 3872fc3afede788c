/**
 * Builds the conformance server and serves it over Streamable HTTP.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import { McpServer } from "@chuk-mcp/core";
import { serve } from "@chuk-mcp/http/node";
import { registerFixtures } from "./fixtures.js";
import type { FixtureHost } from "./host.js";
import { LateStreamControl, type StreamControl } from "./http-fixtures.js";

export const SERVER_NAME = "chuk-mcp-conformance";
export const SERVER_VERSION = "0.1.0";

/**
 * A fresh `McpServer` carrying every conformance fixture. `streams` lets `test_reconnection`
 * close its POST stream; `startConformanceServer` binds it to the HTTP handler.
 */
export function createConformanceServer(streams?: StreamControl): McpServer {
  const server = new McpServer({
    name: SERVER_NAME,
    version: SERVER_VERSION,
    title: "chuk-mcp conformance fixtures",
    description: "Every tool, resource and prompt the official MCP conformance suite calls",
    // Fixture lists and reads hold no per-user data, so shared caches may keep them.
    cache: { ttlMs: 0, scope: "public" },
  });
  const host: FixtureHost = server;
  registerFixtures(host, streams === undefined ? {} : { streams });
  return server;
}

export interface StartOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to bind; loopback by default (the DNS-rebinding scenario expects a localhost server). */
  host?: string;
  /** MCP endpoint path, `/mcp` by default. */
  path?: string;
}

/** Starts the conformance server; resolves once it is listening. */
export async function startConformanceServer(options: StartOptions): Promise<{ server: McpServer; url: string; close: () => Promise<void> }> {
  const host = options.host ?? "127.0.0.1";
  const path = options.path ?? "/mcp";
  const streams = new LateStreamControl();
  const server = createConformanceServer(streams);
  const running = await serve(server, { port: options.port, host, path });
  streams.bind({ closeRequestStream: (sessionId, requestId) => running.handler.closeRequestStream(sessionId, requestId) });
  return {
    server,
    url: `http://${host}:${running.port}${path}`,
    close: async () => {
      await running.close();
      await server.close();
    },
  };
}
