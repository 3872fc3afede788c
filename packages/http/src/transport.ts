/**
 * The runtime-neutral Streamable HTTP endpoint: one object per server that answers POST,
 * GET, DELETE and OPTIONS through a `ResponseWriter`. The web `fetch` handler and the Node
 * fast path both drive it, so their answers are the same bytes.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports
 */
import type { AuthInfo } from "@chuk-mcp/core";
import { flattenHeaders, runAuthenticate } from "./authenticate.js";
import type { JsonRpcId, McpEngine } from "./engine.js";
import { replayStored } from "./event-stream.js";
import type { RequestPeer } from "./forwarding.js";
import { InFlightRequests } from "./in-flight.js";
import { resolveOptions, type McpHttpOptions, type ResolvedOptions } from "./options.js";
import { PostHandler } from "./post.js";
import { HttpErrorCode, STATELESS_PROTOCOL_VERSION } from "./protocol.js";
import { EMPTY_HEADERS, errorReply, SSE_HEADERS, type HttpReply } from "./replies.js";
import { RemoteStreamRelay } from "./remote-stream.js";
import type { RequestExchange } from "./request-exchange.js";
import {
  acceptsEventStream,
  checkContentType,
  checkPostAccept,
  checkProtocolVersionHeader,
  readHeader,
  type RequestHeaders,
} from "./request-validation.js";
import { sendReply, withCors } from "./send-reply.js";
import { SessionRegistry, type LiveSession } from "./session-registry.js";
import { storeFailureReply } from "./store-failure.js";
import { parseEventId, startKeepAlive, type ResponseWriter, type SseSink } from "./sse.js";

const ALLOW = "GET, POST, DELETE, OPTIONS";

/**
 * Shared state, the checks before a body is read, and the non-POST routes. POST bodies go to
 * `PostHandler` (post.ts), which is handed the state it needs and never calls back here.
 */
export class StreamableHttpTransport {
  readonly options: ResolvedOptions;
  readonly registry: SessionRegistry | undefined;
  /** POST exchanges waiting for their answer (added and released by the POST route). */
  private readonly inFlight = new InFlightRequests();
  private readonly post: PostHandler;
  private closing: Promise<void> | undefined;

  constructor(
    readonly engine: McpEngine,
    options?: McpHttpOptions,
  ) {
    this.options = resolveOptions(options);
    this.registry = this.options.sessions ? new SessionRegistry(engine, this.options) : undefined;
    this.post = new PostHandler(engine, this.options, this.registry, this.inFlight);
  }

  /** True once `close()` started: new requests get 503, `/ready` fails. */
  get isClosing(): boolean {
    return this.closing !== undefined;
  }

  /** Host/Origin and shutdown gate for every route; `undefined` means go on. */
  admit(headers: RequestHeaders): HttpReply | undefined {
    const denied = this.options.originPolicy?.check(readHeader(headers, "host"), readHeader(headers, "origin"));
    if (denied !== undefined) return denied;
    if (this.closing !== undefined) {
      return errorReply(503, HttpErrorCode.BadRequest, "Service Unavailable: the server is shutting down; retry shortly");
    }
    return undefined;
  }

  /** The Host/Origin (DNS-rebinding) check alone, for routes beside the endpoint (`/health`, `/ready`). */
  checkOrigin(headers: RequestHeaders): HttpReply | undefined {
    return this.options.originPolicy?.check(readHeader(headers, "host"), readHeader(headers, "origin"));
  }

  /**
   * The request headers everything else sees: forwarding headers (`X-Forwarded-*`,
   * `Forwarded`, `X-Real-IP`) removed unless the peer is a trusted proxy (`trustProxy`).
   */
  trustedHeaders<T extends RequestHeaders>(headers: T, peer: RequestPeer | undefined): T {
    return this.options.proxyTrust.sanitize(headers, peer);
  }

  /** Sends a complete answer with CORS applied. */
  send(writer: ResponseWriter, requestHeaders: RequestHeaders, reply: HttpReply): void {
    sendReply(writer, this.options.cors, requestHeaders, reply);
  }

