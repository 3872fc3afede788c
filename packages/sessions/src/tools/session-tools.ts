/**
 * Session tools for LLM clients, each off until named in `enable`. Identity comes only from
 * the server-side request context (`ctx.sessionId`, `ctx.userId` from authentication); no
 * tool takes a session or user id that would let a caller act as someone else. Another
 * user's session reads as "not found", exactly like a missing one.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools
 */
import { McpError, Type, type McpServer, type RequestContext } from "@chuk-mcp/core";
import type { SessionManager } from "../session-manager.js";
import type { SessionRecord } from "../types.js";

/** Every session tool, in registration order. */
export const SESSION_TOOL_NAMES = [
  "get_current_session",
  "set_session",
  "clear_session",
  "list_sessions",
  "get_session_info",
  "create_session",
] as const;

export type SessionToolName = (typeof SESSION_TOOL_NAMES)[number];

export interface SessionToolsOptions {
  /** Tools to register; none by default. */
  enable: readonly SessionToolName[];
}

/** What a tool shows of a session: never the engine state. */
export type SessionView = {
  sessionId: string;
  userId: string | null;
  createdAt: string;
  lastAccessedAt: string;
  expiresAt: string;
  metadata: Record<string, unknown>;
  current: boolean;
};

const JsonObject = Type.Record(Type.String(), Type.Unknown());

function view(record: SessionRecord, currentId: string | undefined): SessionView {
  return {
    sessionId: record.id,
    userId: record.userId ?? null,
    createdAt: new Date(record.createdAt).toISOString(),
    lastAccessedAt: new Date(record.lastAccessedAt).toISOString(),
    expiresAt: new Date(record.expiresAt).toISOString(),
    metadata: record.metadata,
    current: record.id === currentId,
  };
}

function requireSessionId(ctx: RequestContext): string {
  if (ctx.sessionId === undefined || ctx.sessionId === "") {
    throw new McpError(
      "session_required",
      "This request has no session (stateless 2026-07-28 request or session-less transport); connect with a 2025-11-25 session (initialize) to use session tools.",
    );
  }
  return ctx.sessionId;
}

function requireUser(ctx: RequestContext, tool: string): string {
  const userId = ctx.userId;
  if (userId === undefined || userId === "") {
    throw new McpError("authentication_required", `${tool} needs an authenticated user; sign in (send a bearer token) and retry.`);
  }
  return userId;
}

function notFound(): McpError {
  return new McpError("session_not_found", "Session not found: it does not exist, expired, or belongs to someone else.");
}

/** The caller's own session record, created on first use and bound to the caller's user. */
async function currentRecord(manager: SessionManager, ctx: RequestContext): Promise<SessionRecord> {
  const sessionId = requireSessionId(ctx);
  const existing = await manager.get(sessionId);
  if (existing === undefined) {
    return manager.create({ id: sessionId, ...(ctx.userId ? { userId: ctx.userId } : {}) });
  }
  // Strict: a signed-in user's session is not the anonymous caller's, nor the other way round
  // (no late binding: that let a session created anonymously be taken over by whoever signed in first).
  if (!sameUser(existing.userId, ctx.userId)) throw notFound();
  return existing;
}

function sameUser(recordUser: string | undefined, callerUser: string | undefined): boolean {
  return (recordUser || undefined) === (callerUser || undefined);
}

/** True when the caller may see `record`: its own session, or a session of the same authenticated user. */
function visibleTo(record: SessionRecord, ctx: RequestContext): boolean {
  if (record.id === ctx.sessionId) return sameUser(record.userId, ctx.userId);
  return ctx.userId !== undefined && ctx.userId !== "" && record.userId === ctx.userId;
}

/**
 * Registers the enabled session tools on `server`, backed by `manager`.
 * @example registerSessionTools(server, manager, { enable: ["get_current_session", "set_session"] })
 */
