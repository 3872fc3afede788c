/**
 * Shared pieces of the adversarial suites: a server whose tools report who and where they
 * run, a bearer authenticator (`Bearer <subject>` or `Bearer <subject>@<client>`), and request
 * helpers that speak to a handler the way a hostile client would.
 */
import { McpServer, Type, type AuthInfo } from "@chuk-mcp/core";
import type { AuthenticateRequest, McpHandler } from "../../src/index.js";
import { BOTH, INIT_BODY } from "../fixtures.js";

export const ENDPOINT = "http://127.0.0.1/mcp";

/** Tools: `whoami` (session, user, forwarding headers seen) and `hold` (busy until released). */
export function probeServer(): { server: McpServer; release: () => void } {
  const server = new McpServer({ name: "adversarial", version: "1.0.0" });
  let waiting: Array<() => void> = [];
  server.tool({
    name: "whoami",
    input: Type.Object({}),
    handler: async (_args, ctx) =>
      JSON.stringify({
        sessionId: ctx.sessionId ?? null,
        userId: ctx.userId ?? null,
        forwardedProto: ctx.headers["x-forwarded-proto"] ?? null,
        forwardedHost: ctx.headers["x-forwarded-host"] ?? null,
        forwardedFor: ctx.headers["x-forwarded-for"] ?? null,
      }),
  });
  server.tool({
    name: "hold",
    input: Type.Object({}),
    handler: async () => {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return "released";
    },
  });
  return {
    server,
    release: () => {
      for (const resolve of waiting.splice(0)) resolve();
      waiting = [];
    },
  };
}

/** `Bearer alice` → subject alice; `Bearer alice@app` → subject alice, client app; else 401. */
export const bearer: AuthenticateRequest = async (input) => {
  const match = /^Bearer ([\w-]+)(?:@([\w-]+))?$/.exec(input.headers.authorization ?? "");
  if (match === null) {
    return { ok: false, status: 401, headers: { "www-authenticate": "Bearer", "content-type": "application/json" }, body: '{"error":"invalid_token"}' };
  }
  const auth: AuthInfo = { subject: match[1], scopes: [], ...(match[2] === undefined ? {} : { clientId: match[2] }) };
  return { ok: true, auth };
};

export interface Caller {
  token?: string;
  address?: string;
  headers?: Record<string, string>;
}

function headersOf(caller: Caller, extra: Record<string, string>): Record<string, string> {
  return {
    host: "127.0.0.1",
    ...(caller.token === undefined ? {} : { authorization: `Bearer ${caller.token}` }),
    ...caller.headers,
    ...extra,
  };
}

export function send(handler: McpHandler, caller: Caller, method: string, extra: Record<string, string>, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, headers: headersOf(caller, extra) };
  if (body !== undefined) init.body = JSON.stringify(body);
  return handler.fetch(new Request(ENDPOINT, init), caller.address === undefined ? undefined : { remoteAddress: caller.address });
}

export function post(handler: McpHandler, caller: Caller, body: unknown, extra: Record<string, string> = {}): Promise<Response> {
  return send(handler, caller, "POST", { "content-type": "application/json", accept: BOTH, ...extra }, body);
}

/** Opens a session as `caller`; returns its id. */
export async function initialize(handler: McpHandler, caller: Caller): Promise<string> {
  const response = await post(handler, caller, INIT_BODY);
  await response.text();
  const id = response.headers.get("mcp-session-id");
  if (response.status !== 200 || id === null) throw new Error(`initialize failed with ${response.status}`);
  await post(handler, caller, { jsonrpc: "2.0", method: "notifications/initialized" }, { "mcp-session-id": id });
  return id;
}

export function callTool(handler: McpHandler, caller: Caller, sessionId: string, name: string, id = 1): Promise<Response> {
  return post(handler, caller, { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: {} } }, { "mcp-session-id": sessionId });
}

/** The parsed JSON text of a tool answer. */
export async function toolText(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.json()) as { result?: { content?: Array<{ text?: string }> } };
  return JSON.parse(body.result?.content?.[0]?.text ?? "null") as Record<string, unknown>;
}
