/**
 * `createWorkersHandler(server, { env, connect })`: the `fetch` handler a Cloudflare Worker
 * should wrap. Stateless by default (the 2026-07-28 era needs no state; 2025 clients get answers
 * without `Mcp-Session-Id`). With `SESSION_PROVIDER=redis` (or a `REDIS_URL` binding), 2025
 * sessions and SSE events live in Redis through `@chuk-mcp/sessions/workers`, reached over
 * `connect()` from `cloudflare:sockets`, so every isolate serves every session.
 * @see https://developers.cloudflare.com/workers/runtime-apis/tcp-sockets/
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { createMcpHandler, type McpEngine, type McpHandler, type McpHttpOptions } from "@chuk-mcp/http";
import type { SocketConnect } from "@chuk-mcp/sessions/workers";
import type { CloudEnvironment } from "../environment.js";
import { serverlessHttpOptions } from "../fetch-target.js";
import { sessionProviderFromEnvironment } from "../session-provider.js";

/** Options of {@link createWorkersHandler}. */
export interface WorkersHandlerOptions {
  /** The Worker's `env` (bindings); string bindings are read as environment variables. */
  readonly env: object;
  /** `connect` from `cloudflare:sockets`; required when sessions are on. */
  readonly connect?: SocketConnect;
  /** Options for `createMcpHandler`; a `sessionStore` here wins over the environment. */
  readonly http?: McpHttpOptions;
  readonly onError?: (error: unknown) => void;
}

/** The handler, which store writes are still running, and how to release it. */
export interface WorkersHandler extends McpHandler {
  /** `"stateless"`, `"redis"`, or `"custom"` (a `sessionStore` passed in `http`). */
  readonly sessions: "stateless" | "redis" | "custom";
  /**
   * Resolves once every Redis write started so far has landed. `cloudflareHandler` hands it
   * to `ctx.waitUntil`, so a session update made while answering is not cut off.
   */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

function stringBindings(env: object): CloudEnvironment {
  const strings: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") strings[name] = value;
  return strings;
}

/** Builds the Worker's MCP handler from its bindings. */
export async function createWorkersHandler(server: McpEngine, options: WorkersHandlerOptions): Promise<WorkersHandler> {
  const environment = stringBindings(options.env ?? {});
  const http: McpHttpOptions = { ...(options.onError === undefined ? {} : { onError: options.onError }), ...options.http };
  const settledNow = () => Promise.resolve();
  if (http.sessionStore !== undefined) {
    const handler = createMcpHandler(server, http);
    return Object.assign(handler, { sessions: "custom" as const, settled: settledNow, dispose: () => handler.close() });
  }
  if (sessionProviderFromEnvironment(environment) === "stateless") {
    const handler = createMcpHandler(server, serverlessHttpOptions(http));
    return Object.assign(handler, { sessions: "stateless" as const, settled: settledNow, dispose: () => handler.close() });
  }
  if (typeof options.connect !== "function") {
    throw new Error('[@chuk-mcp/cloud] SESSION_PROVIDER=redis on Workers needs a socket: import { connect } from "cloudflare:sockets" and pass createWorkersHandler(server, { env, connect })');
  }
  const sessions = await import("@chuk-mcp/sessions/workers");
  const backend = sessions.createSocketSessionBackend({ connect: options.connect, env: environment as Record<string, string | undefined> });
  const handler = createMcpHandler(server, { ...http, sessions: true, sessionStore: backend.sessionStore, eventStore: backend.eventStore });
  return Object.assign(handler, {
    sessions: "redis" as const,
    settled: () => backend.settled(),
    dispose: async () => {
      await handler.close();
      await backend.close();
    },
  });
}
