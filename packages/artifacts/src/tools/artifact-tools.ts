/**
 * Artifact tools for MCP clients, each off until named in `enable`. The caller's session and
 * user come from the request context only, so no argument can reach another session's or
 * user's artifacts; those read as "not found", exactly like missing ones.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/progress
 */
import { McpError, Type, type McpServer } from "@chuk-mcp/core";
import type { ArtifactStore } from "../artifact-store.js";
import { ArtifactError } from "../errors.js";
import type { ArtifactScope } from "../types.js";
import { registerArtifactResources } from "./artifact-resources.js";
import {
  accessOf, AnyScopeInput, ArtifactIdInput, assertSize, contentOf, decodedLength, FilenameInput, MetaInput, TtlInput, viewOf, WritableScopeInput,
} from "./tool-support.js";

/** Every artifact tool, in registration order. */
export const ARTIFACT_TOOL_NAMES = [
  "write_file", "upload_file", "read_file", "delete_file", "list_session_files", "write_session_file", "upload_session_file",
  "write_user_file", "upload_user_file", "list_user_files", "list_directory", "copy_file", "move_file", "get_file_metadata",
  "get_presigned_url", "get_storage_stats",
] as const;

export type ArtifactToolName = (typeof ARTIFACT_TOOL_NAMES)[number];

export interface ArtifactToolsOptions {
  /** Tools to register; none by default. */
  enable: readonly ArtifactToolName[];
  /** Largest content a tool accepts, bytes (also capped by the store's `maxBytes`). Default: the store's. */
  maxBytes?: number;
  /** Also expose every visible artifact as an `artifact://{id}` resource. Default true. */
  resources?: boolean;
  /**
   * Where HMAC download links point (non-S3 drivers): a base URL the download route is
   * mounted at, e.g. `https://api.example.com/artifacts/download`. Recommended in production.
   * Default: built from the request's Host as `http://<host>/artifacts/download`.
   */
  downloadUrl?: string;
  /**
   * Believe `X-Forwarded-Proto` / `X-Forwarded-Host` when building the default link. Default
   * false: they are client-controlled unless the transport vouches for them. `@chuk-mcp/http`
   * does (it removes them unless the peer matches its `trustProxy`, and sets
   * `X-Forwarded-Proto: https` for TLS it serves itself), so set both together.
   */
  trustForwardedHeaders?: boolean;
}

type WriteTool = { name: ArtifactToolName; scope?: ArtifactScope; encoding: "utf8" | "base64"; description: string };

const WRITE_TOOLS: readonly WriteTool[] = [
  { name: "write_file", encoding: "utf8", description: "Stores text as a new artifact (session scope unless scope says user)." },
  { name: "upload_file", encoding: "base64", description: "Stores base64-encoded bytes as a new artifact (session scope unless scope says user)." },
  { name: "write_session_file", scope: "session", encoding: "utf8", description: "Stores text as an artifact of this session (expires with its TTL)." },
  { name: "upload_session_file", scope: "session", encoding: "base64", description: "Stores base64-encoded bytes as an artifact of this session." },
  { name: "write_user_file", scope: "user", encoding: "utf8", description: "Stores text as a persistent artifact of the signed-in user." },
  { name: "upload_user_file", scope: "user", encoding: "base64", description: "Stores base64-encoded bytes as a persistent artifact of the signed-in user." },
];

/** A Host value: a DNS name or IP literal with an optional port, nothing else (no path, userinfo or spaces). */
const HOST_VALUE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The base of default download links; `undefined` when no trustworthy one can be built. */
export function downloadBase(headers: Record<string, string | undefined>, configured: string | undefined, trustForwarded = false): string | undefined {
  if (configured !== undefined) return configured.replace(/\/+$/, "");
  const forwardedHost = trustForwarded ? headers["x-forwarded-host"]?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || headers.host?.trim();
  if (host === undefined || host === "" || !HOST_VALUE.test(host)) return undefined;
  const protocol = trustForwarded && headers["x-forwarded-proto"]?.split(",")[0]?.trim().toLowerCase() === "https" ? "https" : "http";
  return `${protocol}://${host}/artifacts/download`;
}

/**
 * Registers the enabled artifact tools (and the `artifact://{id}` resources) on `server`.
 * @example registerArtifactTools(server, store, { enable: ["write_file", "read_file", "list_session_files"] })
 */
