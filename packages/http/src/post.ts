/**
 * POST: one JSON-RPC message in, a JSON or SSE answer out. Decides the era (a 2026-07-28
 * `_meta` version or header means stateless; otherwise the 2025 session rules), validates
 * the headers that era requires, then dispatches into the engine's `handleText` fast path.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#server-validation
 */
import type { AuthInfo } from "@chuk-mcp/core";
import { checkToolScopes, type ToolAuthRequirementSource } from "./authenticate.js";
import type { EngineHandleOptions, EngineSession, JsonRpcId } from "./engine.js";
import {
  HttpErrorCode,
  PROTOCOL_VERSION_META_KEY,
  REQUIRED_STATELESS_META_KEYS,
  STATELESS_PROTOCOL_VERSION,
  SUBSCRIPTIONS_LISTEN_METHOD,
} from "./protocol.js";
import { ACCEPTED_REPLY, errorReply, JSON_HEADERS, jsonRpcErrorText, SSE_HEADERS, withHeader, type HeaderRecord } from "./replies.js";
import { RequestExchange } from "./request-exchange.js";
import { retryAfterOf } from "./rate-limited.js";
import { checkProtocolVersionHeader, checkRoutingHeaders, readHeader, type RequestHeaders } from "./request-validation.js";
import type { RequestPeer } from "./forwarding.js";
import type { LiveSession } from "./session-registry.js";
import { ownerOf } from "./session-owner.js";
import type { ResponseWriter } from "./sse.js";
import { storeFailureReply } from "./store-failure.js";
import type { StreamableHttpTransport } from "./transport.js";

/** The envelope fields the transport routes on. */
interface Envelope {
  method: string | undefined;
  id: JsonRpcId | undefined;
  isRequest: boolean;
  params: Record<string, unknown> | undefined;
}

