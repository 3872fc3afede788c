import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createFixtureServer, INIT_BODY, postHeaders } from "../test/fixtures.js";
import { createMcpApp } from "./app.js";

describe("createMcpApp", () => {
  it("answers liveness and readiness, and readiness turns 503 once shutdown starts", async () => {
    const { server } = createFixtureServer();
    const app = createMcpApp(server);
    const health = await app.request("/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect((await app.request("/ready")).status).toBe(200);
    const slow = app.request("/mcp", { method: "POST", headers: postHeaders(), body: JSON.stringify(INIT_BODY) });
    const closing = app.mcp.close();
    const ready = await app.request("/ready");
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "shutting_down" });
    await slow;
    await closing;
  });

  it("serves MCP at a custom path and can be mounted under another app", async () => {
    const { server } = createFixtureServer();
    const app = createMcpApp(server, { path: "/rpc" });
    const outer = new Hono();
    outer.route("/api", app);
    const response = await outer.request("/api/rpc", { method: "POST", headers: postHeaders(), body: JSON.stringify(INIT_BODY) });
    expect(response.status).toBe(200);
    expect(response.headers.get("mcp-session-id")).toBeTruthy();
    expect((await outer.request("/api/mcp", { method: "POST", headers: postHeaders(), body: "{}" })).status).toBe(404);
    await app.mcp.close();
  });
});
