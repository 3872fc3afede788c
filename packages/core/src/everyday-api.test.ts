import { describe, expect, it } from "vitest";
import { newServer, request, stateless } from "../test/helpers.js";
import { Type } from "./index.js";

describe("a resource returning an object (the original's -> dict / -> list)", () => {
  const app = newServer();
  app.resource({ uri: "config://app", name: "config", read: () => ({ name: "my-tools", version: "1.0.0" }) });
  app.resource({ uri: "data://users", name: "users", read: async () => [{ id: 1, name: "Alice" }, { id: 2, name: "Bob" }] });
  app.resource({ uri: "data://empty", name: "empty", read: () => [] });
  app.resource({ uri: "data://count", name: "count", read: () => 42 as never });
  app.resource({ uri: "vnd://doc", name: "doc", mimeType: "application/vnd.acme+json", read: () => ({ ok: true }) });
  app.resource({ uri: "docs://readme", name: "readme", mimeType: "text/markdown", read: () => "# Readme" });
  app.resource({ uri: "data://text-field", name: "text-field", read: () => ({ text: "hi", author: "Ann" }) });
  app.resource({ uri: "data://contents", name: "contents", read: () => ({ text: "as contents" }) });
  app.resource({ uri: "data://bigint", name: "bigint", read: () => ({ n: 1n }) as never });
  app.resource({ uri: "data://nothing", name: "nothing", read: () => undefined as never });

  it("serves an object as JSON text with mimeType application/json", async () => {
    const reply = await request(app, "resources/read", { uri: "config://app" });
    expect(reply.result).toEqual({ contents: [{ uri: "config://app", mimeType: "application/json", text: '{"name":"my-tools","version":"1.0.0"}' }] });
  });

  it("serves an array as JSON text, in both eras", async () => {
    const reply = await request(app, "resources/read", { uri: "data://users" });
    expect(reply.result.contents).toEqual([{ uri: "data://users", mimeType: "application/json", text: JSON.stringify([{ id: 1, name: "Alice" }, { id: 2, name: "Bob" }]) }]);
    const modern = await stateless(app, "resources/read", { uri: "data://users" });
    expect(JSON.parse(modern.result.contents[0].text)).toHaveLength(2);
  });

  it("answers an empty array as no contents: resource not found in each era's code (artifacts rely on it)", async () => {
    expect((await request(app, "resources/read", { uri: "data://empty" }))?.error?.code).toBe(-32002);
    expect((await stateless(app, "resources/read", { uri: "data://empty" }))?.error?.code).toBe(-32602);
  });

  it("serves numbers as JSON and keeps a declared mimeType", async () => {
    expect((await request(app, "resources/read", { uri: "data://count" })).result.contents[0]).toEqual({ uri: "data://count", mimeType: "application/json", text: "42" });
    expect((await request(app, "resources/read", { uri: "vnd://doc" })).result.contents[0]).toEqual({ uri: "vnd://doc", mimeType: "application/vnd.acme+json", text: '{"ok":true}' });
  });

  it("keeps strings as text", async () => {
    expect((await request(app, "resources/read", { uri: "docs://readme" })).result.contents).toEqual([{ uri: "docs://readme", mimeType: "text/markdown", text: "# Readme" }]);
  });

  it("treats an object with keys beyond uri/mimeType/text/blob/_meta as data, and one without as contents", async () => {
    expect((await request(app, "resources/read", { uri: "data://text-field" })).result.contents[0]).toMatchObject({ mimeType: "application/json", text: '{"text":"hi","author":"Ann"}' });
    expect((await request(app, "resources/read", { uri: "data://contents" })).result.contents).toEqual([{ uri: "data://contents", text: "as contents" }]);
  });

  it("answers -32603 naming the problem for a value JSON cannot encode, or for nothing", async () => {
    const bigint = await request(app, "resources/read", { uri: "data://bigint" });
    expect(bigint.error).toMatchObject({ code: -32603, message: expect.stringContaining("JSON cannot encode") });
    const nothing = await request(app, "resources/read", { uri: "data://nothing" });
    expect(nothing.error).toMatchObject({ code: -32603, message: expect.stringContaining("returned nothing") });
  });
});

describe("resource() without a name derives it", () => {
  it("from the read function's name, as the original names a resource after its function", async () => {
    const app = newServer();
    app.resource({ uri: "config://settings", read: function appConfig() { return "x"; } });
    expect(app.getResources()).toEqual([{ uri: "config://settings", name: "appConfig" }]);
  });

  it("from the URI's last path segment when read is an arrow function or a method", async () => {
    const app = newServer();
    app.resource({ uri: "config://app", read: () => "x" });
    app.resource({ uri: "file:///docs/read%20me.md", read() { return "x"; } });
    app.resource({ uri: "urn:isbn:123", read: () => "x" });
    app.resource({ uri: "mem://", read: () => "x" });
    const list = await request(app, "resources/list");
    expect(list.result.resources.map((item: { name: string }) => item.name)).toEqual(["app", "read me.md", "isbn:123", "mem://"]);
  });

  it("names a template after its read function, else after the template itself", () => {
    const app = newServer();
    app.resourceTemplate({ uriTemplate: "users://{id}/profile", read: () => "x" });
    app.resourceTemplate({ uriTemplate: "orders://{id}", read: function orderById() { return "x"; } });
    expect(app.getResourceTemplates().map((item) => item.name)).toEqual(["users://{id}/profile", "orderById"]);
  });

  it("still refuses an empty name", () => {
    const app = newServer();
    expect(() => app.resource({ uri: "config://app", name: "", read: () => "x" })).toThrow(/"name" must be a non-empty string/);
  });
});

describe("server.getTools() / getResources() / getPrompts() for metadata assertions", () => {
  it("returns what the lists show, as copies, without disabled definitions", () => {
    const app = newServer();
    app.tool({ name: "add", description: "Adds.", input: Type.Object({ a: Type.Number(), b: Type.Number() }), handler: ({ a, b }) => String(a + b) });
    app.tool({ name: "secret", requiresAuth: true, handler: () => "x" });
    app.tool({ name: "off", handler: () => "x" }).disable();
    app.prompt({ name: "review", arguments: [{ name: "code", required: true }], get: ({ code }) => code ?? "" });
    const tools = app.getTools();
    expect(tools.map((tool) => tool.name)).toEqual(["add", "secret"]);
    expect(tools[0]).toMatchObject({ name: "add", description: "Adds.", inputSchema: { type: "object", required: ["a", "b"] } });
    (tools[0] as { name: string }).name = "changed";
    expect(app.getTools()[0]?.name).toBe("add");
    expect(app.getPrompts()).toEqual([{ name: "review", arguments: [{ name: "code", required: true }] }]);
  });
});

describe("server.hasTool() / hasPrompt() for middleware that needs to know a name is real", () => {
  it("answers true only for an enabled definition of that name, following disable, enable and remove", () => {
    const app = newServer();
    const add = app.tool({ name: "add", handler: () => "1" });
    const review = app.prompt({ name: "review", get: () => "look" });
    expect([app.hasTool("add"), app.hasTool("review"), app.hasTool("missing")]).toEqual([true, false, false]);
    expect([app.hasPrompt("review"), app.hasPrompt("add"), app.hasPrompt("__proto__")]).toEqual([true, false, false]);
    add.disable();
    review.disable();
    expect([app.hasTool("add"), app.hasPrompt("review")]).toEqual([false, false]);
    add.enable();
    review.remove();
    expect([app.hasTool("add"), app.hasPrompt("review")]).toEqual([true, false]);
  });
});