/** What one dispatch needs to know. */
interface Dispatch {
  transport: StreamableHttpTransport;
  headers: RequestHeaders;
  writer: ResponseWriter;
  envelope: Envelope;
  /** The parsed body, handed to the engine so it is not parsed twice. */
  message: unknown;
  session: LiveSession | undefined;
  stateless: boolean;
  auth: AuthInfo | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the routing fields; a string when the message is not a JSON-RPC 2.0 object. */
function readEnvelope(message: unknown): Envelope | string {
  if (Array.isArray(message)) return "Invalid Request: JSON-RPC batches are not supported; send one message per POST";
  if (!isRecord(message) || message.jsonrpc !== "2.0") {
    return 'Invalid Request: the body must be one JSON-RPC 2.0 object with "jsonrpc": "2.0"';
  }
  const method = typeof message.method === "string" ? message.method : undefined;
  if (method === undefined && !("result" in message || "error" in message)) {
    return 'Invalid Request: a message needs a string "method" (request/notification) or a "result"/"error" (response)';
  }
  const id = typeof message.id === "string" || typeof message.id === "number" ? message.id : undefined;
  return { method, id, isRequest: method !== undefined && "id" in message, params: isRecord(message.params) ? message.params : undefined };
}

/**
 * Handles one POST body (already read within the size limit). Not `async`: refusals are written
 * synchronously and return nothing; dispatches return the promise of their answer.
 */
export function handlePost(
  transport: StreamableHttpTransport,
  headers: RequestHeaders,
  body: string,
  writer: ResponseWriter,
  auth?: AuthInfo,
  peer?: RequestPeer,
): Promise<void> | void {
  let message: unknown;
  try {
    const engine = transport.engine;
    message = engine.parseMessage === undefined ? JSON.parse(body) : engine.parseMessage(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return transport.send(writer, headers, errorReply(400, HttpErrorCode.ParseError, `Parse error: the body is not valid JSON (${detail})`));
  }
  const envelope = readEnvelope(message);
  if (typeof envelope === "string") return transport.send(writer, headers, errorReply(400, HttpErrorCode.InvalidRequest, envelope));
  const meta = envelope.params?._meta;
  const metaVersion = isRecord(meta) ? meta[PROTOCOL_VERSION_META_KEY] : undefined;
  const headerVersion = readHeader(headers, "mcp-protocol-version")?.trim();
  const dispatch: Dispatch = { transport, headers, writer, envelope, message, session: undefined, stateless: false, auth };
  if (envelope.method === "tools/call" && envelope.isRequest) {
    const engine = transport.engine as ToolAuthRequirementSource;
    const denied = checkToolScopes(engine, envelope.params?.name, auth, transport.options.resourceMetadataUrl, envelope.id ?? null);
    if (denied !== undefined) return transport.send(writer, headers, denied);
  }
  if (metaVersion !== undefined || headerVersion === STATELESS_PROTOCOL_VERSION) {
    dispatch.stateless = true;
    const rejected = checkStatelessRequest(transport, headers, envelope, meta, metaVersion, headerVersion);
    if (rejected !== undefined) return transport.send(writer, headers, rejected);
    return run(dispatch, body, JSON_HEADERS);
  }
  const id = envelope.id ?? null;
  const badVersion = checkProtocolVersionHeader(headerVersion, transport.options.protocolVersions, id);
  if (badVersion !== undefined) return transport.send(writer, headers, badVersion);
  const registry = transport.registry;
  if (registry === undefined) return run(dispatch, body, JSON_HEADERS);
  if (envelope.method === "initialize" && envelope.isRequest) {
    if (readHeader(headers, "mcp-session-id") !== undefined) {
      return transport.send(
        writer,
        headers,
        errorReply(400, HttpErrorCode.InvalidRequest, "Invalid Request: initialize must not carry Mcp-Session-Id; omit it to start a new session", { id }),
      );
    }
    const owner = ownerOf(auth);
    const session = registry.create(owner, transport.clientKey(owner, headers, peer));
    if (session === "client_quota") {
      return transport.send(
        writer,
        headers,
        errorReply(
          429,
          HttpErrorCode.BadRequest,
          `Too Many Requests: this client already holds ${transport.options.maxSessionsPerClient} busy sessions; end one (DELETE) or wait for one to finish, then retry`,
          { id, headers: { "content-type": "application/json", "retry-after": "1" } },
        ),
      );
    }
    if (session === "full") {
      return transport.send(writer, headers, errorReply(503, HttpErrorCode.BadRequest, "Service Unavailable: too many live sessions; retry later", { id }));
    }
    dispatch.session = session;
    return run(dispatch, body, withHeader(JSON_HEADERS, "mcp-session-id", session.id));
  }
  const live = transport.findLiveSession(headers, auth);
  if (live !== undefined) {
    dispatch.session = live;
    return run(dispatch, body, JSON_HEADERS);
  }
  return transport.findSession(headers, auth, peer).then((found) => {
    if ("status" in found) return transport.send(writer, headers, { ...found, body: withId(found.body, id) });
    dispatch.session = found;
    return run(dispatch, body, JSON_HEADERS);
  });
}

function withId(body: string | undefined, id: JsonRpcId | null): string | undefined {
  if (body === undefined || id === null) return body;
  const parsed = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify({ ...parsed, id });
}

/** The 2026-07-28 envelope rules, in the order the conformance suite expects. */
function checkStatelessRequest(
  transport: StreamableHttpTransport,
  headers: RequestHeaders,
  envelope: Envelope,
  meta: unknown,
  metaVersion: unknown,
  headerVersion: string | undefined,
) {
  const id = envelope.id ?? null;
  if (envelope.method === undefined) {
    return errorReply(400, HttpErrorCode.InvalidRequest, "Invalid Request: 2026-07-28 clients send requests and notifications only, not responses", { id });
  }
  if (headerVersion === undefined) {
    return errorReply(400, HttpErrorCode.HeaderMismatch, `Missing MCP-Protocol-Version header: send the same version as params._meta["${PROTOCOL_VERSION_META_KEY}"]`, { id });
  }
  if (envelope.isRequest) {
    const missing = missingMetaKeys(meta);
    if (missing !== undefined) {
      return errorReply(400, HttpErrorCode.InvalidParams, `Invalid params: params._meta must carry ${missing.map((key) => `"${key}"`).join(", ")}`, { id });
    }
  }
  if (metaVersion !== undefined && metaVersion !== headerVersion) {
    return errorReply(
      400,
      HttpErrorCode.HeaderMismatch,
      `MCP-Protocol-Version header "${headerVersion}" does not match params._meta["${PROTOCOL_VERSION_META_KEY}"] "${String(metaVersion)}"`,
      { id },
    );
  }
  return (
    checkProtocolVersionHeader(headerVersion, transport.options.protocolVersions, id) ??
    checkRoutingHeaders(headers, envelope.method, envelope.params, id)
  );
}

/** The required 2026 `_meta` keys the request lacks, or undefined when it has them all (no array then). */
function missingMetaKeys(meta: unknown): string[] | undefined {
  if (isRecord(meta)) {
    let complete = true;
    for (const key of REQUIRED_STATELESS_META_KEYS) if (meta[key] === undefined) complete = false;
    if (complete) return undefined;
  }
  return REQUIRED_STATELESS_META_KEYS.filter((key) => !isRecord(meta) || meta[key] === undefined);
}

const REPLY_PREFIX = '{"jsonrpc":"2.0","id":';

/**
 * HTTP status for a 2026-07-28 answer, from its JSON-RPC error code (SEP-2575). The engine's
 * replies start `{"jsonrpc":"2.0","id":<id>,` and then `"result"` or `"error"`: the key after the
 * id is found without scanning the result (inside a JSON string a quote is always escaped, so the
 * first `,"` after the prefix ends the id).
 */
export function statusForStatelessAnswer(text: string): number {
  if (text.startsWith(REPLY_PREFIX)) {
    const keyAt = text.indexOf(',"', REPLY_PREFIX.length) + 1;
    if (keyAt > 0 && text.startsWith('"result":', keyAt)) return 200;
  }
  if (!text.includes('"error"')) return 200;
  let code: unknown;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown } };
    code = parsed.error?.code;
  } catch {
    return 200;
  }
  switch (code) {
    case HttpErrorCode.MethodNotFound:
      return 404;
    case HttpErrorCode.ParseError:
    case HttpErrorCode.InvalidRequest:
    case HttpErrorCode.InvalidParams:
    case HttpErrorCode.HeaderMismatch:
    case HttpErrorCode.MissingRequiredClientCapability:
    case HttpErrorCode.UnsupportedProtocolVersion:
      return 400;
    case HttpErrorCode.InternalError:
      return 500;
    default:
      return 200;
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
    readonly parsed: unknown,
  ) {}

  /** Made only when a still-running handler reads it (see `RequestExchange.signal`). */
  get signal(): AbortSignal {
    return this.channel.signal;
  }
}

