/**
 * POST: one JSON-RPC message in, a JSON or SSE answer out. Core's `routeMessage` checks the
 * envelope and decides the era once; this file adds only what is HTTP: the routing headers
 * (`Mcp-Method`, `Mcp-Name`) of 2026-07-28, 2025 sessions, and the status of each answer
 * (from the code the engine reports next to the text, through one table: http-status.ts).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#server-validation
 */
import { ErrorCode, ProtocolEras, routeMessage, type AuthInfo, type RoutedMessage, type TextAnswer } from "@chuk-mcp/core";
import { checkToolScopes, type ToolAuthRequirementSource } from "./authenticate.js";
import type { EngineHandleOptions, EngineSession, JsonRpcId, McpEngine } from "./engine.js";
import type { RequestPeer } from "./forwarding.js";
import { httpStatusOf } from "./http-status.js";
import type { InFlightRequests } from "./in-flight.js";
import type { ResolvedOptions } from "./options.js";
import { HttpErrorCode, SUBSCRIPTIONS_LISTEN_METHOD } from "./protocol.js";
import { retryAfterOf } from "./rate-limited.js";
import { ACCEPTED_REPLY, errorReply, JSON_HEADERS, jsonRpcErrorText, SSE_HEADERS, withHeader, type HeaderRecord } from "./replies.js";
import { RequestExchange } from "./request-exchange.js";
import { checkRoutingHeaders, readHeader, type RequestHeaders } from "./request-validation.js";
import { sendReply, withCors } from "./send-reply.js";
import type { LiveSession, SessionRegistry } from "./session-registry.js";
import { ownerOf } from "./session-owner.js";
import type { ResponseWriter } from "./sse.js";
import { storeFailureReply } from "./store-failure.js";

/** What one dispatch needs to know. */
interface Dispatch {
  headers: RequestHeaders;
  writer: ResponseWriter;
  route: RoutedMessage;
  session: LiveSession | undefined;
  auth: AuthInfo | undefined;
}

/**
 * The POST route of one endpoint. It is handed the engine, the resolved options, the session
 * registry (when sessions are on) and the in-flight set it adds exchanges to; it calls nothing
 * back in the transport that owns it.
 */
export class PostHandler {
  constructor(
    private readonly engine: McpEngine,
    private readonly options: ResolvedOptions,
    private readonly registry: SessionRegistry | undefined,
    private readonly inFlight: InFlightRequests,
  ) {}

  /**
   * Handles one POST body (already read within the size limit). Not `async`: refusals are
   * written synchronously and return nothing; a dispatch answered at once is written before this
   * returns, and one answered later returns a thenable of its answer (reject → the caller's `fail`).
   */
  handle(headers: RequestHeaders, body: string, writer: ResponseWriter, auth?: AuthInfo, peer?: RequestPeer): PromiseLike<void> | void {
    const { engine, options } = this;
    let message: unknown;
    try {
      message = engine.parseMessage === undefined ? JSON.parse(body) : engine.parseMessage(body);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return sendReply(writer, options.cors, headers, errorReply(400, HttpErrorCode.ParseError, `Parse error: the body is not valid JSON (${detail})`));
    }
    const route = routeMessage(message, { headers, protocolVersions: options.protocolVersions });
    if (!route.ok) {
      return sendReply(writer, options.cors, headers, errorReply(httpStatusOf(route.code), route.code, route.message, { id: route.id, data: route.data }));
    }
    const id = route.id ?? null;
    if (route.method === "tools/call" && route.kind === "request") {
      const denied = checkToolScopes(engine as ToolAuthRequirementSource, route.params?.name, auth, options.resourceMetadataUrl, id);
      if (denied !== undefined) return sendReply(writer, options.cors, headers, denied);
    }
    const dispatch: Dispatch = { headers, writer, route, session: undefined, auth };
    if (route.era === ProtocolEras.Stateless) {
      const rejected = checkRoutingHeaders(headers, route.method as string, route.params, id);
      if (rejected !== undefined) return sendReply(writer, options.cors, headers, rejected);
      return this.run(dispatch, body, JSON_HEADERS);
    }
    const registry = this.registry;
    if (registry === undefined) return this.run(dispatch, body, JSON_HEADERS);
    if (route.method === "initialize" && route.kind === "request") {
      if (readHeader(headers, "mcp-session-id") !== undefined) {
        return sendReply(
          writer,
          options.cors,
          headers,
          errorReply(400, ErrorCode.InvalidRequest, "Invalid Request: initialize must not carry Mcp-Session-Id; omit it to start a new session", { id }),
        );
      }
      const owner = ownerOf(auth);
      const session = registry.create(owner, registry.clientKeyOf(owner, headers, peer));
      if (session === "client_quota") {
        return sendReply(
          writer,
          options.cors,
          headers,
          errorReply(
            429,
            HttpErrorCode.BadRequest,
            `Too Many Requests: this client already holds ${options.maxSessionsPerClient} busy sessions; end one (DELETE) or wait for one to finish, then retry`,
            { id, headers: { "content-type": "application/json", "retry-after": "1" } },
          ),
        );
      }
      if (session === "full") {
        return sendReply(writer, options.cors, headers, errorReply(503, HttpErrorCode.BadRequest, "Service Unavailable: too many live sessions; retry later", { id }));
      }
      dispatch.session = session;
      return this.run(dispatch, body, withHeader(JSON_HEADERS, "mcp-session-id", session.id));
    }
    const live = registry.findLiveFor(headers, auth);
    if (live !== undefined) {
      dispatch.session = live;
      return this.run(dispatch, body, JSON_HEADERS);
    }
    return registry.findFor(headers, auth, peer, id).then((found) => {
      if ("status" in found) return sendReply(writer, options.cors, headers, found);
      dispatch.session = found;
      return this.run(dispatch, body, JSON_HEADERS);
    });
  }

