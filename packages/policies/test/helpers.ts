import { McpServer, Type, type HandleOptions } from "@chuk-mcp/core";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Reply = { jsonrpc: "2.0"; id: string | number | null; result?: any; error?: { code: number; message: string; data?: any } };

export const STATELESS_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
};

/** The two eras every policy is tested in: how to send one request in each. */
export const ERAS = ["2025", "2026"] as const;
export type Era = (typeof ERAS)[number];

let nextId = 1;

export async function call(server: McpServer, era: Era, method: string, params: Record<string, unknown> = {}, options?: HandleOptions): Promise<Reply> {
  const withMeta = era === "2026" ? { ...params, _meta: { ...STATELESS_META, ...(params._meta as object | undefined) } } : params;
  return (await server.handle({ jsonrpc: "2.0", id: nextId++, method, params: withMeta }, options)) as Reply;
}

/** A server with a read-only `echo`, a plain `write`, a failing tool and a resource. */
export function demoServer(): McpServer {
  const server = new McpServer({ name: "policy-test", version: "1.0.0" });
  let writes = 0;
  server.tool({
    name: "echo",
    annotations: { readOnlyHint: true },
    input: Type.Object({ text: Type.String() }),
    handler: async ({ text }) => `echo ${text} #${++writes}`,
  });
  server.tool({ name: "write", handler: () => `wrote #${++writes}` });
  server.tool({ name: "broken", annotations: { readOnlyHint: true }, handler: () => { throw new Error("disk on fire"); } });
  server.tool({ name: "github.search", handler: () => "found" });
  server.tool({ name: "github.issues", handler: () => "issues" });
  server.resource({ uri: "test://doc", name: "doc", read: () => `doc #${++writes}` });
  return server;
}
