import { describe, expect, it } from "vitest";
import {
  canUseTool,
  ErrorCode,
  getUserId,
  hasScopes,
  isScopeToken,
  McpError,
  missingScopes,
  requiresAuth,
  toolAuthRequirement,
  type AuthInfo,
} from "./index.js";
import { newServer, request, stateless } from "../test/helpers.js";

const reader: AuthInfo = { subject: "user-1", scopes: ["files:read"] };
const admin: AuthInfo = { subject: "user-2", scopes: ["files:read", "files:write"], extra: { externalAccessToken: "gh-123" } };

function serverWithGatedTools() {
  const app = newServer();
  app.tool({ name: "public", handler: () => "public" });
  app.tool({ name: "signed_in", requiresAuth: true, handler: () => "signed in" });
  app.tool({ name: "read_file", ...requiresAuth({ scopes: ["files:read"] }), handler: () => "read" });
  app.tool({ name: "write_file", ...requiresAuth({ scopes: ["files:read", "files:write"] }), handler: () => "written" });
  return app;
}

async function listedNames(app: ReturnType<typeof newServer>, auth?: AuthInfo): Promise<string[]> {
  const reply = await request(app, "tools/list", {}, auth === undefined ? {} : { auth });
  return (reply.result.tools as { name: string }[]).map((tool) => tool.name);
}

describe("tool auth requirements", () => {
  it("requiresAuth() builds the auth fragment a definition spreads", () => {
    expect(requiresAuth({ scopes: ["a", "b"] })).toEqual({ auth: { scopes: ["a", "b"] } });
    expect(requiresAuth()).toEqual({ auth: { scopes: [] } });
  });

  it("hides gated tools from unauthenticated callers and from callers lacking a scope", async () => {
    const app = serverWithGatedTools();
    expect(await listedNames(app)).toEqual(["public"]);
    expect(await listedNames(app, { scopes: [] })).toEqual(["public", "signed_in"]);
    expect(await listedNames(app, reader)).toEqual(["public", "signed_in", "read_file"]);
    expect(await listedNames(app, admin)).toEqual(["public", "signed_in", "read_file", "write_file"]);
  });

  it("serves each visible set from its own cached page, so callers never see each other's tools", async () => {
    const app = serverWithGatedTools();
    for (let round = 0; round < 3; round++) {
      expect(await listedNames(app, admin)).toHaveLength(4);
      expect(await listedNames(app)).toEqual(["public"]);
      expect(await listedNames(app, reader)).toHaveLength(3);
    }
    const text = await app.handleText('{"jsonrpc":"2.0","id":7,"method":"tools/list"}', { auth: reader });
    expect(JSON.parse(text ?? "").result.tools.map((tool: { name: string }) => tool.name)).toEqual(["public", "signed_in", "read_file"]);
    expect(app.tools.pages.size).toBe(3);
  });

  it("keeps one cached page when no tool needs auth", async () => {
    const app = newServer();
    app.tool({ name: "a", handler: () => "a" });
    await listedNames(app);
    await listedNames(app, admin);
    await listedNames(app, reader);
    expect(app.tools.pages.size).toBe(1);
  });

  it("paginates the visible tools only", async () => {
    const app = newServer({ pageSize: 2 });
    app.tool({ name: "secret", ...requiresAuth({ scopes: ["x"] }), handler: () => "" });
    for (const name of ["a", "b", "c"]) app.tool({ name, handler: () => name });
    const first = await request(app, "tools/list");
    expect(first.result.tools.map((tool: { name: string }) => tool.name)).toEqual(["a", "b"]);
    const second = await request(app, "tools/list", { cursor: first.result.nextCursor });
    expect(second.result.tools.map((tool: { name: string }) => tool.name)).toEqual(["c"]);
    expect(second.result.nextCursor).toBeUndefined();
  });

  it("refuses a call without the scopes with -32003 naming the missing ones", async () => {
    const app = serverWithGatedTools();
    const anonymous = await request(app, "tools/call", { name: "read_file" });
    expect(anonymous.error).toMatchObject({
      code: ErrorCode.InsufficientScope,
      data: { requiredScopes: ["files:read"], missingScopes: ["files:read"] },
    });
    expect(anonymous.error?.message).toMatch(/needs an authenticated caller with scope files:read/);
    const short = await request(app, "tools/call", { name: "write_file" }, { auth: reader });
    expect(short.error).toMatchObject({ code: -32003, data: { requiredScopes: ["files:read", "files:write"], missingScopes: ["files:write"] } });
    expect(short.error?.message).toMatch(/needs scope files:write/);
    const signedOut = await stateless(app, "tools/call", { name: "signed_in" });
    expect(signedOut.error).toMatchObject({ code: -32003, data: { requiredScopes: [], missingScopes: [] } });
  });

  it("runs the tool for a caller with every scope, with ctx.auth passed through and getUserId() = subject", async () => {
    const app = newServer();
    let seen: { userId?: string; ambient?: string; token?: unknown } = {};
    app.tool({
      name: "whoami",
      ...requiresAuth({ scopes: ["files:write"] }),
      handler: (_args, ctx) => {
        seen = { userId: ctx.userId, ambient: getUserId(), token: ctx.auth?.extra?.externalAccessToken };
        return "ok";
      },
    });
    const reply = await request(app, "tools/call", { name: "whoami" }, { auth: admin });
    expect(reply.result).toEqual({ content: [{ type: "text", text: "ok" }] });
    expect(seen).toEqual({ userId: "user-2", ambient: "user-2", token: "gh-123" });
  });

  it("exposes the requirement of enabled gated tools to transports", () => {
    const app = serverWithGatedTools();
    expect(app.getToolAuthRequirement("write_file")).toEqual({ scopes: ["files:read", "files:write"] });
    expect(app.getToolAuthRequirement("signed_in")).toEqual({ scopes: [] });
    expect(app.getToolAuthRequirement("public")).toBeUndefined();
    expect(app.getToolAuthRequirement("nope")).toBeUndefined();
  });

  it("follows update(), disable() and remove() of a gated tool", async () => {
    const app = newServer();
    const handle = app.tool({ name: "t", handler: () => "t" });
    expect(await listedNames(app)).toEqual(["t"]);
    handle.update({ auth: { scopes: ["s"] } });
    expect(await listedNames(app)).toEqual([]);
    expect(app.getToolAuthRequirement("t")).toEqual({ scopes: ["s"] });
    handle.disable();
    expect(app.getToolAuthRequirement("t")).toBeUndefined();
    handle.enable();
    expect(await listedNames(app, { scopes: ["s"] })).toEqual(["t"]);
    handle.remove();
    expect(await listedNames(app, { scopes: ["s"] })).toEqual([]);
  });

  it("rejects malformed requirements at registration", () => {
    const app = newServer();
    const bad = [
      { auth: { scopes: "files:read" } },
      { auth: { scopes: ["has space"] } },
      { auth: { scopes: [""] } },
      { auth: "files:read" },
      { requiresAuth: "yes" },
    ];
    for (const extra of bad) {
      expect(() => app.tool({ name: "bad", handler: () => "", ...(extra as object) })).toThrow(McpError);
    }
    expect(() => app.tool({ name: "bad", handler: () => "", auth: { scopes: ["a b"] } })).toThrow(/auth\.scopes/);
  });

  it("rejects scopes with quotes or backslashes at registration, since they cannot go in a Bearer scope= challenge", () => {
    const app = newServer();
    expect(() => app.tool({ name: "quoted", handler: () => "", auth: { scopes: ['a"b'] } })).toThrow(/auth\.scopes/);
    expect(() => app.tool({ name: "slashed", handler: () => "", auth: { scopes: ["a\\b"] } })).toThrow(/auth\.scopes/);
  });
});

