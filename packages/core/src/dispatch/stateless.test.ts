import { describe, expect, it } from "vitest";
import type { JsonRpcMessage } from "../index.js";
import { newServer, request, stateless, STATELESS_META, until } from "../../test/helpers.js";

const SERVER_INFO = { "io.modelcontextprotocol/serverInfo": { name: "test-server", version: "1.2.3" } };

describe("2026-07-28 envelope", () => {
  const app = newServer({ instructions: "hi" });
  app.tool({ name: "t", handler: () => "ok" });
  app.prompt({ name: "p", get: () => "x" });
  app.resource({ uri: "test://r", name: "r", read: () => "x" });
  app.resourceTemplate({ uriTemplate: "test://t/{id}", name: "tpl", read: () => "x" });

  it("answers server/discover with versions, capabilities, hints and serverInfo in _meta", async () => {
    const reply = await stateless(app, "server/discover");
    expect(reply.result).toEqual({
      supportedVersions: ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"],
      capabilities: { ...app.capabilities, extensions: { "io.modelcontextprotocol/tasks": {} } },
      instructions: "hi",
      resultType: "complete",
      ttlMs: 0,
      cacheScope: "public",
      _meta: SERVER_INFO,
    });
  });

  it("rejects missing _meta, protocolVersion or clientCapabilities with -32602", async () => {
    expect((await request(app, "server/discover", {})).error?.code).toBe(-32602);
    const noVersion = await request(app, "server/discover", { _meta: { "io.modelcontextprotocol/clientCapabilities": {} } });
    expect(noVersion.error?.code).toBe(-32602);
    const noCapabilities = await request(app, "server/discover", { _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28" } });
    expect(noCapabilities.error?.code).toBe(-32602);
    expect(noCapabilities.error?.message).toMatch(/clientCapabilities/);
  });

  it("answers an unsupported version with -32022 listing supported versions and echoing the request", async () => {
    const reply = await stateless(app, "server/discover", {}, { "io.modelcontextprotocol/protocolVersion": "v999.0.0" });
    expect(reply.error?.code).toBe(-32022);
    expect(reply.error?.data).toEqual({ supported: ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"], requested: "v999.0.0" });
  });

  it("answers a header that disagrees with _meta with -32020", async () => {
    const reply = await stateless(app, "tools/list", {}, { "io.modelcontextprotocol/protocolVersion": "v999.0.0" }, {
      headers: { "mcp-protocol-version": "2026-07-28" },
    });
    expect(reply.error?.code).toBe(-32020);
    const missing = await stateless(app, "tools/list", {}, {}, { headers: { "content-type": "application/json" } });
    expect(missing.error?.code).toBe(-32020);
    const matching = await stateless(app, "tools/list", {}, {}, { headers: { "mcp-protocol-version": "2026-07-28" } });
    expect(matching.result?.tools).toHaveLength(1);
  });

  it("answers removed methods with -32601 saying what to use instead", async () => {
    for (const [method, hint] of [
      ["initialize", /server\/discover/],
      ["ping", /no replacement/],
      ["logging/setLevel", /logLevel/],
      ["resources/subscribe", /subscriptions\/listen/],
      ["resources/unsubscribe", /subscriptions\/listen/],
    ] as const) {
      const reply = await stateless(app, method, { uri: "test://r", level: "info" });
      expect(reply.error?.code, method).toBe(-32601);
      expect(reply.error?.message).toMatch(hint);
    }
    expect((await stateless(app, "unknown/method")).error?.code).toBe(-32601);
  });

  it("adds ttlMs and cacheScope to lists and reads", async () => {
    for (const method of ["tools/list", "prompts/list", "resources/list", "resources/templates/list"]) {
      const reply = await stateless(app, method);
      expect(reply.result, method).toMatchObject({ resultType: "complete", ttlMs: 0, cacheScope: "public", _meta: SERVER_INFO });
    }
    const read = await stateless(app, "resources/read", { uri: "test://r" });
    expect(read.result).toMatchObject({ contents: [{ uri: "test://r", text: "x" }], ttlMs: 0, cacheScope: "private", resultType: "complete" });
    const call = await stateless(app, "tools/call", { name: "t" });
    expect(call.result).toEqual({ content: [{ type: "text", text: "ok" }], resultType: "complete", _meta: SERVER_INFO });
  });

  it("uses the configured cache hints", async () => {
    const server = newServer({ cache: { ttlMs: 5000, scope: "private" } });
    const reply = await stateless(server, "tools/list");
    expect(reply.result).toMatchObject({ ttlMs: 5000, cacheScope: "private" });
  });

  it("answers an unknown resource with -32602 carrying the uri (2025: -32002)", async () => {
    const reply = await stateless(app, "resources/read", { uri: "test://missing" });
    expect(reply.error).toMatchObject({ code: -32602, data: { uri: "test://missing" } });
    const old = await request(app, "resources/read", { uri: "test://missing" });
    expect(old.error).toMatchObject({ code: -32002, data: { uri: "test://missing" } });
  });

  it("sends logs only when the request sets a logLevel, and only at or above it", async () => {
    const server = newServer();
    server.tool({
      name: "logs",
      handler: async (_args, ctx) => {
        await ctx.log("info", "info line");
        await ctx.log("error", "error line");
        return "ok";
      },
    });
    const quiet: JsonRpcMessage[] = [];
    await stateless(server, "tools/call", { name: "logs" }, {}, { send: (message) => void quiet.push(message) });
    expect(quiet).toEqual([]);
    const loud: JsonRpcMessage[] = [];
    await stateless(server, "tools/call", { name: "logs" }, { "io.modelcontextprotocol/logLevel": "error" }, { send: (message) => void loud.push(message) });
    expect(loud).toEqual([{ jsonrpc: "2.0", method: "notifications/message", params: { level: "error", data: "error line" } }]);
    const bad = await stateless(server, "tools/call", { name: "logs" }, { "io.modelcontextprotocol/logLevel": "shout" });
    expect(bad.error?.code).toBe(-32602);
  });
});

describe("subscriptions/listen", () => {
  it("acknowledges first, then forwards only the requested notifications tagged with the subscription id", async () => {
    const app = newServer();
    const frames: JsonRpcMessage[] = [];
    const controller = new AbortController();
    const pending = stateless(app, "subscriptions/listen", { notifications: { promptsListChanged: true, resourceSubscriptions: ["test://a"] } }, {}, {
      send: (message) => void frames.push(message),
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    app.tool({ name: "t", handler: () => "x" });
    app.prompt({ name: "p", get: () => "x" });
    app.notifyResourceUpdated("test://b");
    app.notifyResourceUpdated("test://a");
    const first = frames[0] as unknown as { method: string; params: { notifications: unknown; _meta: Record<string, unknown> } };
    expect(first.method).toBe("notifications/subscriptions/acknowledged");
    expect(first.params.notifications).toEqual({ promptsListChanged: true, resourceSubscriptions: ["test://a"] });
    const id = first.params._meta["io.modelcontextprotocol/subscriptionId"];
    expect(frames.slice(1)).toEqual([
      { jsonrpc: "2.0", method: "notifications/prompts/list_changed", params: { _meta: { "io.modelcontextprotocol/subscriptionId": id } } },
      { jsonrpc: "2.0", method: "notifications/resources/updated", params: { uri: "test://a", _meta: { "io.modelcontextprotocol/subscriptionId": id } } },
    ]);
    controller.abort();
    expect(await pending).toBeUndefined();
  });

  it("ends with a result when the server closes and rejects a missing filter", async () => {
    const app = newServer();
    expect((await stateless(app, "subscriptions/listen", {}, {}, { send: () => undefined })).error?.code).toBe(-32602);
    const pending = stateless(app, "subscriptions/listen", { notifications: { toolsListChanged: true } }, {}, { send: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await app.close();
    const reply = await pending;
    expect(reply.result.resultType).toBe("complete");
    expect(reply.result._meta["io.modelcontextprotocol/subscriptionId"]).toBe(reply.id);
  });

  it("streams through a channel object when the transport passes one", async () => {
    const app = newServer();
    const frames: JsonRpcMessage[] = [];
    const channel = { send: (message: JsonRpcMessage) => void frames.push(message) };
    const pending = stateless(app, "subscriptions/listen", { notifications: { toolsListChanged: true } }, {}, { channel });
    await until(() => frames.length === 1);
    app.tool({ name: "late", handler: () => "x" });
    await until(() => frames.length === 2);
    expect(frames.map((frame) => ("method" in frame ? frame.method : undefined))).toEqual([
      "notifications/subscriptions/acknowledged",
      "notifications/tools/list_changed",
    ]);
    await app.close();
    expect((await pending).result.resultType).toBe("complete");
  });

  it("is not available without the 2026 envelope", async () => {
    const reply = await request(newServer(), "subscriptions/listen", { notifications: {} });
    expect(reply.error?.code).toBe(-32602);
    expect(STATELESS_META["io.modelcontextprotocol/protocolVersion"]).toBe("2026-07-28");
  });
});
