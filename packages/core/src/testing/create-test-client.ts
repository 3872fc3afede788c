/**
 * `createTestClient()`: a client for users' own tests that runs the real engine in memory
 * (no sockets, no child process), in either protocol era, with the answers a real client
 * would see. The Python original's ToolRunner, done the way the SDK's InMemoryTransport
 * should have been.
 */
import { McpError, ProtocolError } from "../errors.js";
import type { JsonRpcMessage, JsonRpcNotification } from "../jsonrpc.js";
import type { McpServer } from "../server.js";
import type { Implementation, ServerCapabilities } from "../types.js";
import { MetaKey } from "../versions.js";
import { mergeCallbacks } from "./answer-asks.js";
import { SessionExchange, StatelessExchange, type Exchange } from "./exchanges.js";
import type { TestCallOptions, TestClient, TestClientEra, TestClientOptions, WireResult } from "./types.js";

const DEFAULT_CAPABILITIES = { elicitation: {}, sampling: {}, roots: {} };
const DEFAULT_CLIENT_INFO: Implementation = { name: "chuk-mcp-test-client", version: "1.0.0" };

/** The reply's result, or the JSON-RPC error as a `ProtocolError` (code, message, data). */
function unwrap(method: string, reply: JsonRpcMessage | undefined, signal: AbortSignal | undefined): WireResult {
  if (reply === undefined) {
    if (signal?.aborted === true) throw signal.reason instanceof Error ? signal.reason : new McpError("cancelled", `${method} was cancelled`, { cause: signal.reason });
    throw new McpError("no_reply", `${method} got no reply from the server`);
  }
  if ("error" in reply) throw new ProtocolError(reply.error.code, reply.error.message, reply.error.data);
  if (!("result" in reply)) throw new McpError("no_reply", `${method} got a message that is not a reply`);
  return reply.result as WireResult;
}

/**
 * Connects an in-memory client to `server`: for "2025-11-25" (default) it opens a session and
 * sends `initialize`; for "2026-07-28" it calls `server/discover`. Results are exactly the
 * wire's `result`; JSON-RPC errors reject with a `ProtocolError` (`code`, `message`, `data`);
 * tool failures are `isError` results, as on the wire.
 *
 * @example
 * const client = await createTestClient(server, { era: "2026-07-28" });
 * const result = await client.callTool("add", { a: 1, b: 2 });
 * expect(result.content).toEqual([{ type: "text", text: "3" }]);
 */
export async function createTestClient(server: McpServer, options: TestClientOptions = {}): Promise<TestClient> {
  if (server === undefined || server === null || typeof (server as { handle?: unknown }).handle !== "function") {
    throw new McpError("invalid_definition", "createTestClient(server): pass the McpServer to test (chuk-mcp/testing defaults to the default server)");
  }
  const era: TestClientEra = options.era ?? "2025-11-25";
  if (era !== "2025-11-25" && era !== "2026-07-28") {
    throw new McpError("invalid_definition", `createTestClient(): era must be "2025-11-25" or "2026-07-28", got ${JSON.stringify(era)}`);
  }
  const capabilities = options.capabilities ?? DEFAULT_CAPABILITIES;
  const clientInfo = options.clientInfo ?? DEFAULT_CLIENT_INFO;
  const notifications: JsonRpcNotification[] = [];
  const defaults = mergeCallbacks({}, options);
  const exchange: Exchange =
    era === "2025-11-25"
      ? new SessionExchange(server, options.auth, defaults, notifications)
      : new StatelessExchange(server, options.auth, { capabilities, clientInfo, ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }) });
  let closed = false;

  const request = async (method: string, params: Record<string, unknown> = {}, call?: TestCallOptions): Promise<WireResult> => {
    if (closed) throw new McpError("client_closed", `cannot send ${method}: the test client was closed`);
    const callbacks = mergeCallbacks(defaults, call);
    const sent = call?.meta === undefined ? params : { ...params, _meta: { ...((params._meta as object | undefined) ?? {}), ...call.meta } };
    return unwrap(method, await exchange.send(method, sent, callbacks, call?.signal), call?.signal);
  };

  let protocolVersion: string;
  let serverInfo: Implementation;
  let serverCapabilities: ServerCapabilities;
  if (exchange instanceof SessionExchange) {
    const initialized = await request("initialize", { protocolVersion: era, capabilities, clientInfo });
    protocolVersion = initialized.protocolVersion as string;
    serverInfo = initialized.serverInfo as Implementation;
    serverCapabilities = initialized.capabilities as ServerCapabilities;
    await server.handle({ jsonrpc: "2.0", method: "notifications/initialized" }, { session: exchange.session, ...(options.auth === undefined ? {} : { auth: options.auth }) });
    if (options.logLevel !== undefined) await request("logging/setLevel", { level: options.logLevel });
  } else {
    const discovered = await request("server/discover");
    protocolVersion = era;
    serverInfo = (discovered.serverInfo ?? discovered._meta?.[MetaKey.ServerInfo]) as Implementation;
    serverCapabilities = discovered.capabilities as ServerCapabilities;
  }

  return {
    era,
    protocolVersion,
    serverInfo,
    serverCapabilities,
    notifications,
    listTools: (params, call) => request("tools/list", { ...params }, call),
    callTool: (name, args = {}, call) => request("tools/call", { name, arguments: args }, call),
    listResources: (params, call) => request("resources/list", { ...params }, call),
    listResourceTemplates: (params, call) => request("resources/templates/list", { ...params }, call),
    readResource: (uri, call) => request("resources/read", { uri }, call),
    listPrompts: (params, call) => request("prompts/list", { ...params }, call),
    getPrompt: (name, args = {}, call) => request("prompts/get", { name, arguments: args }, call),
    complete: (ref, argument, context, call) => request("completion/complete", { ref, argument, ...(context === undefined ? {} : { context }) }, call),
    request,
    close: async () => {
      closed = true;
      exchange.close();
    },
  };
}
