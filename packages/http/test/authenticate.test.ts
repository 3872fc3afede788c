import { McpServer, Type, type AuthInfo } from "@chuk-mcp/core";
import { afterEach, describe, expect, it } from "vitest";
import { createMcpApp, createMcpHandler, type AuthenticateInput, type AuthenticateRequest } from "../src/index.js";
import { serve, type RunningServer } from "../src/node.js";
import { BOTH, INIT_BODY, postHeaders, statelessBody, statelessHeaders } from "./fixtures.js";

const ENDPOINT = "http://127.0.0.1/mcp";

function whoamiServer(): McpServer {
  const server = new McpServer({ name: "auth-fixture", version: "1.0.0" });
  server.tool({
    name: "whoami",
    input: Type.Object({}),
    handler: async (_args, ctx) => JSON.stringify({ userId: ctx.userId ?? null, scopes: ctx.auth?.scopes ?? null }),
  });
  server.tool({ name: "admin_task", input: Type.Object({}), handler: async () => "done" });
  return server;
}

/** Accepts `Bearer alice-<scopes>` tokens; everything else gets a 401 with a challenge. */
function bearerAuthenticator(seen: AuthenticateInput[]): AuthenticateRequest {
  return async (input) => {
    seen.push(input);
    const header = input.headers.authorization ?? "";
    const match = /^Bearer (\w+)(?:-(.*))?$/.exec(header);
    if (match === null) {
      return {
        ok: false,
        status: 401,
        headers: { "WWW-Authenticate": 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"', "content-type": "application/json" },
        body: JSON.stringify({ error: "invalid_token", error_description: "send a bearer token" }),
      };
    }
    const auth: AuthInfo = { token: header.slice(7), subject: match[1], scopes: match[2] ? match[2].split(",") : [] };
    return { ok: true, auth };
  };
}

function post(handler: { fetch(request: Request): Promise<Response> }, body: unknown, headers: Record<string, string>) {
  return handler.fetch(new Request(ENDPOINT, { method: "POST", headers, body: JSON.stringify(body) }));
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("the authenticate option", () => {
  it("returns the authenticator's failure as-is for POST, GET and DELETE of both eras", async () => {
    const seen: AuthenticateInput[] = [];
    const handler = createMcpHandler(whoamiServer(), { authenticate: bearerAuthenticator(seen) });
    const responses = [
      await post(handler, INIT_BODY, postHeaders()),
      await post(handler, statelessBody(1, "tools/list"), statelessHeaders("tools/list")),
      await handler.fetch(new Request(ENDPOINT, { method: "GET", headers: { accept: "text/event-stream", host: "127.0.0.1", "mcp-session-id": "x" } })),
      await handler.fetch(new Request(ENDPOINT, { method: "DELETE", headers: { host: "127.0.0.1", "mcp-session-id": "x" } })),
    ];
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("resource_metadata=");
      expect(await response.json()).toEqual({ error: "invalid_token", error_description: "send a bearer token" });
    }
    expect(seen.map((input) => input.method)).toEqual(["POST", "POST", "GET", "DELETE"]);
    expect(seen[0]?.url).toBe(ENDPOINT);
    await handler.close();
  });

  it("passes the authenticated caller to the engine as ctx.auth and ctx.userId in both eras", async () => {
    const handler = createMcpHandler(whoamiServer(), { authenticate: bearerAuthenticator([]) });
    const stateless = await post(
      handler,
      statelessBody(2, "tools/call", { name: "whoami", arguments: {} }),
      statelessHeaders("tools/call", "whoami", { authorization: "Bearer alice-read,write" }),
    );
    expect(stateless.status).toBe(200);
    const statelessResult = (await stateless.json()) as { result: { content: Array<{ text: string }> } };
    expect(JSON.parse(statelessResult.result.content[0]!.text)).toEqual({ userId: "alice", scopes: ["read", "write"] });

    const init = await post(handler, INIT_BODY, postHeaders({ authorization: "Bearer bob" }));
    const sessionId = init.headers.get("mcp-session-id")!;
    const call = await post(
      handler,
      { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "whoami", arguments: {} } },
      postHeaders({ authorization: "Bearer bob", "mcp-session-id": sessionId }),
    );
    const result = (await call.json()) as { result: { content: Array<{ text: string }> } };
    expect(JSON.parse(result.result.content[0]!.text)).toEqual({ userId: "bob", scopes: [] });
    await handler.close();
  });

  it("answers 500 with a clear message when the authenticator throws", async () => {
    const errors: unknown[] = [];
    const handler = createMcpHandler(whoamiServer(), {
      authenticate: async () => {
        throw new Error("jwks fetch failed");
      },
      onError: (error) => errors.push(error),
    });
    const response = await post(handler, INIT_BODY, postHeaders());
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/authentication failed/);
    expect(String(errors[0])).toContain("jwks fetch failed");
    await handler.close();
  });

  it("authenticates the Node fast path of serve() too", async () => {
    const seen: AuthenticateInput[] = [];
    running = await serve(whoamiServer(), { port: 0, authenticate: bearerAuthenticator(seen) });
    const denied = await fetch(running.url, { method: "POST", headers: { "content-type": "application/json", accept: BOTH }, body: JSON.stringify(INIT_BODY), signal: AbortSignal.timeout(5_000) });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toContain("Bearer");
    const allowed = await fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: BOTH, authorization: "Bearer carol" },
      body: JSON.stringify(INIT_BODY),
      signal: AbortSignal.timeout(5_000),
    });
    expect(allowed.status).toBe(200);
    expect(seen.map((input) => input.url)).toEqual([running.url, running.url]);
  });
});

