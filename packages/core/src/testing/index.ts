/**
 * `@chuk-mcp/core/testing`: an in-memory MCP client for tests of your own server, in both
 * protocol eras. Runtime-neutral (Web APIs only), like the rest of core.
 */
export { createTestClient } from "./create-test-client.js";
export type { TestClient, TestClientOptions, TestClientEra, TestCallOptions, TestCallbacks, WireResult } from "./types.js";
