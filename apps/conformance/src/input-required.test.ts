import { describe, expect, it } from "vitest";
import { InputRequiredSignal, RecordingHost, recordingContext } from "../test/recording-host.js";
import { registerFixtures } from "./fixtures.js";

const host = new RecordingHost();
registerFixtures(host);

async function firstRound(name: string, capabilities?: Record<string, unknown>) {
  const context = recordingContext(capabilities === undefined ? {} : { capabilities });
  await expect(host.toolNamed(name).handler({}, context)).rejects.toBeInstanceOf(InputRequiredSignal);
  return context.asks;
}

describe("input-required fixtures", () => {
  it("asks for user_name with the exact elicitation the SEP-2322 scenario shows", async () => {
    const asks = await firstRound("test_input_required_result_elicitation");
    expect(asks).toEqual([
      {
        method: "elicitation/create",
        key: "user_name",
        params: {
          message: "What is your name?",
          requestedSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
        },
      },
    ]);
  });

  it("greets with the elicited name once user_name is answered", async () => {
    const context = recordingContext({ answers: { user_name: { action: "accept", content: { name: "Alice" } } } });
    expect(await host.toolNamed("test_input_required_result_elicitation").handler({}, context)).toBe("Hello, Alice!");
  });

  it("uses the keys capital_question and client_roots for sampling and roots", async () => {
    expect((await firstRound("test_input_required_result_sampling"))[0]).toMatchObject({
      method: "sampling/createMessage",
      key: "capital_question",
      params: { maxTokens: 100 },
    });
    expect((await firstRound("test_input_required_result_list_roots"))[0]).toMatchObject({ method: "roots/list", key: "client_roots" });
  });

  it("starts all three asks of the multiple-inputs tool in the same round", async () => {
    const asks = await firstRound("test_input_required_result_multiple_inputs");
    expect(asks.map((ask) => [ask.method, ask.key])).toEqual([
      ["elicitation/create", "user_name"],
      ["sampling/createMessage", "greeting"],
      ["roots/list", "client_roots"],
    ]);
  });

  it("asks step1 then step2 across rounds of the multi-round tool", async () => {
    expect((await firstRound("test_input_required_result_multi_round")).map((ask) => ask.key)).toEqual(["step1"]);
    const second = recordingContext({ answers: { step1: { action: "accept", content: { name: "Alice" } } } });
    await expect(host.toolNamed("test_input_required_result_multi_round").handler({}, second)).rejects.toBeInstanceOf(InputRequiredSignal);
    expect(second.asks.map((ask) => ask.key)).toEqual(["step2"]);
    const third = recordingContext({
      answers: {
        step1: { action: "accept", content: { name: "Alice" } },
        step2: { action: "accept", content: { color: "blue" } },
      },
    });
    expect(await host.toolNamed("test_input_required_result_multi_round").handler({}, third)).toBe("Alice likes blue");
  });

  it("mentions state-ok once the request-state confirmation is answered", async () => {
    const context = recordingContext({ answers: { confirm: { action: "accept", content: { ok: true } } } });
    expect(await host.toolNamed("test_input_required_result_request_state").handler({}, context)).toContain("state-ok");
  });

  it("asks only for sampling when the client declared only sampling", async () => {
    const asks = await firstRound("test_input_required_result_capabilities", { sampling: {} });
    expect(asks.map((ask) => ask.method)).toEqual(["sampling/createMessage"]);
  });

  it("completes without asking when the client declared nothing it could be asked", async () => {
    const context = recordingContext({ capabilities: {} });
    expect(await host.toolNamed("test_input_required_result_capabilities").handler({}, context)).toMatch(/declared no/);
    expect(context.asks).toEqual([]);
  });

  it("elicits user_context from the input-required prompt", async () => {
    const prompt = host.prompts.get("test_input_required_result_prompt");
    const context = recordingContext();
    await expect(prompt?.get({}, context)).rejects.toBeInstanceOf(InputRequiredSignal);
    expect(context.asks[0]).toMatchObject({ method: "elicitation/create", key: "user_context" });
  });

  it("sends the SEP-1034 defaults for every primitive type", async () => {
    const [ask] = await firstRound("test_elicitation_sep1034_defaults");
    const properties = (ask?.params.requestedSchema as { properties: Record<string, { type: string; default: unknown; enum?: unknown[] }> }).properties;
    expect(Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, [schema.type, schema.default]]))).toEqual({
      name: ["string", "John Doe"],
      age: ["integer", 30],
      score: ["number", 95.5],
      status: ["string", "active"],
      verified: ["boolean", true],
    });
    expect(properties.status?.enum).toContain("active");
  });

  it("sends all five SEP-1330 enum variants in their required shapes", async () => {
    const [ask] = await firstRound("test_elicitation_sep1330_enums");
    const properties = (ask?.params.requestedSchema as { properties: Record<string, Record<string, unknown>> }).properties;
    expect(properties.untitledSingle).toMatchObject({ type: "string", enum: ["option1", "option2", "option3"] });
    expect(properties.untitledSingle).not.toHaveProperty("oneOf");
    expect((properties.titledSingle?.oneOf as Array<Record<string, unknown>>).every((option) => typeof option.const === "string" && typeof option.title === "string")).toBe(true);
    expect(properties.titledSingle).not.toHaveProperty("enum");
    expect((properties.legacyEnum?.enumNames as unknown[]).length).toBe((properties.legacyEnum?.enum as unknown[]).length);
    expect(properties.untitledMulti).toMatchObject({ type: "array", items: { type: "string" } });
    expect(properties.titledMulti).toMatchObject({ type: "array" });
    expect((properties.titledMulti?.items as Record<string, unknown>).anyOf).toHaveLength(3);
  });

  it("passes the caller's prompt to sampling and reports the answer", async () => {
    const context = recordingContext({
      answers: { sampling: { role: "assistant", content: { type: "text", text: "Hi" }, model: "m" } },
    });
    expect(await host.toolNamed("test_sampling").handler({ prompt: "Say hi" }, context)).toBe("LLM response: Hi");
  });
});
