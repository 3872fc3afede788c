/**
 * What every method handler receives, and the era-specific result envelope.
 */
import type { JsonRpcRequest } from "../jsonrpc.js";
import type { McpServer } from "../server.js";
import type { HandleOptions, OutboundChannel } from "../server-options.js";
import type { Session } from "../session.js";
import { quoteJson } from "../json-text.js";
import { MetaKey, ProtocolEras } from "../versions.js";
import type { RequestEnvelope } from "./era.js";
import { isPlainObject } from "../is-plain-object.js";

/** A method's answer: the result object, plus its JSON text when it was served from a cache. */
export interface Outcome {
  result: Record<string, unknown>;
  text?: string;
}

/** One request being served. */
export interface RequestScope {
  server: McpServer;
  request: JsonRpcRequest;
  /** `request.params` or `{}`. */
  params: Record<string, unknown>;
  envelope: RequestEnvelope;
  options: HandleOptions;
  session: Session | undefined;
}

/** Which 2026 caching hints apply to a result. */
export type CacheKind = "list" | "read" | "none";

/** Per server: the `_meta` most results carry (only serverInfo), built once and shared. */
const serverInfoMeta = new WeakMap<McpServer, Readonly<Record<string, unknown>>>();

function infoMetaOf(server: McpServer): Readonly<Record<string, unknown>> {
  let meta = serverInfoMeta.get(server);
  if (meta === undefined) {
    meta = Object.freeze({ [MetaKey.ServerInfo]: server.info });
    serverInfoMeta.set(server, meta);
  }
  return meta;
}

/**
 * Per server and cache kind: the JSON tail `envelopeResult` adds to a plain 2026 result,
 * `,"resultType":"complete"[,"ttlMs":…,"cacheScope":…],"_meta":{serverInfo}}`, built once.
 */
const envelopeTails = new WeakMap<McpServer, Partial<Record<CacheKind, string>>>();

function envelopeTailOf(server: McpServer, cache: CacheKind): string {
  let tails = envelopeTails.get(server);
  if (tails === undefined) {
    tails = {};
    envelopeTails.set(server, tails);
  }
  let tail = tails[cache];
  if (tail === undefined) {
    const hints = cache === "none" ? "" : `,"ttlMs":${JSON.stringify(ttlOf(server))},"cacheScope":${JSON.stringify(cacheScopeOf(server, cache))}`;
    tail = `,"resultType":"complete"${hints},"_meta":${JSON.stringify(infoMetaOf(server))}}`;
    tails[cache] = tail;
  }
  return tail;
}

function ttlOf(server: McpServer): number {
  return server.options.cache?.ttlMs ?? 0;
}

function cacheScopeOf(server: McpServer, cache: Exclude<CacheKind, "none">): string {
  return server.options.cache?.scope ?? (cache === "list" ? "public" : "private");
}

/**
 * `envelopeResult(scope, result, cache)` as an outcome. In the 2026 era its JSON is the result's
 * own JSON with the server's cached envelope tail spliced on, so the shared serverInfo `_meta`
 * is not serialized again for every request, and the enveloped copy of the result is made only
 * if something reads `result`. Results that set envelope keys themselves take the ordinary path.
 */
export function envelopedOutcome(scope: RequestScope, result: Record<string, unknown>, cache: CacheKind): Outcome {
  if (scope.envelope.era !== ProtocolEras.Stateless) return { result };
  if (
    result.resultType !== undefined ||
    result._meta !== undefined ||
    result.ttlMs !== undefined ||
    result.cacheScope !== undefined ||
    typeof result.toJSON === "function"
  ) {
    return { result: envelopeResult(scope, result, cache) };
  }
  return new SplicedOutcome(scope, result, cache);
}

class SplicedOutcome implements Outcome {
  constructor(
    private readonly scope: RequestScope,
    private readonly body: Record<string, unknown>,
    private readonly cache: CacheKind,
  ) {}

  get result(): Record<string, unknown> {
    return envelopeResult(this.scope, this.body, this.cache);
  }

  /** Read inside the engine's reply `try`: a result that cannot be serialized becomes an error reply, as before. */
  get text(): string {
    const own = JSON.stringify(this.body);
    const tail = envelopeTailOf(this.scope.server, this.cache);
    return own === "{}" ? `{${tail.slice(1)}` : own.slice(0, -1) + tail;
  }
}

/**
 * The outcome of a tool that returned a string (the commonest result): the result object and its
 * JSON text, written directly rather than by `JSON.stringify` of the object. Equal to
 * `envelopeResult(scope, { content: [{ type: "text", text }] }, "none")` and its JSON.
 */
export function textToolOutcome(scope: RequestScope, text: string): Outcome {
  if (scope.envelope.era !== ProtocolEras.Stateless) {
    return new TextToolOutcome(text, `{"content":[{"type":"text","text":${quoteJson(text)}}]}`, undefined);
  }
  const server = scope.server;
  return new TextToolOutcome(text, `{"content":[{"type":"text","text":${quoteJson(text)}}]${envelopeTailOf(server, "none")}`, server);
}

/** A string tool result: the JSON text now, the result object only if something asks for it. */
class TextToolOutcome implements Outcome {
  constructor(
    private readonly value: string,
    readonly text: string,
    /** Set in the 2026 era: the server whose info goes in `_meta`. */
    private readonly stateless: McpServer | undefined,
  ) {}

  get result(): Record<string, unknown> {
    const content = [{ type: "text", text: this.value }];
    if (this.stateless === undefined) return { content };
    return { content, resultType: "complete", _meta: infoMetaOf(this.stateless) };
  }
}

/** Adds the 2026-07-28 envelope (`resultType`, serverInfo in `_meta`, caching hints) to a result. */
export function envelopeResult(
  scope: RequestScope,
  result: Record<string, unknown>,
  cache: CacheKind,
): Record<string, unknown> {
  if (scope.envelope.era !== ProtocolEras.Stateless) return result;
  const meta = result._meta;
  const outMeta =
    typeof meta === "object" && meta !== null
      ? { ...(meta as Record<string, unknown>), [MetaKey.ServerInfo]: scope.server.info }
      : infoMetaOf(scope.server);
  const resultType = result.resultType === undefined ? "complete" : result.resultType;
  if (cache === "none") return { ...result, resultType, _meta: outMeta };
  return {
    ...result,
    resultType,
    ttlMs: ttlOf(scope.server),
    cacheScope: cacheScopeOf(scope.server, cache),
    _meta: outMeta,
  };
}

/** The request's `_meta.progressToken`, if it is a string or number. */
export function readProgressToken(params: Record<string, unknown>): string | number | undefined {
  const meta = params._meta;
  if (!isPlainObject(meta)) return undefined;
  const token = meta.progressToken;
  return typeof token === "string" || typeof token === "number" ? token : undefined;
}

/** The transport's channel for messages related to a request (`channel`, else `send`), if any. */
export function outboundChannelOf(options: HandleOptions): OutboundChannel | undefined {
  if (options.channel !== undefined) return options.channel;
  const send = options.send;
  return send === undefined ? undefined : { send };
}
