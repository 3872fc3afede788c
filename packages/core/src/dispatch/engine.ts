/**
 * The single path every message takes: envelope check → era → method → reply.
 * @see https://www.jsonrpc.org/specification
 */
import { describeError, ErrorCode, McpError, ProtocolError } from "../errors.js";
import {
  errorResponse,
  isJsonRpcResponse,
  type JsonRpcId,
  type JsonRpcMessage,
  type JsonRpcRequest,
} from "../jsonrpc.js";
import type { McpServer } from "../server.js";
import type { HandleOptions } from "../server-options.js";
import type { Session } from "../session.js";
import { ProtocolEras } from "../versions.js";
import { REMOVED_IN_STATELESS, resolveEnvelope, type RequestEnvelope } from "./era.js";
import type { MiddlewareChain } from "../middleware/chain.js";
import { discover, initialize, listen, setLevel } from "./lifecycle.js";
import { listRegistry, listTools } from "./lists.js";
import { complete, getPrompt } from "./prompts.js";
import {
  listResources,
  listResourceTemplates,
  readResource,
  subscribeResource,
  unsubscribeResource,
} from "./resources.js";
import type { Outcome, RequestScope } from "./scope.js";
import { idJson } from "../json-text.js";
import { isThenable, thenStep, type LaterStep } from "./later.js";
import { callTool } from "./tools.js";
import { lookupTable } from "../own-keys.js";
import { cancelTask, getTask, updateTask } from "./tasks.js";

type MethodHandler = (scope: RequestScope) => Outcome | undefined | PromiseLike<Outcome | undefined>;

const EMPTY: Outcome = { result: {}, text: "{}" };

/** Methods both eras serve. The tables have no prototype: a method named `constructor` is not found. */
const SHARED_METHODS: Readonly<Record<string, MethodHandler>> = {
  "tools/list": listTools,
  "tools/call": callTool,
  "resources/list": listResources,
  "resources/templates/list": listResourceTemplates,
  "resources/read": readResource,
  "prompts/list": (scope) => listRegistry(scope, scope.server.prompts, "prompts"),
  "prompts/get": getPrompt,
  "completion/complete": complete,
};

const SESSION_METHODS = lookupTable<MethodHandler>({
  ...SHARED_METHODS,
  initialize,
  ping: () => EMPTY,
  "logging/setLevel": setLevel,
  "resources/subscribe": subscribeResource,
  "resources/unsubscribe": unsubscribeResource,
});

