/**
 * The download endpoint behind HMAC-presigned links (drivers without native presigning):
 * `GET <basePath>/<token>`. The token is the whole grant (artifact, owner, expiry), so the
 * route needs no session or sign-in; a forged, foreign or tampered token gets 403, an
 * expired one 410, a deleted artifact 404. Web `Request`/`Response` only.
 * @see https://www.rfc-editor.org/rfc/rfc6266 (Content-Disposition)
 */
import type { ArtifactStore } from "./artifact-store.js";
import { isArtifactError } from "./errors.js";
import { assertMime } from "./validation.js";

export interface ArtifactDownloadOptions {
  /** Where the route lives. Default `/artifacts/download` (what the tools link to by default). */
  basePath?: string;
}

/** Something with a Hono-style `get(path, handler)`, e.g. a Hono app. */
export interface RouteHost {
  get(path: string, handler: (context: { req: { raw: Request } }) => Response | Promise<Response>): unknown;
}

function problem(status: number, message: string): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** RFC 6266 / 8187: an ASCII fallback (quotes, backslashes, controls and non-ASCII replaced) plus the UTF-8 form. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  // encodeURIComponent leaves ' ( ) * unescaped; RFC 8187 attr-char does not allow them.
  const extended = encodeURIComponent(filename).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${extended}`;
}

/** Types a browser would run or render as a document (scripts, markup): served as opaque bytes. */
const ACTIVE_TYPE = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|[a-z]+\/[a-z.+-]*(javascript|ecmascript)|text\/xsl|application\/x-shockwave-flash|multipart\/)/i;

/**
 * The Content-Type to serve: the stored mime when it is a well-formed, passive type;
 * `application/octet-stream` for anything active or malformed (a record edited in storage
 * cannot inject headers either).
 */
export function servedContentType(mime: unknown): string {
  try {
    assertMime(mime);
  } catch {
    return "application/octet-stream";
  }
  return ACTIVE_TYPE.test(mime.trim()) ? "application/octet-stream" : mime;
}

/** A `fetch`-style handler for download requests. */
export function createArtifactDownloadHandler(store: ArtifactStore, options: ArtifactDownloadOptions = {}): (request: Request) => Promise<Response> {
  const basePath = (options.basePath ?? "/artifacts/download").replace(/\/+$/, "");
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response(JSON.stringify({ error: "Method Not Allowed: use GET" }), { status: 405, headers: { allow: "GET, HEAD", "content-type": "application/json" } });
    }
    const path = new URL(request.url).pathname;
    const token = path.startsWith(`${basePath}/`) ? decodeURIComponent(path.slice(basePath.length + 1)) : "";
    if (token === "" || token.includes("/")) return problem(404, "Not Found: the download link is incomplete; ask for a new presigned link.");
    try {
      const { metadata, data } = await store.readPresigned(token);
      return new Response(request.method === "HEAD" ? null : (data as Uint8Array<ArrayBuffer>), {
        status: 200,
        headers: {
          "content-type": servedContentType(metadata.mime),
          "content-length": String(data.byteLength),
          "content-disposition": contentDisposition(String(metadata.filename)),
          "x-content-type-options": "nosniff",
          // Even opened inline (a client ignoring attachment), nothing in it may run or load.
          "content-security-policy": "default-src 'none'; sandbox",
          "cross-origin-resource-policy": "same-origin",
          "referrer-policy": "no-referrer",
          "cache-control": "private, no-store",
          ...(/^[0-9a-f]{64}$/.test(String(metadata.sha256)) ? { etag: `"${metadata.sha256}"` } : {}),
        },
      });
    } catch (error) {
      if (isArtifactError(error, "invalid_token")) return problem(403, "Forbidden: the download link is not valid; ask for a new presigned link.");
      if (isArtifactError(error, "token_expired")) return problem(410, "Gone: the download link expired; ask for a new presigned link.");
      if (isArtifactError(error, "artifact_not_found") || isArtifactError(error, "artifact_expired")) {
        return problem(404, "Not Found: the artifact no longer exists.");
      }
      return problem(503, "Service Unavailable: artifact storage failed; retry shortly.");
    }
  };
}

/**
 * A route factory for `@chuk-mcp/http`'s `routes` option (or any Hono app).
 * @example serve(server, { routes: [createArtifactDownloadRoute(store)] })
 */
export function createArtifactDownloadRoute(store: ArtifactStore, options: ArtifactDownloadOptions = {}): (app: RouteHost) => void {
  const handler = createArtifactDownloadHandler(store, options);
  const basePath = (options.basePath ?? "/artifacts/download").replace(/\/+$/, "");
  return (app) => {
    app.get(`${basePath}/:token`, (context) => handler(context.req.raw));
  };
}