async function run(dispatch: Dispatch, body: string, jsonHeaders: HeaderRecord): Promise<void> {
  const { transport, headers, writer, envelope, session } = dispatch;
  const engine = transport.engine;
  const engineHeaders = headers as Record<string, string | undefined>;
  if (!envelope.isRequest) {
    try {
      await engine.handleText(body, { session: session?.engineSession, headers: engineHeaders, auth: dispatch.auth, parsed: dispatch.message });
    } catch (error) {
      transport.options.onError(error);
    }
    return transport.send(writer, headers, ACCEPTED_REPLY);
  }
  const longLived = envelope.method === SUBSCRIPTIONS_LISTEN_METHOD;
  const streamHeaders = transport.decorate(jsonHeaders === JSON_HEADERS ? SSE_HEADERS : { ...SSE_HEADERS, "mcp-session-id": session?.id ?? "" }, headers);
  const exchange = new RequestExchange(transport.options, writer, streamHeaders, session, envelope.id, longLived);
  if (session !== undefined && envelope.id !== undefined) session.requests.set(envelope.id, exchange);
  transport.active.add(exchange);
  if (transport.options.forceSse || longLived) exchange.upgrade();
  let text: string | undefined;
  try {
    text = await engine.handleText(body, new ExchangeOptions(session?.engineSession, engineHeaders, dispatch.auth, exchange, dispatch.message));
  } catch (error) {
    transport.options.onError(error);
    text = jsonRpcErrorText(envelope.id ?? null, HttpErrorCode.InternalError, "Internal error: the server failed to handle this request");
  } finally {
    transport.release(exchange);
  }
  if (text === undefined) {
    exchange.complete(202, transport.decorate(ACCEPTED_REPLY.headers, headers), undefined);
    return;
  }
  if (envelope.method === "initialize" && session !== undefined) {
    const settled = await settleInitialize(transport, session, text);
    if (typeof settled !== "boolean") {
      exchange.complete(settled.status, transport.decorate(settled.headers, headers), withId(settled.body, envelope.id ?? null));
      return;
    }
    if (!settled) jsonHeaders = JSON_HEADERS;
  }
  const retryAfter = retryAfterOf(text);
  if (retryAfter !== undefined) {
    exchange.complete(429, transport.decorate(withHeader(jsonHeaders, "retry-after", String(retryAfter)), headers), text);
    return;
  }
  const status = dispatch.stateless ? statusForStatelessAnswer(text) : 200;
  exchange.complete(status, transport.decorate(jsonHeaders, headers), text);
}

/**
 * Saves a session whose initialize succeeded; drops it otherwise. True when kept; the answer
 * to send instead when the store could not save it (other instances would not know the
 * session, so the client must retry rather than hold an id that works on one instance only).
 */
async function settleInitialize(
  transport: StreamableHttpTransport,
  session: LiveSession,
  text: string,
): Promise<boolean | ReturnType<typeof storeFailureReply>> {
  const registry = transport.registry;
  if (registry === undefined) return false;
  const succeeded = text.includes('"result"') && !(JSON.parse(text) as Record<string, unknown>).error;
  if (succeeded) {
    try {
      await registry.save(session);
      return true;
    } catch (error) {
      transport.options.onError(error);
      registry.discard(session);
      return storeFailureReply(error);
    }
  }
  await registry.terminate(session).catch(transport.options.onError);
  return false;
}