const STATELESS_METHODS = lookupTable<MethodHandler>({
  ...SHARED_METHODS,
  "server/discover": discover,
  "subscriptions/listen": listen,
  "tasks/get": getTask,
  "tasks/update": updateTask,
  "tasks/cancel": cancelTask,
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readableId(message: Record<string, unknown>): JsonRpcId | null {
  const id = message.id;
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? id : null;
}

function toErrorMessage(id: JsonRpcId | null, error: unknown): JsonRpcMessage {
  if (error instanceof ProtocolError) return errorResponse(id, error.code, error.message, error.data);
  return errorResponse(id, ErrorCode.InternalError, `Internal error: ${describeError(error)}`);
}

/** Validates the JSON-RPC envelope; returns an error reply, or the request/notification to serve. */
function checkEnvelope(message: unknown): { reply: JsonRpcMessage } | { request: JsonRpcRequest; notification: boolean } | { response: true } {
  if (Array.isArray(message)) {
    return { reply: errorResponse(null, ErrorCode.InvalidRequest, "Invalid Request: JSON-RPC batches are not supported; send one message at a time") };
  }
  if (!isPlainObject(message)) {
    return { reply: errorResponse(null, ErrorCode.InvalidRequest, "Invalid Request: a JSON-RPC message must be an object") };
  }
  const id = readableId(message);
  if (message.jsonrpc !== "2.0") {
    return { reply: errorResponse(id, ErrorCode.InvalidRequest, 'Invalid Request: "jsonrpc" must be exactly "2.0"') };
  }
  if (!("method" in message)) {
    if (isJsonRpcResponse(message)) return { response: true };
    return { reply: errorResponse(id, ErrorCode.InvalidRequest, 'Invalid Request: the message has no "method" (and is not a response)') };
  }
  if (typeof message.method !== "string" || message.method === "") {
    return { reply: errorResponse(id, ErrorCode.InvalidRequest, 'Invalid Request: "method" must be a non-empty string') };
  }
  const hasId = "id" in message;
  if (hasId && id === null) {
    return { reply: errorResponse(null, ErrorCode.InvalidRequest, 'Invalid Request: "id" must be a string or a number') };
  }
  if (message.params !== undefined && !isPlainObject(message.params)) {
    if (!hasId) return { response: true };
    return { reply: errorResponse(id, ErrorCode.InvalidParams, 'Invalid params: "params" must be an object') };
  }
  return { request: message as unknown as JsonRpcRequest, notification: !hasId };
}

/**
 * The message itself when it is a well-formed request with an id (what nearly every message is),
 * else undefined: `checkEnvelope` (through `processMessage`) then decides, with the error to send.
 */
function wellFormedRequest(message: unknown): JsonRpcRequest | undefined {
  if (!isPlainObject(message) || message.jsonrpc !== "2.0") return undefined;
  const { method, id, params } = message;
  if (typeof method !== "string" || method === "") return undefined;
  if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) return undefined;
  if (params !== undefined && !isPlainObject(params)) return undefined;
  return message as unknown as JsonRpcRequest;
}

function handleNotification(server: McpServer, message: JsonRpcRequest, session: Session | undefined): void {
  const params = message.params ?? {};
  switch (message.method) {
    case "notifications/initialized":
      if (session !== undefined && !session.state.initialized) session.updateState({ initialized: true });
      return;
    case "notifications/cancelled": {
      const requestId = params.requestId;
      if (session === undefined || !(typeof requestId === "string" || typeof requestId === "number")) return;
      const reason = typeof params.reason === "string" ? params.reason : "cancelled by the client";
      session.inFlight.get(requestId)?.abort(new McpError("request_cancelled", `request ${requestId} was cancelled: ${reason}`));
      return;
    }
    default:
      void server;
  }
}

/** The handler of `method` in its era; throws -32601 naming what to do instead. */
function methodHandler(method: string, stateless: boolean): MethodHandler {
  const handler = (stateless ? STATELESS_METHODS : SESSION_METHODS)[method];
  if (handler !== undefined) return handler;
  const removed = stateless ? REMOVED_IN_STATELESS[method] : undefined;
  if (removed !== undefined) {
    throw new ProtocolError(ErrorCode.MethodNotFound, `Method not found: ${method} is not part of protocol 2026-07-28; ${removed}`);
  }
  if (!stateless && (method === "server/discover" || method === "subscriptions/listen")) {
    throw new ProtocolError(ErrorCode.MethodNotFound, `Method not found: ${method} needs protocol 2026-07-28 (send _meta with its version)`);
  }
  throw new ProtocolError(ErrorCode.MethodNotFound, `Method not found: ${method}`);
}

/** The innermost step of the middleware onion: the method handler for the scope's request. */
function serveScope(scope: RequestScope): Outcome | undefined | PromiseLike<Outcome | undefined> {
  return methodHandler(scope.request.method, scope.envelope.era === ProtocolEras.Stateless)(scope);
}

/** A notification through the `onNotification` hooks; one whose 2026 envelope is malformed is dropped (there is no reply to carry the error). */
function notifyThroughMiddleware(
  server: McpServer,
  middleware: MiddlewareChain,
  notification: JsonRpcRequest,
  options: HandleOptions,
  session: Session | undefined,
): Promise<void> | undefined {
  let envelope: RequestEnvelope;
  try {
    envelope = resolveEnvelope(notification, session, options.headers);
  } catch {
    return undefined;
  }
  return middleware.notify(server, notification, options, session, envelope, () => handleNotification(server, notification, session));
}

/** Not `async`: it throws synchronously or returns the method handler's own (maybe) promise. */
function serveRequest(
  server: McpServer,
  request: JsonRpcRequest,
  options: HandleOptions,
  session: Session | undefined,
): Outcome | undefined | PromiseLike<Outcome | undefined> {
  const envelope = resolveEnvelope(request, session, options.headers);
  // Undefined until server.use(): without middleware this is the whole cost of the feature.
  const middleware = server.middleware;
  if (middleware !== undefined) return middleware.serve(server, request, options, session, envelope, serveScope);
  const handler = methodHandler(request.method, envelope.era === ProtocolEras.Stateless);
  return handler({ server, request, params: request.params ?? {}, envelope, options, session });
}

/** The engine behind `server.handle()`. */
export async function processMessage(server: McpServer, message: unknown, options: HandleOptions): Promise<JsonRpcMessage | undefined> {
  const checked = checkEnvelope(message);
  if ("reply" in checked) return checked.reply;
  const session = options.session as Session | undefined;
  if ("response" in checked) {
    if (isJsonRpcResponse(message)) {
      if (session === undefined || !session.pending.resolve(message)) server.sessionlessRequests.resolve(message);
    }
    return undefined;
  }
  const { request, notification } = checked;
  if (notification) {
    const middleware = server.middleware;
    if (middleware === undefined) handleNotification(server, request, session);
    else await notifyThroughMiddleware(server, middleware, request, options, session);
    return undefined;
  }
  if (server.closed) {
    return errorResponse(request.id, ErrorCode.InternalError, "Internal error: the server is closed");
  }
  try {
    const outcome = await serveRequest(server, request, options, session);
    if (outcome === undefined) return undefined;
    return { jsonrpc: "2.0", id: request.id, result: outcome.result };
  } catch (error) {
    return toErrorMessage(request.id, error);
  }
}

/**
 * The engine behind `server.handleText()` and `server.dispatchText()`: splices cached result
 * text where it can, and answers without a promise when the request completed synchronously.
 */
export function dispatchText(server: McpServer, text: string, options: HandleOptions): string | undefined | PromiseLike<string | undefined> {
  let message: unknown = options.parsed;
  if (message === undefined) {
    try {
      message = server.messageParser.parse(text);
    } catch {
      return JSON.stringify(errorResponse(null, ErrorCode.ParseError, "Parse error: the message is not valid JSON"));
    }
  }
  const request = wellFormedRequest(message);
  if (request !== undefined && !server.closed) {
    const id = request.id;
    let outcome: Outcome | undefined | PromiseLike<Outcome | undefined>;
    try {
      outcome = serveRequest(server, request, options, options.session as Session | undefined);
    } catch (error) {
      return JSON.stringify(toErrorMessage(id, error));
    }
    if (isThenable(outcome)) return thenStep(outcome, new TextReply(id));
    return replyText(id, outcome);
  }
  return processMessage(server, message, options).then((reply) => (reply === undefined ? undefined : JSON.stringify(reply)));
}

/** The step that turns a later outcome into its reply text; never rejects (errors become error replies). */
class TextReply implements LaterStep<Outcome | undefined, string | undefined> {
  constructor(private readonly id: JsonRpcId) {}

  fulfilled(outcome: Outcome | undefined): string | undefined {
    return replyText(this.id, outcome);
  }

  rejected(error: unknown): string {
    return JSON.stringify(toErrorMessage(this.id, error));
  }
}

function replyText(id: JsonRpcId, outcome: Outcome | undefined): string | undefined {
  if (outcome === undefined) return undefined;
  try {
    const body = outcome.text ?? JSON.stringify(outcome.result);
    return `{"jsonrpc":"2.0","id":${idJson(id)},"result":${body}}`;
  } catch (error) {
    return JSON.stringify(toErrorMessage(id, error));
  }
}
