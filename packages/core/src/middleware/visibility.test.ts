import { describe, expect, it } from "vitest";
import { ErrorCode, McpError, visibility, visibleToUsers, visibleWithScopes } from "../index.js";
import { newServer, request, stateless, type Reply } from "../../test/helpers.js";

function gatedServer() {
  const server = newServer();
  server.tool({ name: "read_file", handler: () => "read" });
  server.tool({ name: "delete_file", handler: () => "deleted" });
  server.resource({ uri: "test://public", name: "public", read: () => "p" });
  server.resource({ uri: "test://secret", name: "secret", read: () => "s" });
  server.prompt({ name: "open", get: () => "o" });
  server.prompt({ name: "admin", get: () => "a" });
  server.use(
    visibility({
      tools: visibleWithScopes({ delete_file: ["files:write"] }),
      resources: visibleToUsers({ "test://secret": ["root"] }),
      prompts: (prompt, context) => prompt.name !== "admin" || context.userId === "root",
    }),
  );
  return server;
}

const writer = { subject: "w", scopes: ["files:write"] };
const root = { subject: "root", scopes: [] };

describe("visibility()", () => {
  it("lists gated tools only to callers with the scopes, in both eras", async () => {
    const server = gatedServer();
    const names = (reply: Reply) => reply.result.tools.map((tool: { name: string }) => tool.name);
    expect(names(await request(server, "tools/list"))).toEqual(["read_file"]);
    expect(names(await request(server, "tools/list", {}, { auth: writer }))).toEqual(["read_file", "delete_file"]);
    expect(names(await stateless(server, "tools/list"))).toEqual(["read_file"]);
    expect(names(await stateless(server, "tools/list", {}, {}, { auth: writer }))).toEqual(["read_file", "delete_file"]);
  });

  it("regression: a filtered listing does not poison the cached page another caller gets", async () => {
    const server = gatedServer();
    // Alternate callers so each one is served after the other's page was cached.
    for (let round = 0; round < 3; round++) {
      expect((await request(server, "tools/list", {}, { auth: writer })).result.tools).toHaveLength(2);
      expect((await request(server, "tools/list")).result.tools).toHaveLength(1);
    }
    const text = await server.handleText(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }), { auth: writer });
    expect(JSON.parse(text as string).result.tools).toHaveLength(2);
  });

  it("answers a call of a hidden tool exactly like an unknown tool", async () => {
    const server = gatedServer();
    const hidden = await request(server, "tools/call", { name: "delete_file" });
    const unknown = await request(server, "tools/call", { name: "no_such_tool" });
    expect(hidden.error?.code).toBe(ErrorCode.InvalidParams);
    expect(hidden.error?.message).toBe('Unknown tool: "delete_file"; call tools/list to see the available tools');
    expect(unknown.error?.message).toBe('Unknown tool: "no_such_tool"; call tools/list to see the available tools');
    expect((await request(server, "tools/call", { name: "delete_file" }, { auth: writer })).result.content[0].text).toBe("deleted");
  });

  it("hides resources from lists and reads, with the era's not-found code", async () => {
    const server = gatedServer();
    const uris = (reply: Reply) => reply.result.resources.map((resource: { uri: string }) => resource.uri);
    expect(uris(await request(server, "resources/list"))).toEqual(["test://public"]);
    expect(uris(await request(server, "resources/list", {}, { auth: root }))).toEqual(["test://public", "test://secret"]);
    expect((await request(server, "resources/read", { uri: "test://secret" })).error?.code).toBe(ErrorCode.ResourceNotFound);
    expect((await stateless(server, "resources/read", { uri: "test://secret" })).error?.code).toBe(ErrorCode.InvalidParams);
    expect((await request(server, "resources/read", { uri: "test://secret" }, { auth: root })).result.contents[0].text).toBe("s");
  });

  it("hides prompts by a function of the caller", async () => {
    const server = gatedServer();
    expect((await request(server, "prompts/list")).result.prompts.map((prompt: { name: string }) => prompt.name)).toEqual(["open"]);
    expect((await request(server, "prompts/get", { name: "admin" })).error?.message).toMatch(/Unknown prompt: "admin"/);
    expect((await request(server, "prompts/get", { name: "admin" }, { auth: root })).result.messages).toHaveLength(1);
  });

  it("shows a tool added later to the callers its rule allows (list_changed still follows the registry)", async () => {
    const server = gatedServer();
    const sent: unknown[] = [];
    const session = server.createSession({ send: (message) => void sent.push(message) });
    await request(server, "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" } }, { session });
    server.tool({ name: "later", handler: () => "l" });
    expect(sent).toContainEqual({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    expect((await request(server, "tools/list", {}, { session })).result.tools.map((tool: { name: string }) => tool.name)).toEqual(["read_file", "later"]);
  });

  it("refuses a rule that is not a function", () => {
    expect(() => visibility({ tools: ["read_file"] as never })).toThrow(McpError);
  });
});
