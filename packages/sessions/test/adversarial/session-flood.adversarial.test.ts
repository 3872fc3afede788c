/**
 * Regression: "any unauthenticated client can evict other clients' idle sessions by opening
 * maxSessions new ones", through the session backend: one client's flood replaces only its
 * own sessions in the store, and the store stays bounded by the per-client quota.
 */
import { McpServer } from "@chuk-mcp/core";
import { serve } from "@chuk-mcp/http/node";
import { describe, expect, it } from "vitest";
import { createHttpSessionBackend } from "../../src/index.js";
import { delay, initialize, post } from "../http-helpers.js";

describe("a session flood through the memory backend", () => {
  it("keeps at most maxSessionsPerClient records of the flooding client and leaves the first client's session working", async () => {
    const backend = await createHttpSessionBackend({ provider: "memory", env: {}, sandboxId: "sbx" });
    const server = new McpServer({ name: "flood", version: "1.0.0" });
    const running = await serve(server, { port: 0, sessionStore: backend.sessionStore, maxSessionsPerClient: 5, trustProxy: ["127.0.0.1", "::1"] });
    try {
      const victim = await fetch(running.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "x-forwarded-for": "198.51.100.1" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "v", version: "1" } } }),
      });
      const victimId = victim.headers.get("mcp-session-id") as string;
      await victim.text();
      for (let index = 0; index < 60; index++) await initialize(running.url);
      await delay(20);
      const records = await backend.manager.list();
      expect(records.length).toBeLessThanOrEqual(6);
      expect(records.map((record) => record.id)).toContain(victimId);
      const ping = await post(running.url, { jsonrpc: "2.0", id: 1, method: "ping" }, { "mcp-session-id": victimId, "x-forwarded-for": "198.51.100.1" });
      expect(ping.status).toBe(200);
    } finally {
      await running.close();
      await backend.close();
    }
  });
});
