import { McpServer, Type } from "@chuk-mcp/core";

/**
 * The MCP server: its tools, resources and prompts. A fresh one per call, so the platform
 * entry builds it once per instance (cold start) and tests can build their own.
 * Uses `@chuk-mcp/core` (not the `chuk-mcp` umbrella, which also carries Node transports),
 * so the same code runs on Node, Edge and Workers.
 */
export function createServer(): McpServer {
  const server = new McpServer({ name: "{{name}}", version: "0.1.0" });

  server.tool({
    name: "hello",
    description: "Say hello to someone.",
    input: Type.Object({ name: Type.Optional(Type.String({ description: "Who to greet", default: "World" })) }),
    handler: ({ name }) => `Hello, ${name ?? "World"}!`,
  });

  server.tool({
    name: "add",
    description: "Add two numbers together.",
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    output: Type.Object({ sum: Type.Number() }),
    annotations: { readOnlyHint: true, idempotentHint: true },
    handler: ({ a, b }) => ({ sum: a + b }),
  });

  server.resource({
    uri: "config://info",
    name: "server-info",
    description: "Information about this server.",
    mimeType: "application/json",
    read: () => JSON.stringify({ name: "{{name}}", version: "0.1.0", tools: ["hello", "add"] }),
  });

  server.prompt({
    name: "greet",
    description: "Ask for a friendly greeting.",
    arguments: [{ name: "name", description: "Who to greet", required: true }],
    get: ({ name }) => `Write a short, friendly greeting for ${name}.`,
  });

  return server;
}
