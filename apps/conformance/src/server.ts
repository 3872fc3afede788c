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
  // The cast bridges a type-only mismatch between http's `McpEngine` and core's `McpServer`
  // (session state shapes differ); see FINDINGS.md "Known issues". Remove once they agree.
  const engine = server as unknown as Parameters<typeof serve>[0];
  const listening: unknown = await serve(engine, { port: options.port, host, path });
  const handler = (listening as { handler?: Partial<StreamControl> } | undefined)?.handler;
  if (typeof handler?.closeRequestStream === "function") {
    const close = handler.closeRequestStream;
    streams.bind({ closeRequestStream: (sessionId, requestId) => close.call(handler, sessionId, requestId) });
  }
  const port = listeningPort(listening) ?? options.port;
  return {
    server,
    url: `http://${host}:${port}${path}`,
    close: async () => {
      await closeListening(listening);
      await server.close();
    },
  };
}

function listeningPort(listening: unknown): number | undefined {
  if (typeof listening !== "object" || listening === null) return undefined;
  const candidate = listening as { port?: unknown; address?: unknown };
  if (typeof candidate.port === "number") return candidate.port;
  if (typeof candidate.address === "function") {
    const address: unknown = (candidate.address as () => unknown).call(listening);
    if (typeof address === "object" && address !== null && typeof (address as { port?: unknown }).port === "number") {
      return (address as { port: number }).port;
    }
  }
  return undefined;
}

async function closeListening(listening: unknown): Promise<void> {
  if (typeof listening !== "object" || listening === null) return;
  const close = (listening as { close?: unknown }).close;
  if (typeof close !== "function") return;
  await new Promise<void>((resolve) => {
    const result: unknown = close.call(listening, () => resolve());
    if (result instanceof Promise) result.then(() => resolve(), () => resolve());
  });
}
