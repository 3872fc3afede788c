/**
 * CORS for browser clients: which origins may call, which headers they may send and read.
 * The MCP headers a browser client must read (`Mcp-Session-Id`, ...) are exposed by default.
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 */
import type { HeaderRecord, HttpReply } from "./replies.js";

/** CORS settings. */
export interface CorsOptions {
  /** `"*"`, one origin, a list, or a predicate. */
  origin: string | readonly string[] | ((origin: string) => boolean);
  /** Request headers a browser may send; default: the MCP and auth headers. Preflights echo what they ask for when allowed. */
  allowHeaders?: readonly string[];
  /** Response headers a browser may read; default: Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate. */
  exposeHeaders?: readonly string[];
  /** Preflight cache lifetime; default 600 s. */
  maxAgeSeconds?: number;
  /** Send `Access-Control-Allow-Credentials: true` (never with origin "*"). */
  credentials?: boolean;
}

const DEFAULT_ALLOW_HEADERS = [
  "Content-Type",
  "Accept",
  "Authorization",
  "Mcp-Session-Id",
  "Mcp-Protocol-Version",
  "Mcp-Method",
  "Mcp-Name",
  "Last-Event-ID",
];
const DEFAULT_EXPOSE_HEADERS = ["Mcp-Session-Id", "Mcp-Protocol-Version", "WWW-Authenticate"];
const ALLOW_METHODS = "GET, POST, DELETE, OPTIONS";

/** Compiled CORS rules. */
export class Cors {
  private readonly allowAny: boolean;
  private readonly allowed: ((origin: string) => boolean) | undefined;
  private readonly exposeHeaders: string;
  private readonly allowHeaders: string;
  private readonly maxAge: string;
  private readonly credentials: boolean;
  /** Shared answer headers when every origin gets "*". */
  private readonly wildcardHeaders: HeaderRecord;

  constructor(options: CorsOptions) {
    const origin = options.origin;
    this.allowAny = origin === "*";
    if (typeof origin === "function") this.allowed = origin;
    else if (typeof origin === "string") this.allowed = this.allowAny ? undefined : (value) => value === origin;
    else {
      const set = new Set(origin);
      this.allowed = (value) => set.has(value);
    }
    this.exposeHeaders = (options.exposeHeaders ?? DEFAULT_EXPOSE_HEADERS).join(", ");
    this.allowHeaders = (options.allowHeaders ?? DEFAULT_ALLOW_HEADERS).join(", ");
    this.maxAge = String(options.maxAgeSeconds ?? 600);
    this.credentials = options.credentials === true && !this.allowAny;
    this.wildcardHeaders = Object.freeze({
      "access-control-allow-origin": "*",
      "access-control-expose-headers": this.exposeHeaders,
    }) as HeaderRecord;
  }

  /** True when the origin may make CORS requests. */
  allows(origin: string): boolean {
    return this.allowAny || (this.allowed?.(origin) ?? false);
  }

  /** Headers to add to an answer for this Origin (undefined: none). */
  responseHeaders(origin: string | undefined): HeaderRecord | undefined {
    if (origin === undefined) return undefined;
    if (this.allowAny) return this.wildcardHeaders;
    if (!this.allows(origin)) return undefined;
    const headers: HeaderRecord = {
      "access-control-allow-origin": origin,
      "access-control-expose-headers": this.exposeHeaders,
      vary: "Origin",
    };
    if (this.credentials) headers["access-control-allow-credentials"] = "true";
    return headers;
  }

  /** The answer to an OPTIONS preflight. */
  preflight(origin: string | undefined, requestedHeaders: string | undefined): HttpReply {
    const base = this.responseHeaders(origin);
    if (base === undefined) return { status: 204, headers: { vary: "Origin" } };
    return {
      status: 204,
      headers: {
        ...base,
        "access-control-allow-methods": ALLOW_METHODS,
        "access-control-allow-headers": requestedHeaders ?? this.allowHeaders,
        "access-control-max-age": this.maxAge,
      },
    };
  }
}
