/**
 * The legacy HTTP+SSE server transport (protocol revision 2024-11-05), for clients that
 * predate Streamable HTTP (the SDK v1 `SSEClientTransport`, older inspectors, the Python
 * runtime's `server.type: sse` users). Runtime-neutral: a web `fetch` handler.
 *
 * - `GET <ssePath>` opens the event stream; its first event is `endpoint`, whose data is
 *   `<messagePath>?session_id=<id>` (relative, so it resolves against the stream's URL).
 * - `POST <messagePath>?session_id=<id>` carries one JSON-RPC message (or a batch); the answer
 *   is 202 Accepted and the reply travels on the stream as a `message` event.
 * - Host/Origin are checked like the Streamable HTTP transport; with `authenticate`, both
 *   requests need valid credentials and a session only accepts messages from the principal
 *   that opened it (another principal's session reads as not found).
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import { readBodyWithLimit, type AuthInfo } from "@chuk-mcp/core";
import { flattenHeaders, runAuthenticate } from "../authenticate.js";
import type { McpEngine } from "../engine.js";
import { HttpErrorCode } from "../protocol.js";
import type { SessionEventBus } from "../event-bus.js";
import { errorReply, type HttpReply } from "../replies.js";
import { resolveLegacySseOptions, type LegacySseOptions, type ResolvedLegacySseOptions } from "./legacy-sse-options.js";
import { LegacySseSession, principalOf } from "./legacy-sse-session.js";

/** A running legacy SSE endpoint. */
export interface LegacySseHandler {
  fetch(request: Request): Promise<Response>;
  /** Open sessions (streams) right now. */
  readonly sessionCount: number;
  /** Closes every stream and session; later requests get 503. */
  close(): Promise<void>;
}

function toResponse(reply: HttpReply): Response {
  return new Response(reply.body ?? null, { status: reply.status, headers: reply.headers });
}

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });
}

/** A POST forwarded to the instance that holds the stream. */
interface ForwardedPost {
  kind: "legacy-post";
  origin: string;
  principal: string | null;
  auth: AuthInfo | null;
  text: string;
}

/** The bus channel of one legacy SSE session (distinct from Streamable HTTP's `mcp-session:`). */
function legacyChannel(sessionId: string): string {
  return `mcp-legacy-sse:${sessionId}`;
}

