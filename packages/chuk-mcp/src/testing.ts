/**
 * `chuk-mcp/testing`: the in-memory test client of `@chuk-mcp/core/testing`, defaulting to
 * the default server that the top-level `tool()` / `resource()` / `prompt()` register on.
 *
 * @example
 * import { createTestClient } from "chuk-mcp/testing";
 * import "../src/tools.js";                      // registers; keep run() in its own entry file
 * const client = await createTestClient();       // the default server, 2025-11-25 session
 * expect((await client.callTool("add", { a: 1, b: 2 })).content).toEqual([{ type: "text", text: "3" }]);
 */
import type { McpServer } from "@chuk-mcp/core";
import { createTestClient as createCoreTestClient, type TestClient, type TestClientOptions } from "@chuk-mcp/core/testing";
import { getDefaultServer } from "./default-server.js";

/** Connects an in-memory test client to `server` (default: the default server). @see createCoreTestClient */
export function createTestClient(server?: McpServer, options?: TestClientOptions): Promise<TestClient> {
  return createCoreTestClient(server ?? getDefaultServer(), options);
}

export type { TestClient, TestClientOptions, TestClientEra, TestCallOptions, TestCallbacks, WireResult } from "@chuk-mcp/core/testing";
