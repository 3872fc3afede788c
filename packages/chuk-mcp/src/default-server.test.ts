import { afterEach, describe, expect, it } from "vitest";
import { ChukMCPServer } from "./chuk-mcp-server.js";
import { getDefaultServer, prompt, resetDefaultServer, resource, resourceTemplate, tool } from "./default-server.js";

function stateless(id: number, method: string) {
  return {
    jsonrpc: "2.0" as const,
    id,
    method,
    params: {
      _meta: {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": { name: "test", version: "1.0.0" },
      },
    },
  };
}

afterEach(async () => {
  await resetDefaultServer();
});

describe("the default server", () => {
  it("is one ChukMCPServer per process, shared through a global symbol", () => {
    const server = getDefaultServer();
    expect(server).toBeInstanceOf(ChukMCPServer);
    expect(getDefaultServer()).toBe(server);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("chuk-mcp.default-server")]).toBe(server);
  });

  it("receives what the top-level tool/resource/resourceTemplate/prompt register", async () => {
    tool({ name: "ping", handler: () => "pong" });
    resource({ uri: "memo://one", name: "one", read: () => "1" });
    resourceTemplate({ uriTemplate: "memo://item/{id}", name: "item", read: (_uri, variables) => `item ${variables.id}` });
    prompt({ name: "ask", get: () => "Ask me" });
    const server = getDefaultServer();
    const reply = (await server.handle(stateless(1, "tools/list"), {})) as { result?: { tools: Array<{ name: string }> } };
    expect(reply.result?.tools.map((entry) => entry.name)).toEqual(["ping"]);
    const read = (await server.handle({ ...stateless(2, "resources/read"), params: { ...stateless(2, "").params, uri: "memo://item/7" } }, {})) as {
      result?: { contents: Array<{ text: string }> };
    };
    expect(read.result?.contents[0]?.text).toBe("item 7");
  });

  it("rejects a duplicate registration with a clear error", () => {
    tool({ name: "ping", handler: () => "pong" });
    expect(() => tool({ name: "ping", handler: () => "pong" })).toThrow(/already registered/);
  });

  it("starts fresh after resetDefaultServer()", async () => {
    const first = getDefaultServer();
    await resetDefaultServer();
    expect(getDefaultServer()).not.toBe(first);
  });
});
