/**
 * `createServerlessHandler(server)`: the `fetch` handler a Node-based function (Lambda, Vercel
 * Node, Netlify, Cloud Functions, Azure) should wrap. Stateless by default: the 2026-07-28 era
 * needs no state and 2025 clients get answers without `Mcp-Session-Id`. With
 * `SESSION_PROVIDER=redis` (or `REDIS_URL` and no `SESSION_PROVIDER`), 2025 sessions live in
 * Redis through `@chuk-mcp/sessions`, so any instance serves any session. `@chuk-mcp/sessions`
 * and ioredis load only then, keeping them out of a stateless cold start.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { createMcpHandler, type McpEngine, type McpHandler, type McpHttpOptions } from "@chuk-mcp/http";
import { readEnvironment, type CloudEnvironment } from "../environment.js";
import { serverlessHttpOptions } from "../fetch-target.js";
import { sessionProviderFromEnvironment } from "../session-provider.js";

export { sessionProviderFromEnvironment };

/** Options of {@link createServerlessHandler}. */
export interface ServerlessHandlerOptions {
  /** Where to read `SESSION_PROVIDER` / `REDIS_URL` (and the sessions namespace); default the process's. */
  readonly env?: CloudEnvironment;
  /** Options for `createMcpHandler`; a `sessionStore` here wins over the environment. */
  readonly http?: McpHttpOptions;
  readonly onError?: (error: unknown) => void;
}

/** The handler plus how to release its Redis connection (tests, graceful shutdown). */
export interface ServerlessHandler extends McpHandler {
  /** `"stateless"`, `"redis"`, or `"custom"` (a `sessionStore` passed in `http`). */
  readonly sessions: "stateless" | "redis" | "custom";
  /** Closes the handler, then the session backend. */
  dispose(): Promise<void>;
}

/** Builds the handler; awaits the Redis connection when sessions are configured. */
export async function createServerlessHandler(server: McpEngine, options: ServerlessHandlerOptions = {}): Promise<ServerlessHandler> {
  const environment = options.env ?? readEnvironment();
  const http: McpHttpOptions = { ...(options.onError === undefined ? {} : { onError: options.onError }), ...options.http };
  if (http.sessionStore !== undefined) {
    const handler = createMcpHandler(server, http);
    return Object.assign(handler, { sessions: "custom" as const, dispose: () => handler.close() });
  }
  if (sessionProviderFromEnvironment(environment) === "stateless") {
    const handler = createMcpHandler(server, serverlessHttpOptions(http));
    return Object.assign(handler, { sessions: "stateless" as const, dispose: () => handler.close() });
  }
  const sessions = await import("@chuk-mcp/sessions").catch((error: unknown) => {
    throw new Error("[@chuk-mcp/cloud] SESSION_PROVIDER=redis needs @chuk-mcp/sessions (and ioredis): install them next to @chuk-mcp/cloud", { cause: error });
  });
  const backend = await sessions.createHttpSessionBackend({
    provider: "redis",
    env: environment as Record<string, string | undefined>,
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
  const handler = createMcpHandler(server, {
    ...http,
    sessions: true,
    sessionStore: backend.sessionStore,
    ...(backend.eventStore === undefined ? {} : { eventStore: backend.eventStore }),
    ...(backend.eventBus === undefined ? {} : { eventBus: backend.eventBus }),
  });
  return Object.assign(handler, {
    sessions: "redis" as const,
    dispose: async () => {
      await handler.close();
      await backend.close();
    },
  });
}
