import { McpServer, type HandleOptions, type JsonRpcMessage, type ServerSession } from "../src/index.js";

/** A loosely typed reply, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Reply = { jsonrpc: "2.0"; id: string | number | null; result?: any; error?: { code: number; message: string; data?: any } };

export const STATELESS_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": { elicitation: {}, sampling: {}, roots: {} },
};

let nextId = 1;

export async function request(
  server: McpServer,
  method: string,
  params?: Record<string, unknown>,
  options?: HandleOptions,
): Promise<Reply> {
  const message: Record<string, unknown> = { jsonrpc: "2.0", id: nextId++, method };
  if (params !== undefined) message.params = params;
  return (await server.handle(message, options)) as Reply;
}

/** A stateless 2026 request with the required _meta (merged with `meta`). */
export function stateless(
  server: McpServer,
  method: string,
  params: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
  options?: HandleOptions,
): Promise<Reply> {
  return request(server, method, { ...params, _meta: { ...STATELESS_META, ...meta } }, options);
}

/** A 2025 session that records what the server sends, already initialized. */
export async function openSession(
  server: McpServer,
  capabilities: Record<string, unknown> = {},
  protocolVersion = "2025-11-25",
): Promise<{ session: ServerSession; sent: JsonRpcMessage[]; related: (string | number | undefined)[] }> {
  const sent: JsonRpcMessage[] = [];
  const related: (string | number | undefined)[] = [];
  const session = server.createSession({
    send: (message, options) => {
      sent.push(message);
      related.push(options?.relatedRequestId);
    },
  });
  const reply = await request(server, "initialize", { protocolVersion, capabilities, clientInfo: { name: "test-client", version: "1.0.0" } }, { session });
  if (reply.error !== undefined) throw new Error(reply.error.message);
  await server.handle({ jsonrpc: "2.0", method: "notifications/initialized" }, { session });
  return { session, sent, related };
}

export function newServer(extra: Partial<ConstructorParameters<typeof McpServer>[0]> = {}): McpServer {
  return new McpServer({ name: "test-server", version: "1.2.3", ...extra });
}

export function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error("condition not met in time"));
      setTimeout(tick, 2);
    };
    tick();
  });
}
