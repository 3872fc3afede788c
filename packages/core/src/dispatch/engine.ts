/**
 * The single path every message takes: route (envelope check + era, ../route.ts) → method → reply.
 * @see https://www.jsonrpc.org/specification
 */
import { describeError, ErrorCode, McpError, ProtocolError } from "../errors.js";
import {
  errorResponse,
  type JsonRpcError,
  type JsonRpcId,
  type JsonRpcMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from "../jsonrpc.js";
import { routeMessage, type Route, type RoutedMessage, type RoutingError } from "../route.js";
import type { McpServer } from "../server.js";
import type { HandleOptions } from "../server-options.js";
import type { Session } from "../session.js";
import { ProtocolEras } from "../versions.js";
import { envelopeOf, REMOVED_IN_STATELESS } from "./era.js";
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

function toErrorMessage(id: JsonRpcId | null, error: unknown): JsonRpcError {
  if (error instanceof ProtocolError) return errorResponse(id, error.code, error.message, error.data);
  return errorResponse(id, ErrorCode.InternalError, `Internal error: ${describeError(error)}`);
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

/** Not `async`: it throws synchronously or returns the method handler's own (maybe) promise. */
function serveRequest(
  server: McpServer,
  route: RoutedMessage,
  options: HandleOptions,
  session: Session | undefined,
): Outcome | undefined | PromiseLike<Outcome | undefined> {
  const request = route.message as JsonRpcRequest;
  const envelope = envelopeOf(route, session, options.headers);
  // Undefined until server.use(): without middleware this is the whole cost of the feature.
  const middleware = server.middleware;
  if (middleware !== undefined) return middleware.serve(server, request, options, session, envelope, serveScope);
  const handler = methodHandler(request.method, envelope.era === ProtocolEras.Stateless);
  return handler({ server, request, params: request.params ?? {}, envelope, options, session });
}

/** The route of a message: the transport's, when it routed it already, else routed here. */
function routeOf(message: unknown, options: HandleOptions): Route {
  return options.route ?? routeMessage(message, options);
}

/** The reply to a message routing refused: none for notifications and responses (nothing carries it). */
function refusalReply(route: RoutingError): JsonRpcError | undefined {
  if (route.kind === "notification" || route.kind === "response") return undefined;
  return errorResponse(route.id, route.code, route.message, route.data);
}

/** The engine behind `server.handle()`. */
export function processMessage(server: McpServer, message: unknown, options: HandleOptions): Promise<JsonRpcMessage | undefined> {
  return processRoute(server, routeOf(message, options), options);
}

async function processRoute(server: McpServer, route: Route, options: HandleOptions): Promise<JsonRpcMessage | undefined> {
  if (!route.ok) return refusalReply(route);
  const session = options.session as Session | undefined;
  if (route.kind === "response") {
    const response = route.message as JsonRpcResponse;
    if (session === undefined || !session.pending.resolve(response)) server.sessionlessRequests.resolve(response);
    return undefined;
  }
  const request = route.message as JsonRpcRequest;
  if (route.kind === "notification") {
    const middleware = server.middleware;
    if (middleware === undefined) handleNotification(server, request, session);
    else {
      const envelope = envelopeOf(route, session, options.headers);
      await middleware.notify(server, request, options, session, envelope, () => handleNotification(server, request, session));
    }
    return undefined;
  }
  if (server.closed) {
    return errorResponse(request.id, ErrorCode.InternalError, "Internal error: the server is closed");
  }
  try {
    const outcome = await serveRequest(server, route, options, session);
    if (outcome === undefined) return undefined;
    return { jsonrpc: "2.0", id: request.id, result: outcome.result };
  } catch (error) {
    return toErrorMessage(request.id, error);
  }
}

/**
 * One reply text with the facts a transport needs about it, so that it never parses the text
 * back: the JSON-RPC error code (and data) when the reply is an error, and whether it answers
 * a successful `initialize`.
 */
export interface TextAnswer {
  readonly text: string;
  /** The reply's `error.code`; undefined for a result. */
  readonly errorCode: number | undefined;
  /** The reply's `error.data` (e.g. `retryAfterSeconds` of a -32005 rate-limit refusal). */
  readonly errorData: unknown;
  /** True when this is the result of an `initialize` request (the session is open). */
  readonly initialized: boolean;
}

class Answer implements TextAnswer {
  constructor(
    readonly text: string,
    readonly errorCode: number | undefined,
    readonly errorData: unknown,
    readonly initialized: boolean,
  ) {}
}

/** What the text entry returns: the bare text (`dispatchText`) or the text with its facts (`dispatchAnswer`). */
type Shape<T> = {
  result(text: string, method: string): T;
  error(reply: JsonRpcError): T;
};

const AS_TEXT: Shape<string> = {
  result: (text) => text,
  error: (reply) => JSON.stringify(reply),
};

const AS_ANSWER: Shape<TextAnswer> = {
  result: (text, method) => new Answer(text, undefined, undefined, method === "initialize"),
  error: (reply) => new Answer(JSON.stringify(reply), reply.error.code, reply.error.data, false),
};

/** `server.dispatchText()`: the reply text. */
export function dispatchText(server: McpServer, text: string, options: HandleOptions): string | undefined | PromiseLike<string | undefined> {
  return dispatchShaped(server, text, options, AS_TEXT);
}

/** `server.dispatchAnswer()`: the reply text with its error code and the initialize result. */
export function dispatchAnswer(server: McpServer, text: string, options: HandleOptions): TextAnswer | undefined | PromiseLike<TextAnswer | undefined> {
  return dispatchShaped(server, text, options, AS_ANSWER);
}

/**
 * The engine behind the text entries: splices cached result text where it can, and answers
 * without a promise when the request completed synchronously.
 */
function dispatchShaped<T>(server: McpServer, text: string, options: HandleOptions, shape: Shape<T>): T | undefined | PromiseLike<T | undefined> {
  let message: unknown = options.parsed;
  if (message === undefined && options.route === undefined) {
    try {
      message = server.messageParser.parse(text);
    } catch {
      return shape.error(errorResponse(null, ErrorCode.ParseError, "Parse error: the message is not valid JSON"));
    }
  }
  const route = routeOf(message, options);
  if (route.ok && route.kind === "request" && !server.closed) {
    const id = route.id as JsonRpcId;
    const method = route.method as string;
    let outcome: Outcome | undefined | PromiseLike<Outcome | undefined>;
    try {
      outcome = serveRequest(server, route, options, options.session as Session | undefined);
    } catch (error) {
      return shape.error(toErrorMessage(id, error));
    }
    if (isThenable(outcome)) return thenStep(outcome, new TextStep(id, method, shape));
    return replyText(id, method, outcome, shape);
  }
  return processRoute(server, route, options).then((reply) => {
    if (reply === undefined) return undefined;
    if ("error" in reply) return shape.error(reply);
    return shape.result(JSON.stringify(reply), (route as RoutedMessage).method ?? "");
  });
}

/** The step that turns a later outcome into its reply; never rejects (errors become error replies). */
class TextStep<T> implements LaterStep<Outcome | undefined, T | undefined> {
  constructor(
    private readonly id: JsonRpcId,
    private readonly method: string,
    private readonly shape: Shape<T>,
  ) {}

  fulfilled(outcome: Outcome | undefined): T | undefined {
    return replyText(this.id, this.method, outcome, this.shape);
  }

  rejected(error: unknown): T {
    return this.shape.error(toErrorMessage(this.id, error));
  }
}

function replyText<T>(id: JsonRpcId, method: string, outcome: Outcome | undefined, shape: Shape<T>): T | undefined {
  if (outcome === undefined) return undefined;
  let body: string;
  try {
    body = outcome.text ?? JSON.stringify(outcome.result);
  } catch (error) {
    return shape.error(toErrorMessage(id, error));
  }
  return shape.result(`{"jsonrpc":"2.0","id":${idJson(id)},"result":${body}}`, method);
}