/** Creates the handler for `engine` (an `McpServer`). */
export function createLegacySseHandler(engine: McpEngine, options: LegacySseOptions = {}): LegacySseHandler {
  const resolved = resolveLegacySseOptions(options);
  const sessions = new Map<string, LegacySseSession>();
  const instanceId = crypto.randomUUID();
  let closing = false;
  let reaper: ReturnType<typeof setInterval> | undefined;
  if (resolved.idleTimeoutMs > 0) {
    reaper = setInterval(() => {
      const cutoff = Date.now() - resolved.idleTimeoutMs;
      for (const session of sessions.values()) if (session.lastActivity < cutoff) session.close();
    }, Math.max(1_000, Math.min(resolved.idleTimeoutMs / 2, 60_000)));
    (reaper as { unref?: () => void }).unref?.();
  }

  async function admit(request: Request, headers: Record<string, string | undefined>): Promise<{ auth: AuthInfo | undefined } | { response: Response }> {
    const denied = resolved.originPolicy?.check(headers["host"], headers["origin"]);
    if (denied !== undefined) return { response: toResponse(denied) };
    if (resolved.authenticate === undefined) return { auth: undefined };
    const outcome = await runAuthenticate(resolved.authenticate, { headers, url: request.url, method: request.method }, resolved.onError);
    return "reply" in outcome ? { response: toResponse(outcome.reply) } : { auth: outcome.auth };
  }

  async function openStream(request: Request, headers: Record<string, string | undefined>): Promise<Response> {
    const admitted = await admit(request, headers);
    if ("response" in admitted) return admitted.response;
    if (sessions.size >= resolved.maxSessions) return plain(503, `Too many open SSE sessions (${resolved.maxSessions}); retry later`, { "retry-after": "5" });
    const session = new LegacySseSession({
      id: crypto.randomUUID(),
      principal: principalOf(admitted.auth),
      maxQueued: resolved.maxQueuedMessages,
      keepAliveMs: resolved.keepAliveMs,
      onClose: (closed) => sessions.delete(closed.id),
    });
    session.engineSession = engine.createSession({ id: session.id, send: (message) => session.sendMessage(message) });
    sessions.set(session.id, session);
    if (resolved.eventBus !== undefined) {
      try {
        const unsubscribe = await resolved.eventBus.subscribe(legacyChannel(session.id), (message) => deliverForwarded(session, message));
        session.onClosed(() => void unsubscribe().catch(resolved.onError));
      } catch (error) {
        resolved.onError(error);
        session.close();
        return plain(503, "Cannot open the SSE session: the session event bus is unavailable; retry later", { "retry-after": "5" });
      }
    }
    request.signal?.addEventListener("abort", () => session.close(), { once: true });
    session.announceEndpoint(`${resolved.messagePath}?session_id=${encodeURIComponent(session.id)}`);
    return new Response(session.stream, {
      status: 200,
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
    });
  }

  async function postMessage(request: Request, url: URL, headers: Record<string, string | undefined>): Promise<Response> {
    const admitted = await admit(request, headers);
    if ("response" in admitted) return admitted.response;
    const sessionId = url.searchParams.get("session_id");
    if (sessionId === null || sessionId === "") return plain(400, "session_id is required: POST to the endpoint announced on the SSE stream");
    const session = sessions.get(sessionId);
    const notFound = (): Response =>
      plain(404, "Could not find session: it does not exist, has ended, or belongs to someone else; open a new stream with GET " + resolved.ssePath);
    // A session opened by another principal is indistinguishable from a missing one.
    if (session !== undefined && (session.isClosed || (resolved.authenticate !== undefined && session.principal !== principalOf(admitted.auth)))) return notFound();
    if (session === undefined && resolved.eventBus === undefined) return notFound();
    const type = headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") return plain(415, "Content-Type must be application/json");
    const declared = Number(headers["content-length"] ?? "0");
    if (declared > resolved.maxBodyBytes) return plain(413, `Request body larger than ${resolved.maxBodyBytes} bytes`);
    const bytes = request.body === null ? new Uint8Array() : await readBodyWithLimit(request.body, resolved.maxBodyBytes);
    if (bytes === undefined) return plain(413, `Request body larger than ${resolved.maxBodyBytes} bytes`);
    const text = new TextDecoder().decode(bytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return toResponse(errorReply(400, HttpErrorCode.ParseError, "Parse error: the body is not valid JSON"));
    }
    if (session === undefined) {
      // Another instance may hold the stream: it delivers, after checking the principal itself.
      const forwarded: ForwardedPost = { kind: "legacy-post", origin: instanceId, principal: principalOf(admitted.auth) ?? null, auth: admitted.auth ?? null, text };
      let receivers: unknown;
      try {
        receivers = await (resolved.eventBus as SessionEventBus).publish(legacyChannel(sessionId), forwarded);
      } catch (error) {
        resolved.onError(error);
        return plain(503, "Cannot reach the instance holding this session: the session event bus is unavailable; retry later", { "retry-after": "5" });
      }
      if (receivers === 0) return notFound();
      return new Response("Accepted", { status: 202, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    dispatch(session, parsed, admitted.auth);
    return new Response("Accepted", { status: 202, headers: { "content-type": "text/plain; charset=utf-8" } });
  }

  function deliverForwarded(session: LegacySseSession, value: unknown): void {
    const message = value as Partial<ForwardedPost> | null;
    if (message?.kind !== "legacy-post" || typeof message.text !== "string" || session.isClosed) return;
    if (resolved.authenticate !== undefined && session.principal !== (message.principal ?? undefined)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.text);
    } catch {
      return;
    }
    dispatch(session, parsed, (message.auth ?? undefined) as AuthInfo | undefined);
  }

  function dispatch(session: LegacySseSession, parsed: unknown, auth: AuthInfo | undefined): void {
    session.lastActivity = Date.now();
    const messages = Array.isArray(parsed) ? parsed : [parsed];
    for (const message of messages) {
      const engineSession = session.engineSession;
      if (engineSession === undefined) break;
      engine
        .handleText(JSON.stringify(message), { session: engineSession, auth, headers: {}, parsed: message } as Parameters<McpEngine["handleText"]>[1])
        .then(
          (reply) => {
            if (reply !== undefined) session.sendMessage(reply);
          },
          (error: unknown) => resolved.onError(error),
        );
    }
  }

  async function health(): Promise<Response> {
    const extra = resolved.health === undefined ? {} : await resolved.health();
    return new Response(JSON.stringify({ status: "ok", transport: "sse", sessions: sessions.size, ...extra }), {
      status: 200,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (resolved.healthPath !== undefined && path === resolved.healthPath && (request.method === "GET" || request.method === "HEAD")) return health();
    if (closing) return plain(503, "Server is shutting down");
    const headers = flattenHeaders(Object.fromEntries(request.headers));
    if (path === resolved.ssePath) {
      if (request.method !== "GET") return plain(405, `Method ${request.method} not allowed on ${resolved.ssePath}; use GET`, { allow: "GET" });
      return openStream(request, headers);
    }
    if (path === resolved.messagePath || path === resolved.messagePath.replace(/\/$/, "")) {
      if (request.method !== "POST") return plain(405, `Method ${request.method} not allowed on ${resolved.messagePath}; use POST`, { allow: "POST" });
      return postMessage(request, url, headers);
    }
    if (resolved.fallback !== undefined) return resolved.fallback(request);
    return plain(404, `Not found: the SSE stream is at ${resolved.ssePath}`);
  }

  return {
    fetch: async (request) => {
      try {
        return await handle(request);
      } catch (error) {
        resolved.onError(error);
        return toResponse(errorReply(500, HttpErrorCode.InternalError, "Internal error; see server logs"));
      }
    },
    get sessionCount() {
      return sessions.size;
    },
    close: async () => {
      closing = true;
      if (reaper !== undefined) clearInterval(reaper);
      for (const session of [...sessions.values()]) session.close();
    },
  };
}

export type { ResolvedLegacySseOptions };