  /** The answer for a body over `maxBodyBytes`. */
  payloadTooLarge(): HttpReply {
    return errorReply(
      413,
      HttpErrorCode.BadRequest,
      `Payload Too Large: the request body exceeds ${this.options.maxBodyBytes} bytes; send a smaller message`,
    );
  }

  /**
   * Checks a POST before its body is read: Host/Origin, shutdown, Content-Type (415),
   * Accept (406), and a declared Content-Length over the limit (413).
   */
  checkPost(headers: RequestHeaders): HttpReply | undefined {
    const rejected = this.admit(headers) ?? checkContentType(headers) ?? checkPostAccept(headers);
    if (rejected !== undefined) return rejected;
    const length = readHeader(headers, "content-length");
    if (length !== undefined && Number(length) > this.options.maxBodyBytes) return this.payloadTooLarge();
    return undefined;
  }

  /**
   * Runs the `authenticate` option (when set): `{ auth }` to go on (undefined without a hook),
   * or the answer to send as-is.
   */
  async authenticate(headers: RequestHeaders, url: string, method: string): Promise<{ auth?: AuthInfo } | { reply: HttpReply }> {
    const hook = this.options.authenticate;
    if (hook === undefined) return {};
    return runAuthenticate(hook, { headers: flattenHeaders(headers), url, method }, this.options.onError);
  }

  /** Handles one POST that passed `checkPost` (body read within the limit); refusals are written synchronously. */
  handlePost(headers: RequestHeaders, body: string, writer: ResponseWriter, auth?: AuthInfo, peer?: RequestPeer): PromiseLike<void> | void {
    return this.post.handle(headers, body, writer, auth, peer);
  }

  /** GET: the session's standalone SSE stream, or a resumed one with `Last-Event-ID`. */
  async handleGet(headers: RequestHeaders, writer: ResponseWriter, auth?: AuthInfo, peer?: RequestPeer): Promise<void> {
    const rejected = this.admit(headers) ?? this.checkGet(headers);
    if (rejected !== undefined) return this.send(writer, headers, rejected);
    // checkGet answered 405 when sessions are off, so the registry is there.
    const found = (await this.registry?.findFor(headers, auth, peer, null)) ?? this.methodNotAllowed("GET");
    if ("status" in found) return this.send(writer, headers, found);
    const session = found;
    const open = (): SseSink => {
      const sink = writer.openStream(200, withCors(this.options.cors, SSE_HEADERS, headers));
      startKeepAlive(sink, this.options.keepAliveMs);
      return sink;
    };
    const lastEventId = readHeader(headers, "last-event-id");
    if (lastEventId !== undefined) return this.resume(session, lastEventId.trim(), open, writer, headers);
    if (session.standalone?.attached === true) {
      return this.send(
        writer,
        headers,
        errorReply(409, HttpErrorCode.BadRequest, "Conflict: this session already has an open GET stream; resume it with Last-Event-ID instead"),
      );
    }
    session.openStandalone().attach(open(), this.options.retryMs);
  }

  /** DELETE: ends the session; later requests with its id get 404. */
  async handleDelete(headers: RequestHeaders, writer: ResponseWriter, auth?: AuthInfo, peer?: RequestPeer): Promise<void> {
    const denied = this.admit(headers);
    if (denied !== undefined) return this.send(writer, headers, denied);
    if (this.registry === undefined) return this.send(writer, headers, this.methodNotAllowed("DELETE"));
    const found = await this.registry.findFor(headers, auth, peer, null);
    if ("status" in found) return this.send(writer, headers, found);
    try {
      await this.registry.terminate(found);
    } catch (error) {
      // Ended here, but the store may still hold it: tell the client to retry the DELETE.
      this.options.onError(error);
      return this.send(writer, headers, storeFailureReply(error));
    }
    this.send(writer, headers, { status: 200, headers: EMPTY_HEADERS });
  }

