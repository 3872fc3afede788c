import { describe, expect, it } from "vitest";
import { newServer, request } from "../../test/helpers.js";

describe("resources, prompts and completions", () => {
  const app = newServer();
  app.resource({ uri: "test://static-text", name: "static", mimeType: "text/plain", read: () => "This is the content" });
  app.resource({ uri: "test://static-binary", name: "bin", mimeType: "image/png", read: () => new Uint8Array([1, 2, 3]) });
  app.resource({ uri: "test://broken", name: "broken", read: () => undefined as never });
  app.resourceTemplate({
    uriTemplate: "test://template/{id}/data",
    name: "tpl",
    mimeType: "application/json",
    complete: { id: (value) => ["1", "12", "2"].filter((item) => item.startsWith(value)) },
    list: () => [{ uri: "test://template/1/data", name: "one" }],
    read: (uri, variables) => JSON.stringify({ id: variables.id, uri: String(uri) }),
  });
  app.prompt({
    name: "greet",
    arguments: [{ name: "who", required: true }, { name: "tone" }],
    complete: { tone: (value, context) => ["formal", "friendly"].filter((item) => item.startsWith(value)).map((item) => `${item}:${context.arguments.who ?? ""}`) },
    get: (args) => [{ role: "user", content: { type: "text", text: `Hello ${args.who}` } }],
  });

  it("lists fixed resources plus template listings, and templates", async () => {
    const list = await request(app, "resources/list");
    expect(list.result.resources.map((item: { uri: string }) => item.uri)).toEqual([
      "test://static-text",
      "test://static-binary",
      "test://broken",
      "test://template/1/data",
    ]);
    const templates = await request(app, "resources/templates/list");
    expect(templates.result.resourceTemplates).toEqual([{ uriTemplate: "test://template/{id}/data", name: "tpl", mimeType: "application/json" }]);
  });

  it("reads text, binary and templated resources", async () => {
    expect((await request(app, "resources/read", { uri: "test://static-text" })).result).toEqual({
      contents: [{ uri: "test://static-text", mimeType: "text/plain", text: "This is the content" }],
    });
    expect((await request(app, "resources/read", { uri: "test://static-binary" })).result.contents[0]).toEqual({
      uri: "test://static-binary",
      mimeType: "image/png",
      blob: "AQID",
    });
    expect(JSON.parse((await request(app, "resources/read", { uri: "test://template/a%20b/data" })).result.contents[0].text)).toEqual({
      id: "a b",
      uri: "test://template/a%20b/data",
    });
  });

  it("answers a broken read with -32603 and a missing uri with -32602", async () => {
    expect((await request(app, "resources/read", { uri: "test://broken" })).error?.code).toBe(-32603);
    expect((await request(app, "resources/read", {})).error?.code).toBe(-32602);
  });

  it("gets prompts and checks their arguments", async () => {
    const reply = await request(app, "prompts/get", { name: "greet", arguments: { who: "Ada" } });
    expect(reply.result).toEqual({ messages: [{ role: "user", content: { type: "text", text: "Hello Ada" } }] });
    expect((await request(app, "prompts/get", { name: "greet", arguments: {} })).error?.message).toMatch(/needs argument "who"/);
    expect((await request(app, "prompts/get", { name: "greet", arguments: { who: 5 } })).error?.code).toBe(-32602);
    expect((await request(app, "prompts/get", { name: "nope" })).error?.code).toBe(-32602);
  });

  it("completes prompt arguments with context and template variables", async () => {
    const prompt = await request(app, "completion/complete", {
      ref: { type: "ref/prompt", name: "greet" },
      argument: { name: "tone", value: "f" },
      context: { arguments: { who: "Ada" } },
    });
    expect(prompt.result).toEqual({ completion: { values: ["formal:Ada", "friendly:Ada"], total: 2, hasMore: false } });
    const template = await request(app, "completion/complete", { ref: { type: "ref/resource", uri: "test://template/{id}/data" }, argument: { name: "id", value: "1" } });
    expect(template.result.completion.values).toEqual(["1", "12"]);
    const none = await request(app, "completion/complete", { ref: { type: "ref/prompt", name: "greet" }, argument: { name: "who", value: "" } });
    expect(none.result.completion.values).toEqual([]);
    expect((await request(app, "completion/complete", { ref: { type: "ref/prompt", name: "x" }, argument: { name: "a", value: "" } })).error?.code).toBe(-32602);
    expect((await request(app, "completion/complete", { ref: { type: "ref/other" }, argument: { name: "a", value: "" } })).error?.code).toBe(-32602);
    expect((await request(app, "completion/complete", { ref: { type: "ref/prompt", name: "greet" } })).error?.code).toBe(-32602);
  });
});