describe("the SEP-835 scope check", () => {
  function scopedServer(): McpServer {
    const server = whoamiServer();
    Object.assign(server, {
      getToolAuthRequirement: (name: string) => (name === "admin_task" ? { scopes: ["admin", "write"] } : undefined),
    });
    return server;
  }

  it("answers 403 insufficient_scope with the required scopes and resource metadata before running the tool", async () => {
    const handler = createMcpHandler(scopedServer(), {
      authenticate: bearerAuthenticator([]),
      resourceMetadataUrl: "https://api.example.com/.well-known/oauth-protected-resource",
    });
    const response = await post(
      handler,
      statelessBody(4, "tools/call", { name: "admin_task", arguments: {} }),
      statelessHeaders("tools/call", "admin_task", { authorization: "Bearer dave-write" }),
    );
    expect(response.status).toBe(403);
    const challenge = response.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^Bearer error="insufficient_scope", scope="admin write", resource_metadata="https:\/\/api\.example\.com\/\.well-known\/oauth-protected-resource"/);
    const body = (await response.json()) as { id: number; error: { message: string } };
    expect(body.id).toBe(4);
    expect(body.error.message).toContain("admin");
    await handler.close();
  });

  it("lets a caller with every required scope through, and leaves tools without requirements alone", async () => {
    const handler = createMcpHandler(scopedServer(), { authenticate: bearerAuthenticator([]) });
    const allowed = await post(
      handler,
      statelessBody(5, "tools/call", { name: "admin_task", arguments: {} }),
      statelessHeaders("tools/call", "admin_task", { authorization: "Bearer erin-admin,write" }),
    );
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { result: { content: Array<{ text: string }> } }).result.content[0]!.text).toBe("done");
    const open = await post(
      handler,
      statelessBody(6, "tools/call", { name: "whoami", arguments: {} }),
      statelessHeaders("tools/call", "whoami", { authorization: "Bearer erin" }),
    );
    expect(open.status).toBe(200);
    await handler.close();
  });
});

describe("the routes option", () => {
  it("mounts extra routes on the app and on serve()", async () => {
    const routes = (app: import("hono").Hono) => {
      app.get("/.well-known/oauth-protected-resource", (context) => context.json({ resource: "http://127.0.0.1/mcp" }));
    };
    const app = createMcpApp(whoamiServer(), { routes });
    const local = await app.request("/.well-known/oauth-protected-resource");
    expect(await local.json()).toEqual({ resource: "http://127.0.0.1/mcp" });
    running = await serve(whoamiServer(), { port: 0, routes: [routes] });
    const remote = await fetch(`http://127.0.0.1:${running.port}/.well-known/oauth-protected-resource`, { signal: AbortSignal.timeout(5_000) });
    expect(remote.status).toBe(200);
    expect(await remote.json()).toEqual({ resource: "http://127.0.0.1/mcp" });
    await app.mcp.close();
  });
});