  /**
   * Dispatches a request and writes its answer; not `async`: a request the engine answers at
   * once is written before this returns, and an asynchronous answer is followed with the
   * engine's own thenable (`then`) instead of a native promise plus an `await` of a non-native
   * thenable, which cost two promises and two microtasks per request (benchmarks/README.md).
   */
  private run(dispatch: Dispatch, body: string, jsonHeaders: HeaderRecord): PromiseLike<void> | void {
    const { engine, options } = this;
    const { headers, writer, route, session } = dispatch;
    if (route.kind !== "request") return this.acknowledge(dispatch, body);
    const id = route.id as JsonRpcId;
    const longLived = route.method === SUBSCRIPTIONS_LISTEN_METHOD;
    const streamHeaders = withCors(options.cors, jsonHeaders === JSON_HEADERS ? SSE_HEADERS : { ...SSE_HEADERS, "mcp-session-id": session?.id ?? "" }, headers);
    const exchange = new RequestExchange(options, writer, streamHeaders, session, id, longLived);
    if (session !== undefined) session.requests.set(id, exchange);
    this.inFlight.add(exchange);
    if (options.forceSse || longLived) exchange.upgrade();
    let answer: TextAnswer | undefined | PromiseLike<TextAnswer | undefined>;
    try {
      answer = engine.dispatchAnswer(body, new ExchangeOptions(session?.engineSession, headers as Record<string, string | undefined>, dispatch.auth, exchange, route));
    } catch (error) {
      options.onError(error);
      answer = INTERNAL_FAILURE;
    }
    if (answer === undefined || typeof (answer as Partial<PromiseLike<unknown>>).then !== "function") {
      return this.answer(dispatch, exchange, jsonHeaders, answer as TextAnswer | undefined);
    }
    return (answer as PromiseLike<TextAnswer | undefined>).then(
      (value) => this.answer(dispatch, exchange, jsonHeaders, value),
      (error: unknown) => {
        options.onError(error);
        return this.answer(dispatch, exchange, jsonHeaders, INTERNAL_FAILURE);
      },
    );
  }

  /** A notification or a response from the client: handed to the engine, answered 202. */
  private async acknowledge(dispatch: Dispatch, body: string): Promise<void> {
    const { headers, route, session } = dispatch;
    try {
      await this.engine.dispatchAnswer(body, { session: session?.engineSession, headers: headers as Record<string, string | undefined>, auth: dispatch.auth, route });
    } catch (error) {
      this.options.onError(error);
    }
    sendReply(dispatch.writer, this.options.cors, headers, ACCEPTED_REPLY);
  }

