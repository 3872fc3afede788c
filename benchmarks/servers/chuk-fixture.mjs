// The benchmark fixture built with chuk-mcp (shared by the HTTP and stdio servers).
import { ChukMCPServer } from "chuk-mcp";
import { Type } from "typebox";
import { RESOURCE_NAME, RESOURCE_TEXT, RESOURCE_URI, SERVER_NAME, SERVER_VERSION, TOOL_DESCRIPTION, TOOL_NAME } from "./shared.mjs";

/** @param {import("chuk-mcp").ChukMCPServerOptions} [options] */
export function buildChukServer(options = {}) {
  const server = new ChukMCPServer({ name: SERVER_NAME, version: SERVER_VERSION, ...options });
  server.tool({
    name: TOOL_NAME,
    description: TOOL_DESCRIPTION,
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    handler: async ({ a, b }) => String(a + b),
  });
  server.resource({
    uri: RESOURCE_URI,
    name: RESOURCE_NAME,
    mimeType: "text/plain",
    read: async () => RESOURCE_TEXT,
  });
  return server;
}
