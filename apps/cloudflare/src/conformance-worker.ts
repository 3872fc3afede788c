/**
 * The official conformance suite's fixtures served from workerd, so `pnpm conformance` checks
 * the Workers adapter end to end (wrangler.conformance.toml). The fixtures are
 * apps/conformance's runtime-neutral `registerFixtures`; this runs only locally, so the Host
 * check is the loopback one `serve()` applies on 127.0.0.1. The `./fixtures` subpath holds only
 * runtime-neutral fixtures (the package root also exports the Node server).
 */
import { McpServer } from "@chuk-mcp/core";
import { LOOPBACK_HOSTS } from "@chuk-mcp/http";
import { cloudflareHandler } from "@chuk-mcp/cloud";
import { registerFixtures } from "@chuk-mcp/app-conformance/fixtures";

function createConformanceServer(): McpServer {
  const server = new McpServer({
    name: "chuk-mcp-conformance",
    version: "0.1.0",
    title: "chuk-mcp conformance fixtures",
    description: "Every tool, resource and prompt the official MCP conformance suite calls",
    cache: { ttlMs: 0, scope: "public" },
  });
  registerFixtures(server);
  return server;
}

export default cloudflareHandler(() => createConformanceServer(), { http: { allowedHosts: [...LOOPBACK_HOSTS] } });