  /** Writes the engine's answer to a request (the exchange is released first). */
  private answer(dispatch: Dispatch, exchange: RequestExchange, jsonHeaders: HeaderRecord, answer: TextAnswer | undefined): Promise<void> | void {
    this.inFlight.release(exchange);
    const { headers, route, session } = dispatch;
    const cors = this.options.cors;
    if (answer === undefined) {
      exchange.complete(202, withCors(cors, ACCEPTED_REPLY.headers, headers), undefined);
      return;
    }
    const id = route.id as JsonRpcId;
    const text = answer === INTERNAL_FAILURE ? jsonRpcErrorText(id, ErrorCode.InternalError, "Internal error: the server failed to handle this request") : answer.text;
    if (route.method === "initialize" && session !== undefined) return this.answerInitialize(dispatch, exchange, jsonHeaders, answer, text);
    this.completeWith(dispatch, exchange, jsonHeaders, answer, text);
  }

  /** An initialize answer goes out once its session is saved (or dropped, when initialize failed). */
  private async answerInitialize(dispatch: Dispatch, exchange: RequestExchange, jsonHeaders: HeaderRecord, answer: TextAnswer, text: string): Promise<void> {
    const failed = await this.settleInitialize(dispatch.session as LiveSession, answer.initialized, dispatch.route.id as JsonRpcId);
    if (failed !== undefined) {
      exchange.complete(failed.status, withCors(this.options.cors, failed.headers, dispatch.headers), failed.body);
      return;
    }
    this.completeWith(dispatch, exchange, answer.initialized ? jsonHeaders : JSON_HEADERS, answer, text);
  }

  /** The status and headers of an answer (from its error code, through http-status.ts), written. */
  private completeWith(dispatch: Dispatch, exchange: RequestExchange, jsonHeaders: HeaderRecord, answer: TextAnswer, text: string): void {
    const { headers, route } = dispatch;
    const cors = this.options.cors;
    const code = answer.errorCode;
    if (code === undefined) {
      exchange.complete(200, withCors(cors, jsonHeaders, headers), text);
      return;
    }
    const status = route.era === ProtocolEras.Stateless || code === ErrorCode.RateLimited ? httpStatusOf(code) : 200;
    const retryAfter = code === ErrorCode.RateLimited ? retryAfterOf(answer.errorData) : undefined;
    const replyHeaders = retryAfter === undefined ? jsonHeaders : withHeader(jsonHeaders, "retry-after", String(retryAfter));
    exchange.complete(status, withCors(cors, replyHeaders, headers), text);
  }

  /**
   * Saves a session whose initialize succeeded; drops it otherwise. The answer to send instead
   * when the store could not save it (other instances would not know the session, so the client
   * must retry rather than hold an id that works on one instance only), else undefined.
   */
  private async settleInitialize(session: LiveSession, succeeded: boolean, id: JsonRpcId): Promise<ReturnType<typeof storeFailureReply> | undefined> {
    const registry = this.registry;
    if (registry === undefined) return undefined;
    if (succeeded) {
      try {
        await registry.save(session);
        return undefined;
      } catch (error) {
        this.options.onError(error);
        registry.discard(session);
        return storeFailureReply(error, id);
      }
    }
    await registry.terminate(session).catch(this.options.onError);
    return undefined;
  }
}

/**
 * The engine's options for one request. A class, not an object literal: `signal` is a getter on
 * the prototype and the exchange is passed as `channel`, so no function is made per request
 * (per-request closures over the exchange raised young-generation promotion about tenfold under
 * load; see benchmarks/README.md).
 */
class ExchangeOptions implements EngineHandleOptions {
  constructor(
    readonly session: EngineSession | undefined,
    readonly headers: Record<string, string | undefined>,
    readonly auth: AuthInfo | undefined,
    readonly channel: RequestExchange,
    readonly route: RoutedMessage,
  ) {}

  /** Made only when a still-running handler reads it (see `RequestExchange.signal`). */
  get signal(): AbortSignal {
    return this.channel.signal;
  }
}

/** What a throwing engine is answered with (the text is built with the request's id). */
const INTERNAL_FAILURE: TextAnswer = Object.freeze({ text: "", errorCode: ErrorCode.InternalError, errorData: undefined, initialized: false });
