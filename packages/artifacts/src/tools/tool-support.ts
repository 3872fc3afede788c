/**
 * Shared pieces of the artifact tools: who the caller is (server-side context only), input
 * schemas, early size checks and how results look.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools
 */
import { Type, type ContentBlock, type RequestContext } from "@chuk-mcp/core";
import { ArtifactError } from "../errors.js";
import type { ArtifactAccess, ArtifactMetadata } from "../types.js";

/** The caller as the transport and authentication established it; never from arguments. */
export function accessOf(ctx: RequestContext): ArtifactAccess {
  return {
    ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
    ...(ctx.userId ? { userId: ctx.userId } : {}),
  };
}

/** The MCP resource URI of an artifact. */
export function artifactUri(id: string): string {
  return `artifact://${id}`;
}

export const ArtifactIdInput = Type.String({ minLength: 1, maxLength: 128, description: 'An artifact id, e.g. "ses_…", as returned by write/list tools.' });
export const FilenameInput = Type.String({ minLength: 1, maxLength: 255, description: 'A plain file name like "report.pdf" (no path separators).' });
export const MetaInput = Type.Record(Type.String({ maxLength: 128 }), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), {
  description: "Scalar key/values to filter on later.",
});
export const WritableScopeInput = Type.Union([Type.Literal("session"), Type.Literal("user")], {
  description: '"session" (default; expires) or "user" (persistent; needs sign-in).',
});
export const AnyScopeInput = Type.Union([Type.Literal("session"), Type.Literal("user"), Type.Literal("sandbox")]);
export const TtlInput = Type.Integer({ minimum: 1, description: "Lifetime in seconds (session scope: 900-86400)." });

/** Refuses content over the limit before decoding or storing anything. */
export function assertSize(bytes: number, maxBytes: number, filename: string): void {
  if (bytes > maxBytes) {
    throw new ArtifactError(
      "content_too_large",
      `"${filename}" is ${bytes} bytes, over the ${maxBytes}-byte limit; split it or store a smaller file.`,
    );
  }
}

/** Upper bound of the bytes a base64 text decodes to (before decoding it). */
export function decodedLength(base64: string): number {
  const trimmed = base64.replace(/\s+/g, "");
  const padding = trimmed.endsWith("==") ? 2 : trimmed.endsWith("=") ? 1 : 0;
  return Math.floor((trimmed.length * 3) / 4) - padding;
}

/** What tools show of an artifact. */
export type ArtifactView = {
  id: string;
  uri: string;
  scope: string;
  filename: string;
  mime: string;
  bytes: number;
  sha256: string;
  summary: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  meta: Record<string, string | number | boolean | null>;
};

export function viewOf(metadata: ArtifactMetadata): ArtifactView {
  return {
    id: metadata.id,
    uri: artifactUri(metadata.id),
    scope: metadata.scope,
    filename: metadata.filename,
    mime: metadata.mime,
    bytes: metadata.bytes,
    sha256: metadata.sha256,
    summary: metadata.summary,
    createdAt: new Date(metadata.createdAt).toISOString(),
    updatedAt: new Date(metadata.updatedAt).toISOString(),
    expiresAt: metadata.expiresAt === undefined ? null : new Date(metadata.expiresAt).toISOString(),
    meta: metadata.meta,
  };
}

/** True for mime types whose bytes are meant to be read as text. */
export function isTextMime(mime: string): boolean {
  const type = mime.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "application/xml" ||
    type.endsWith("+xml") ||
    type === "application/javascript" ||
    type === "application/yaml" ||
    type === "image/svg+xml"
  );
}

/** Base64 of bytes without building one huge intermediate string per byte. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let start = 0; start < bytes.byteLength; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** A read result: a text block for text mimes, else an embedded blob resource. */
export function contentOf(metadata: ArtifactMetadata, data: Uint8Array): ContentBlock[] {
  const uri = artifactUri(metadata.id);
  if (isTextMime(metadata.mime)) {
    return [{ type: "text", text: new TextDecoder("utf-8", { fatal: false }).decode(data) }];
  }
  return [{ type: "resource", resource: { uri, mimeType: metadata.mime, blob: toBase64(data) } }];
}
