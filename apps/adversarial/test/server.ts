/** The server every adversarial test attacks: a few of each kind of definition. */
import { McpServer, Type } from "@chuk-mcp/core";

export const STATELESS_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
};

export function buildServer(): McpServer {
  const server = new McpServer({ name: "adversarial", version: "1.0.0" });
  server.tool({ name: "echo", input: Type.Object({ text: Type.String() }), handler: (args) => args.text });
  server.tool({ name: "fails", handler: () => { throw new Error("always fails"); } });
  server.tool({ name: "scoped", auth: { scopes: ["admin"] }, handler: () => "secret" });
  server.resource({ uri: "test://static", name: "static", read: () => "static text" });
  server.resourceTemplate({ uriTemplate: "test://item/{id}", name: "item", complete: { id: () => ["1"] }, read: (_uri, variables) => `item ${variables.id}` });
  server.prompt({ name: "greet", arguments: [{ name: "who", required: true }], complete: { who: () => ["Ada"] }, get: (args) => `hello ${args.who}` });
  return server;
}

/** Reads a response body, giving up on a stream that stays open (GET streams) after `ms`. */
export async function readBody(response: Response, ms = 200): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = await Promise.race([
      reader.read(),
      new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), remaining))),
    ]);
    clearTimeout(timer);
    if (next === "timeout" || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

/** The JSON-RPC messages in an SSE body (`data:` lines), each parsed. */
export function sseMessages(text: string): unknown[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trim())
    .filter((data) => data !== "")
    .map((data) => JSON.parse(data));
}
