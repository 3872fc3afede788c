/** A small real server for the adapter tests: a typed tool, a progress tool, a resource, a prompt. */
import { McpServer, Type } from "@chuk-mcp/core";

export const STATELESS_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "cloud-test", version: "1" },
} as const;

export function createTestServer(): McpServer {
  const server = new McpServer({ name: "cloud-test", version: "1.0.0" });
  server.tool({
    name: "add",
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    output: Type.Object({ sum: Type.Number() }),
    handler: ({ a, b }) => ({ sum: a + b }),
  });
  server.tool({
    name: "hello",
    input: Type.Object({ name: Type.String() }),
    handler: ({ name }) => `Hello, ${name}!`,
  });
  server.tool({
    name: "count",
    input: Type.Object({ steps: Type.Integer({ minimum: 1, maximum: 10 }) }),
    handler: async ({ steps }, context) => {
      for (let step = 1; step <= steps; step += 1) {
        await context.progress(step, steps);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return `counted to ${steps}`;
    },
  });
  server.resource({ uri: "test://readme", name: "readme", mimeType: "text/plain", read: () => "cloud readme" });
  server.prompt({ name: "greet", arguments: [{ name: "name", required: true }], get: ({ name }) => `Greet ${name ?? "nobody"}.` });
  return server;
}

/** A 2026-07-28 stateless JSON-RPC request body with its routing headers. */
export function statelessCall(id: number, method: string, params: Record<string, unknown> = {}, name?: string): { body: string; headers: Record<string, string> } {
  return {
    body: JSON.stringify({ jsonrpc: "2.0", id, method, params: { ...params, _meta: STATELESS_META } }),
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": method,
      ...(name === undefined ? {} : { "mcp-name": name }),
    },
  };
}

/** Parses a JSON or SSE body into the JSON-RPC messages it carries. */
export function messagesOf(body: string, contentType: string | undefined): Array<Record<string, any>> {
  if (contentType?.includes("text/event-stream")) {
    return body
      .split("\n")
      .filter((line) => line.startsWith("data:") && line.length > 5)
      .map((line) => JSON.parse(line.slice(5)) as Record<string, any>);
  }
  return body === "" ? [] : [JSON.parse(body) as Record<string, any>];
}
