/**
 * Artifacts as MCP resources: `artifact://{id}` for every artifact the caller may see
 * (their session's, their user's, the sandbox's) in `resources/list`, and `resources/read`
 * answering text as `text` and anything else as base64 `blob`. Anything the caller may not
 * see, and anything missing, malformed or expired, is the engine's plain "resource not found".
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/resources
 */
import type { McpServer, Resource, ResourceContents } from "@chuk-mcp/core";
import type { ArtifactStore } from "../artifact-store.js";
import { isArtifactError } from "../errors.js";
import type { ArtifactMetadata, ArtifactScope } from "../types.js";
import { accessOf, artifactUri, isTextMime, toBase64 } from "./tool-support.js";

/** Errors that mean "this caller has no such artifact": all answered the same way. */
const NOT_VISIBLE = new Set(["artifact_not_found", "artifact_expired", "invalid_argument", "session_required", "authentication_required", "permission_denied"]);

function listing(metadata: ArtifactMetadata): Resource {
  return {
    uri: artifactUri(metadata.id),
    name: metadata.filename,
    mimeType: metadata.mime,
    size: metadata.bytes,
    ...(metadata.summary ? { description: metadata.summary } : {}),
  };
}

/** Registers the `artifact://{id}` template with a `list` callback. */
export function registerArtifactResources(server: McpServer, store: ArtifactStore): void {
  server.resourceTemplate({
    uriTemplate: "artifact://{id}",
    name: "artifact",
    title: "Artifacts",
    description: "Files stored by this server's artifact tools: your session's, your user's and the shared sandbox's.",
    list: async (ctx) => {
      const access = accessOf(ctx);
      const scopes: ArtifactScope[] = [...(access.sessionId ? (["session"] as const) : []), ...(access.userId ? (["user"] as const) : []), "sandbox"];
      const resources: Resource[] = [];
      for (const scope of scopes) resources.push(...(await store.list(access, { scope })).map(listing));
      return resources;
    },
    read: async (uri, variables, ctx): Promise<ResourceContents[]> => {
      let found;
      try {
        found = await store.read(variables.id ?? "", accessOf(ctx));
      } catch (error) {
        if (isArtifactError(error) && NOT_VISIBLE.has(error.code)) return [];
        throw error;
      }
      const { metadata, data } = found;
      const target = typeof uri === "string" ? uri : uri.toString();
      return isTextMime(metadata.mime)
        ? [{ uri: target, mimeType: metadata.mime, text: new TextDecoder().decode(data) }]
        : [{ uri: target, mimeType: metadata.mime, blob: toBase64(data) }];
    },
  });
}