describe("scope helpers shared with @chuk-mcp/auth", () => {
  it("requiresAuth() drops duplicate scopes and refuses invalid scope tokens with invalid_definition", () => {
    expect(requiresAuth({ scopes: ["a", "a", "b"] })).toEqual({ auth: { scopes: ["a", "b"] } });
    for (const scope of ["bad scope", "", 'quo"te', "back\\slash", "tab\tbed"]) {
      let thrown: unknown;
      try {
        requiresAuth({ scopes: [scope] });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(McpError);
      expect((thrown as McpError).code).toBe("invalid_definition");
      expect((thrown as McpError).message).toMatch(/is not a valid scope token/);
    }
  });

  it("isScopeToken accepts RFC 6749 scope tokens only", () => {
    expect(isScopeToken("files:read")).toBe(true);
    expect(isScopeToken("https://example.com/scope")).toBe(true);
    expect(isScopeToken("a b")).toBe(false);
    expect(isScopeToken("")).toBe(false);
    expect(isScopeToken(7)).toBe(false);
  });

  it("hasScopes and missingScopes need an authenticated caller holding every scope", () => {
    const auth: AuthInfo = { scopes: ["a", "b"] };
    expect(hasScopes(auth, ["a", "b"])).toBe(true);
    expect(hasScopes(auth, ["a", "c"])).toBe(false);
    expect(hasScopes(auth, [])).toBe(true);
    expect(hasScopes(undefined, [])).toBe(false);
    expect(missingScopes(auth, ["a", "c", "d"])).toEqual(["c", "d"]);
    expect(missingScopes(undefined, ["a"])).toEqual(["a"]);
    expect(missingScopes({ scopes: "a" } as unknown as AuthInfo, ["a"])).toEqual(["a"]);
  });

  it("toolAuthRequirement and canUseTool read a definition the way tools/list does", async () => {
    expect(toolAuthRequirement({ ...requiresAuth({ scopes: ["x"] }) })).toEqual({ scopes: ["x"] });
    expect(toolAuthRequirement({ requiresAuth: true })).toEqual({ scopes: [] });
    expect(toolAuthRequirement({})).toBeUndefined();
    expect(() => toolAuthRequirement({ auth: "x" })).toThrow(McpError);
    const app = serverWithGatedTools();
    const definitions = {
      public: {},
      signed_in: { requiresAuth: true },
      read_file: requiresAuth({ scopes: ["files:read"] }),
      write_file: requiresAuth({ scopes: ["files:read", "files:write"] }),
    };
    for (const caller of [undefined, { scopes: [] }, reader, admin]) {
      const usable = Object.entries(definitions)
        .filter(([, definition]) => canUseTool(definition, caller))
        .map(([name]) => name);
      expect(usable).toEqual(await listedNames(app, caller));
    }
  });
});
