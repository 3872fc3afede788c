import { describe, expect, it } from "vitest";
import { RecordingHost, recordingContext } from "../test/recording-host.js";
import { registerFixtures } from "./fixtures.js";
import { STATIC_TEXT } from "./resources.js";
import { SIMPLE_PROMPT_TEXT } from "./prompts.js";

const host = new RecordingHost();
registerFixtures(host);

describe("resource fixtures", () => {
  it("reads test://static-text as text/plain with the scenario's text", async () => {
    const resource = host.resources.get("test://static-text");
    expect(await resource?.read("test://static-text", recordingContext())).toEqual({
      uri: "test://static-text",
      mimeType: "text/plain",
      text: STATIC_TEXT,
    });
  });

  it("reads test://static-binary as a base64 PNG blob", async () => {
    const contents = await host.resources.get("test://static-binary")?.read(new URL("test://static-binary"), recordingContext());
    expect(contents).toMatchObject({ uri: "test://static-binary", mimeType: "image/png" });
    const blob = (contents as { blob: string }).blob;
    expect(Buffer.from(blob, "base64").subarray(1, 4).toString()).toBe("PNG");
  });

  it("substitutes the template id into the content", async () => {
    const template = host.templates.get("test://template/{id}/data");
    const contents = (await template?.read("test://template/123/data", { id: "123" }, recordingContext())) as { text: string };
    expect(JSON.parse(contents.text)).toEqual({ id: "123", templateTest: true, data: "Data for ID: 123" });
  });

  it("completes template ids by prefix", () => {
    expect(host.templates.get("test://template/{id}/data")?.complete?.id?.("4", { arguments: {} })).toEqual(["456"]);
  });

  it("registers the watched resource clients subscribe to", () => {
    expect(host.resources.has("test://watched-resource")).toBe(true);
  });
});

describe("prompt fixtures", () => {
  it("gives every prompt a description", () => {
    for (const [name, prompt] of host.prompts) expect(prompt.description, name).toBeTruthy();
  });

  it("returns the simple prompt text", async () => {
    expect(await host.prompts.get("test_simple_prompt")?.get({}, recordingContext())).toEqual([
      { role: "user", content: { type: "text", text: SIMPLE_PROMPT_TEXT } },
    ]);
  });

  it("substitutes both arguments", async () => {
    const messages = await host.prompts.get("test_prompt_with_arguments")?.get({ arg1: "testValue1", arg2: "testValue2" }, recordingContext());
    expect(JSON.stringify(messages)).toContain("arg1='testValue1', arg2='testValue2'");
  });

  it("completes arg1 and returns an array even when nothing matches", () => {
    const complete = host.prompts.get("test_prompt_with_arguments")?.complete?.arg1;
    expect(complete?.("par", { arguments: {} })).toEqual(["paris", "park", "party"]);
    expect(complete?.("zzz", { arguments: {} })).toEqual([]);
  });

  it("embeds the resource named by resourceUri", async () => {
    const messages = await host.prompts.get("test_prompt_with_embedded_resource")?.get({ resourceUri: "test://example-resource" }, recordingContext());
    expect(messages?.[0]?.content).toMatchObject({ type: "resource", resource: { uri: "test://example-resource", mimeType: "text/plain" } });
  });

  it("carries an image with data and mimeType", async () => {
    const messages = await host.prompts.get("test_prompt_with_image")?.get({}, recordingContext());
    expect(messages?.some((message) => message.content.type === "image" && message.content.data.length > 0)).toBe(true);
  });
});
