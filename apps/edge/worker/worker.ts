/**
 * The worker under test: an `McpServer` with a TypeBox tool, a resource and a prompt, served by
 * the runtime-neutral `createMcpHandler(server).fetch`. The test bundles this file for the
 * browser platform (no Node built-ins) and evaluates it inside `@edge-runtime/vm`.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import { McpServer } from "@chuk-mcp/core";
import { createMcpHandler } from "@chuk-mcp/http";
import { Type } from "typebox";
import { Compile } from "typebox/compile";

const server = new McpServer({ name: "edge-worker", version: "1.0.0" });

server.tool({
  name: "add",
  description: "Adds two numbers",
  input: Type.Object({ a: Type.Number(), b: Type.Number() }),
  output: Type.Object({ sum: Type.Number() }),
  handler: async ({ a, b }) => ({ sum: a + b }),
});

server.resource({
  uri: "edge://greeting",
  name: "greeting",
  mimeType: "text/plain",
  read: async () => "hello from the edge",
});

server.prompt({
  name: "greet",
  description: "Greets someone by name",
  arguments: [{ name: "name", required: true }],
  get: async ({ name }) => `Say hello to ${name ?? "nobody"}.`,
});

const handler = createMcpHandler(server);

/** The Workers-style entry point: `{ fetch(Request): Promise<Response> }`. */
export const fetch = handler.fetch;
/** Graceful shutdown, so the test can end the worker's timers. */
export const close = handler.close;

/**
 * Whether TypeBox compiled validators to JavaScript here (`new Function`) or fell back to its
 * interpreter because the runtime forbids code generation, as edge runtimes do.
 */
export function typeboxAccelerated(): boolean {
  return Compile(Type.Object({ a: Type.Number() })).IsAccelerated();
}
