import { McpServer, type AuthInfo } from "@chuk-mcp/core";
import { serve, type RunningServer } from "@chuk-mcp/http/node";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpSessionBackend, type HttpSessionBackend } from "../http/http-session-backend.js";
import { registerSessionTools, SESSION_TOOL_NAMES, type SessionToolName } from "./session-tools.js";

let running: RunningServer | undefined;
let backend: HttpSessionBackend;
const clients: Client[] = [];

/** Bearer tokens are the user names; no token means an anonymous caller. */
async function authenticate(input: { headers: Record<string, string | undefined> }) {
  const token = input.headers.authorization?.replace(/^Bearer /, "");
  const auth: AuthInfo = token ? { token, subject: token, scopes: [] } : { scopes: [] };
  return { ok: true as const, auth };
}

async function start(enable: readonly SessionToolName[] = SESSION_TOOL_NAMES): Promise<string> {
  backend = await createHttpSessionBackend({ provider: "memory", sandboxId: "test", env: {} });
  const server = new McpServer({ name: "session-tools", version: "1.0.0" });
  registerSessionTools(server, backend.manager, { enable });
  running = await serve(server, { port: 0, sessionStore: backend.sessionStore, authenticate });
  return running.url;
}

async function connect(url: string, user?: string): Promise<Client> {
  const client = new Client({ name: "session-tools-test", version: "1.0.0" });
  const headers: Record<string, string> = user === undefined ? {} : { authorization: `Bearer ${user}` };
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ type: string; text: string }> };
  const text = result.content[0]?.text ?? "";
  return { isError: result.isError === true, text, json: result.isError ? undefined : (JSON.parse(text) as Record<string, any>) };
}

beforeEach(() => {
  clients.length = 0;
});

afterEach(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await running?.close();
  running = undefined;
  await backend?.close();
});

describe("registerSessionTools", () => {
  it("registers nothing unless enabled, and only the tools named", async () => {
    const url = await start([]);
    const client = await connect(url);
    expect((await client.listTools()).tools).toEqual([]);
    await running!.close();
    await backend.close();
    const second = await start(["get_current_session", "list_sessions"]);
    const other = await connect(second);
    expect((await other.listTools()).tools.map((tool) => tool.name).sort()).toEqual(["get_current_session", "list_sessions"]);
  });

  it("rejects an unknown tool name with a message listing the valid ones", () => {
    const server = new McpServer({ name: "x", version: "1.0.0" });
    expect(() => registerSessionTools(server, backend?.manager ?? ({} as never), { enable: ["drop_all" as SessionToolName] })).toThrow(/Unknown session tool "drop_all"; choose from get_current_session/);
  });

  it("shows the caller's own session, identified by the transport and the token", async () => {
    const url = await start();
    const client = await connect(url, "alice");
    const current = await call(client, "get_current_session");
    expect(current.isError).toBe(false);
    expect(current.json).toMatchObject({ userId: "alice", current: true, metadata: {} });
    expect(current.json?.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(current.json ?? {})).not.toContain("state");
  });

  it("sets, removes and clears metadata on the current session only, ignoring ids in arguments", async () => {
    const url = await start();
    const alice = await connect(url, "alice");
    const bob = await connect(url, "bob");
    const bobSession = (await call(bob, "get_current_session")).json?.sessionId as string;
    const set = await call(alice, "set_session", { metadata: { project: "apollo", step: 2 }, session_id: bobSession });
    expect(set.json?.metadata).toEqual({ project: "apollo", step: 2 });
    expect(set.json?.sessionId).not.toBe(bobSession);
    expect((await call(bob, "get_current_session")).json?.metadata).toEqual({});
    expect((await call(alice, "set_session", { metadata: { step: null } })).json?.metadata).toEqual({ project: "apollo" });
    expect((await call(alice, "clear_session")).json?.metadata).toEqual({});
    const bad = await call(alice, "set_session", { metadata: "not an object" });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/metadata/);
  });

  it("lists only the signed-in user's sessions and hides other users' sessions as not found", async () => {
    const url = await start();
    const alice1 = await connect(url, "alice");
    const alice2 = await connect(url, "alice");
    const bob = await connect(url, "bob");
    const ids = await Promise.all([alice1, alice2, bob].map(async (client) => (await call(client, "get_current_session")).json?.sessionId as string));
    const listed = await call(alice1, "list_sessions");
    expect((listed.json?.sessions as Array<{ sessionId: string }>).map((session) => session.sessionId).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await call(alice1, "get_session_info", { session_id: ids[1] })).json?.sessionId).toBe(ids[1]);
    const foreign = await call(alice1, "get_session_info", { session_id: ids[2] });
    const missing = await call(alice1, "get_session_info", { session_id: "does-not-exist" });
    expect(foreign.isError).toBe(true);
    expect(foreign.text).toBe(missing.text);
    expect(foreign.text).toMatch(/not found/);
  });

  it("creates sessions only for authenticated users", async () => {
    const url = await start();
    const anonymous = await connect(url);
    const refused = await call(anonymous, "create_session", { metadata: { a: 1 } });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/needs an authenticated user/);
    const alice = await connect(url, "alice");
    const created = await call(alice, "create_session", { metadata: { purpose: "batch" }, ttl_seconds: 600 });
    expect(created.json).toMatchObject({ userId: "alice", metadata: { purpose: "batch" }, current: false });
    const listed = (await call(alice, "list_sessions")).json?.sessions as Array<{ sessionId: string }>;
    expect(listed.map((session) => session.sessionId)).toContain(created.json?.sessionId);
    const tooLong = await call(alice, "create_session", { ttl_seconds: 10 });
    expect(tooLong.isError).toBe(true);
  });

  it("tells a stateless 2026-07-28 caller that session tools need a session", async () => {
    const url = await start();
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "get_current_session" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: {
          name: "get_current_session",
          arguments: {},
          _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} },
        },
      }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as { result: { isError: boolean; content: Array<{ text: string }> } };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]?.text).toMatch(/no session/);
  });

  it("does not hand a signed-in user's session record to an anonymous caller, nor bind an anonymous one late (regression: late binding)", async () => {
    const url = await start();
    const anonymous = await connect(url);
    const own = await call(anonymous, "get_current_session");
    expect(own.json).toMatchObject({ userId: null });
    const sessionId = own.json?.sessionId as string;
    const record = await backend.manager.get(sessionId);
    await backend.manager.store.set({ ...record!, userId: "alice" });
    const denied = await call(anonymous, "get_current_session");
    expect(denied.isError).toBe(true);
    expect(denied.text).toMatch(/not found/);
    await backend.manager.store.set({ ...record!, userId: undefined });
    const hostile = await call(anonymous, "set_session", { metadata: { ["__proto__"]: { polluted: true }, constructor: "c" } });
    expect(hostile.isError).toBe(false);
    expect(Object.keys(hostile.json?.metadata ?? {}).sort()).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