export function registerArtifactTools(server: McpServer, store: ArtifactStore, options: ArtifactToolsOptions): void {
  const enabled = new Set<string>(options?.enable ?? []);
  for (const name of enabled) {
    if (!(ARTIFACT_TOOL_NAMES as readonly string[]).includes(name)) {
      throw new McpError("invalid_definition", `Unknown artifact tool "${name}"; choose from ${ARTIFACT_TOOL_NAMES.join(", ")}.`);
    }
  }
  const maxBytes = Math.min(options.maxBytes ?? store.maxBytes, store.maxBytes);
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new McpError("invalid_definition", `maxBytes must be a positive integer, got ${String(options.maxBytes)}.`);
  if (options.resources !== false) registerArtifactResources(server, store);

  for (const tool of WRITE_TOOLS) {
    if (!enabled.has(tool.name)) continue;
    const contentField = tool.encoding === "base64" ? "content_base64" : "content";
    server.tool({
      name: tool.name,
      description: `${tool.description} Limit: ${maxBytes} bytes.`,
      input: Type.Object({
        [contentField]: Type.String({ description: tool.encoding === "base64" ? "The bytes, base64-encoded." : "UTF-8 text." }),
        filename: FilenameInput,
        mime: Type.Optional(Type.String({ maxLength: 255 })),
        summary: Type.Optional(Type.String({ maxLength: 4_096 })),
        ...(tool.scope === undefined ? { scope: Type.Optional(WritableScopeInput) } : {}),
        ttl_seconds: Type.Optional(TtlInput),
        meta: Type.Optional(MetaInput),
      }),
      handler: async (args, ctx) => {
        const input = args as Record<string, unknown> & { filename: string; mime?: string; summary?: string; scope?: ArtifactScope; ttl_seconds?: number; meta?: Record<string, string | number | boolean | null> };
        const content = input[contentField] as string;
        const bytes = tool.encoding === "base64" ? decodedLength(content) : new TextEncoder().encode(content).byteLength;
        assertSize(bytes, maxBytes, input.filename);
        await ctx.progress(1, 3, `received ${bytes} bytes`);
        const metadata = await store.write(content, {
          ...accessOf(ctx),
          scope: tool.scope ?? input.scope ?? "session",
          filename: input.filename,
          encoding: tool.encoding,
          ...(input.mime !== undefined ? { mime: input.mime } : {}),
          ...(input.summary !== undefined ? { summary: input.summary } : {}),
          ...(input.ttl_seconds !== undefined ? { ttl: input.ttl_seconds } : {}),
          ...(input.meta !== undefined ? { meta: input.meta } : {}),
        });
        await ctx.progress(2, 3, `stored ${metadata.bytes} bytes`);
        await ctx.progress(3, 3, `saved as ${metadata.id}`);
        return viewOf(metadata);
      },
    });
  }

  const register = (name: ArtifactToolName, define: () => void): void => {
    if (enabled.has(name)) define();
  };
  register("read_file", () =>
    server.tool({
      name: "read_file",
      description: "Reads an artifact you can see: text as text, anything else as a base64 blob resource.",
      annotations: { readOnlyHint: true },
      input: Type.Object({ artifact_id: ArtifactIdInput }),
      handler: async ({ artifact_id: id }, ctx) => {
        const { metadata, data } = await store.read(id, accessOf(ctx));
        return { content: contentOf(metadata, data) };
      },
    }),
  );
  register("delete_file", () =>
    server.tool({
      name: "delete_file",
      description: "Deletes one of your artifacts (sandbox artifacts are read-only).",
      annotations: { destructiveHint: true },
      input: Type.Object({ artifact_id: ArtifactIdInput }),
      handler: async ({ artifact_id: id }, ctx) => {
        if (!(await store.delete(id, accessOf(ctx)))) {
          throw new ArtifactError("artifact_not_found", `Artifact ${JSON.stringify(id)} was not found; list your artifacts to get a valid id.`);
        }
        return { deleted: id };
      },
    }),
  );
  const listInput = Type.Object({
    mime_prefix: Type.Optional(Type.String({ maxLength: 255, description: 'Only artifacts whose mime starts with this, e.g. "image/".' })),
    meta: Type.Optional(MetaInput),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })),
  });
  const listTool = (name: ArtifactToolName, scope: ArtifactScope, description: string) =>
    register(name, () =>
      server.tool({
        name,
        description,
        annotations: { readOnlyHint: true },
        input: listInput,
        handler: async ({ mime_prefix: mimePrefix, meta, limit }, ctx) => {
          const found = await store.list(accessOf(ctx), { scope, ...(mimePrefix ? { mimePrefix } : {}), ...(meta ? { meta } : {}), ...(limit ? { limit } : {}) });
          return { files: found.map(viewOf) };
        },
      }),
    );
  listTool("list_session_files", "session", "Lists this session's artifacts, newest first; filter by mime prefix or meta.");
  listTool("list_user_files", "user", "Lists the signed-in user's artifacts, newest first; filter by mime prefix or meta.");
  register("list_directory", () =>
    server.tool({
      name: "list_directory",
      description: "Lists file names in one scope (session, user or the shared sandbox), optionally those starting with a prefix.",
      annotations: { readOnlyHint: true },
      input: Type.Object({ scope: Type.Optional(AnyScopeInput), prefix: Type.Optional(Type.String({ maxLength: 255 })) }),
      handler: async ({ scope, prefix }, ctx) => {
        const access = accessOf(ctx);
        const found = await store.list(access, { scope: scope ?? (access.sessionId ? "session" : "user") });
        const entries = found
          .filter((metadata) => prefix === undefined || metadata.filename.startsWith(prefix))
          .sort((left, right) => left.filename.localeCompare(right.filename))
          .map((metadata) => ({ name: metadata.filename, id: metadata.id, bytes: metadata.bytes, mime: metadata.mime }));
        return { scope: scope ?? (access.sessionId ? "session" : "user"), entries };
      },
    }),
  );
  const relocateInput = Type.Object({
    artifact_id: ArtifactIdInput,
    scope: Type.Optional(WritableScopeInput),
    filename: Type.Optional(FilenameInput),
    summary: Type.Optional(Type.String({ maxLength: 4_096 })),
  });
  register("copy_file", () =>
    server.tool({
      name: "copy_file",
      description: "Copies an artifact you can see into a new artifact you own (e.g. session → user to keep it).",
      input: Type.Object({ ...relocateInput.properties, ttl_seconds: Type.Optional(TtlInput) }),
      handler: async ({ artifact_id: id, scope, filename, summary, ttl_seconds: ttl }, ctx) =>
        viewOf(await store.copy(id, accessOf(ctx), { ...(scope ? { scope } : {}), ...(filename ? { filename } : {}), ...(summary !== undefined ? { summary } : {}), ...(ttl ? { ttl } : {}) })),
    }),
  );
  register("move_file", () =>
    server.tool({
      name: "move_file",
      description: "Renames one of your artifacts, or moves it to another scope you own (new id).",
      input: relocateInput,
      handler: async ({ artifact_id: id, scope, filename, summary }, ctx) =>
        viewOf(await store.move(id, accessOf(ctx), { ...(scope ? { scope } : {}), ...(filename ? { filename } : {}), ...(summary !== undefined ? { summary } : {}) })),
    }),
  );
  register("get_file_metadata", () =>
    server.tool({
      name: "get_file_metadata",
      description: "Shows an artifact's metadata: name, mime, size, sha256, scope, timestamps, expiry.",
      annotations: { readOnlyHint: true },
      input: Type.Object({ artifact_id: ArtifactIdInput }),
      handler: async ({ artifact_id: id }, ctx) => viewOf(await store.metadata(id, accessOf(ctx))),
    }),
  );
  register("get_presigned_url", () =>
    server.tool({
      name: "get_presigned_url",
      description: "Creates an expiring download link for an artifact you can see.",
      input: Type.Object({ artifact_id: ArtifactIdInput, expires_in_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 3_600 })) }),
      handler: async ({ artifact_id: id, expires_in_seconds: expiresIn }, ctx) => {
        const signed = await store.presign(id, accessOf(ctx), expiresIn ? { expiresIn } : {});
        const base = downloadBase(ctx.headers, options.downloadUrl, options.trustForwardedHeaders === true);
        const url = signed.url ?? (base === undefined ? undefined : `${base}/${signed.token}`);
        if (url === undefined) {
          throw new ArtifactError("invalid_argument", "No download URL can be built here (no usable Host header); set the downloadUrl option of registerArtifactTools.");
        }
        return { artifact_id: id, url, expiresAt: new Date(signed.expiresAt).toISOString() };
      },
    }),
  );
  register("get_storage_stats", () =>
    server.tool({
      name: "get_storage_stats",
      description: "Counts and total bytes of the artifacts you can see, per scope.",
      annotations: { readOnlyHint: true },
      input: Type.Object({}),
      handler: async (_args, ctx) => ({ maxBytes, scopes: await store.stats(accessOf(ctx)) }),
    }),
  );
}