  /** OPTIONS: the CORS preflight, or the allowed methods. */
  handleOptions(headers: RequestHeaders, writer: ResponseWriter): void {
    const cors = this.options.cors;
    const reply = cors
      ? cors.preflight(readHeader(headers, "origin"), readHeader(headers, "access-control-request-headers"))
      : { status: 204, headers: { allow: ALLOW } };
    writer.reply(reply.status, reply.headers, reply.body);
  }

  /** 405 naming the methods this endpoint offers. */
  methodNotAllowed(method: string): HttpReply {
    const allow = this.registry === undefined ? "POST, OPTIONS" : ALLOW;
    return errorReply(405, HttpErrorCode.BadRequest, `Method Not Allowed: ${method} is not offered here; use ${allow}`, {
      headers: { "content-type": "application/json", allow },
    });
  }

  /** The exchange of a session request, for SEP-1699 early stream closing. */
  findExchange(sessionId: string, requestId: JsonRpcId): RequestExchange | undefined {
    return this.inFlight.find(sessionId, requestId);
  }

  /** Stops accepting, lets in-flight requests finish (until the deadline), closes streams and sessions. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const reason = new Error("the server is shutting down");
    this.inFlight.abort(reason, true);
    if (this.inFlight.size > 0) await this.inFlight.drain(this.options.shutdownTimeoutMs);
    this.inFlight.abort(reason, false);
    this.registry?.closeAll();
  }

  private checkGet(headers: RequestHeaders): HttpReply | undefined {
    if (this.registry === undefined || readHeader(headers, "mcp-protocol-version")?.trim() === STATELESS_PROTOCOL_VERSION) {
      return this.methodNotAllowed("GET");
    }
    if (!acceptsEventStream(readHeader(headers, "accept"))) {
      return errorReply(406, HttpErrorCode.BadRequest, "Not Acceptable: a GET stream needs Accept: text/event-stream");
    }
    return checkProtocolVersionHeader(readHeader(headers, "mcp-protocol-version"), this.options.protocolVersions);
  }

  /** Resumes a stream another instance may still be writing (shared store + bus). */
  private async resumeRemote(session: LiveSession, streamId: string, afterSequence: number, open: () => SseSink): Promise<boolean> {
    await session.link?.ready;
    const relay = new RemoteStreamRelay(streamId, afterSequence);
    session.remoteStreams.get(streamId)?.end();
    session.remoteStreams.set(streamId, relay);
    const forget = (): void => {
      if (session.remoteStreams.get(streamId) === relay) session.remoteStreams.delete(streamId);
    };
    try {
      const started = await relay.start(this.options.eventStore, () => {
        const sink = open();
        sink.onClose(forget);
        return sink;
      }, this.options.retryMs);
      if (!started) forget();
      return started;
    } catch (error) {
      forget();
      throw error;
    }
  }

  private async resume(
    session: LiveSession,
    lastEventId: string,
    open: () => SseSink,
    writer: ResponseWriter,
    headers: RequestHeaders,
  ): Promise<void> {
    const parsed = parseEventId(lastEventId);
    let resumed = false;
    if (parsed !== undefined && session.ownsStream(parsed.streamId)) {
      const live = session.streams.get(parsed.streamId);
      try {
        if (live !== undefined) resumed = await live.resume(open, parsed.sequence, this.options.retryMs);
        else if (session.link !== undefined) resumed = await this.resumeRemote(session, parsed.streamId, parsed.sequence, open);
        else resumed = await replayStored(this.options.eventStore, parsed.streamId, parsed.sequence, open, this.options.retryMs);
      } catch (error) {
        this.options.onError(error);
      }
    }
    if (!resumed) {
      this.send(
        writer,
        headers,
        errorReply(
          400,
          HttpErrorCode.BadRequest,
          `Bad Request: Last-Event-ID "${lastEventId}" is not a resumable event of this session; reconnect without Last-Event-ID`,
        ),
      );
    }
  }
}