export function registerSessionTools(server: McpServer, manager: SessionManager, options: SessionToolsOptions): Record<SessionToolName, { remove(): void } | undefined> {
  const enabled = new Set<string>(options?.enable ?? []);
  for (const name of enabled) {
    if (!(SESSION_TOOL_NAMES as readonly string[]).includes(name)) {
      throw new McpError("invalid_definition", `Unknown session tool "${name}"; choose from ${SESSION_TOOL_NAMES.join(", ")}.`);
    }
  }
  const handles = {} as Record<SessionToolName, { remove(): void } | undefined>;
  const add = (name: SessionToolName, register: () => { remove(): void }): void => {
    handles[name] = enabled.has(name) ? register() : undefined;
  };

  add("get_current_session", () =>
    server.tool({
      name: "get_current_session",
      description: "Shows the current session: id, owner, timestamps and stored metadata.",
      annotations: { readOnlyHint: true },
      input: Type.Object({}),
      handler: async (_args, ctx) => view(await currentRecord(manager, ctx), ctx.sessionId),
    }),
  );
  add("set_session", () =>
    server.tool({
      name: "set_session",
      description: "Stores key/value metadata on the current session (merged; a null value removes the key).",
      input: Type.Object({ metadata: JsonObject }),
      handler: async ({ metadata }, ctx) => {
        const record = await currentRecord(manager, ctx);
        const changes = Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, value === null ? undefined : value]));
        return view(await manager.update(record.id, { metadata: changes }), ctx.sessionId);
      },
    }),
  );
  add("clear_session", () =>
    server.tool({
      name: "clear_session",
      description: "Removes metadata from the current session: the listed keys, or all of it.",
      input: Type.Object({ keys: Type.Optional(Type.Array(Type.String(), { maxItems: 1_000 })) }),
      handler: async ({ keys }, ctx) => {
        const record = await currentRecord(manager, ctx);
        const changes = Object.fromEntries((keys ?? Object.keys(record.metadata)).map((key) => [key, undefined]));
        return view(await manager.update(record.id, { metadata: changes }), ctx.sessionId);
      },
    }),
  );
  add("list_sessions", () =>
    server.tool({
      name: "list_sessions",
      description: "Lists the live sessions of the signed-in user (or just the current session without sign-in).",
      annotations: { readOnlyHint: true },
      input: Type.Object({}),
      handler: async (_args, ctx) => {
        if (ctx.userId === undefined || ctx.userId === "") return { sessions: [view(await currentRecord(manager, ctx), ctx.sessionId)] };
        if (ctx.sessionId !== undefined) await currentRecord(manager, ctx);
        const records = await manager.list({ userId: ctx.userId });
        return { sessions: records.sort((a, b) => b.lastAccessedAt - a.lastAccessedAt).map((record) => view(record, ctx.sessionId)) };
      },
    }),
  );
  add("get_session_info", () =>
    server.tool({
      name: "get_session_info",
      description: "Shows one of your sessions by id (default: the current one).",
      annotations: { readOnlyHint: true },
      input: Type.Object({ session_id: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })) }),
      handler: async ({ session_id: sessionId }, ctx) => {
        if (sessionId === undefined || sessionId === ctx.sessionId) return view(await currentRecord(manager, ctx), ctx.sessionId);
        const record = await manager.get(sessionId).catch(() => undefined);
        if (record === undefined || !visibleTo(record, ctx)) throw notFound();
        return view(record, ctx.sessionId);
      },
    }),
  );
  add("create_session", () =>
    server.tool({
      name: "create_session",
      description: "Creates a new session record owned by the signed-in user, with optional metadata.",
      input: Type.Object({
        metadata: Type.Optional(JsonObject),
        ttl_seconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 7 * 24 * 3_600 })),
      }),
      handler: async ({ metadata, ttl_seconds: ttlSeconds }, ctx) => {
        const userId = requireUser(ctx, "create_session");
        const record = await manager.create({ userId, ...(metadata ? { metadata } : {}), ...(ttlSeconds ? { ttlSeconds } : {}) });
        return view(record, ctx.sessionId);
      },
    }),
  );
  return handles;
}
