/**
 * Fixtures that ask the client for something: sampling, elicitation and roots. Each one is
 * written once against `ctx.elicit` / `ctx.sample` / `ctx.listRoots` and works in both
 * eras: on a 2025 session the engine sends the server-to-client request and awaits it; on a
 * 2026-07-28 stateless request it answers from `inputResponses[key]` or ends the call with
 * an `input_required` result. The `key` values are the ones the SEP-2322 scenarios expect.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation
 * @see https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2322
 */
import { NO_ARGUMENTS, type CreateMessageResult, type ElicitResult, type FixtureHost, type PromptDefinition, type ToolDefinition } from "./host.js";

/** The text of a sampling answer, whether its content is one block or a list. */
export function samplingText(result: CreateMessageResult): string {
  const blocks = Array.isArray(result.content) ? result.content : [result.content];
  return blocks
    .map((block) => (block.type === "text" && typeof block.text === "string" ? block.text : `[${String(block.type)}]`))
    .join("\n");
}

/** "action=accept, content={...}" — the shape the 2025 scenario descriptions show. */
export function describeElicitation(result: ElicitResult): string {
  return `action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
}

function nameSchema(field: string): Record<string, unknown> {
  return { type: "object", properties: { [field]: { type: "string" } }, required: [field] };
}

export const SEP1034_SCHEMA: Record<string, unknown> = {
  type: "object",
  properties: {
    name: { type: "string", description: "User name", default: "John Doe" },
    age: { type: "integer", description: "User age", default: 30 },
    score: { type: "number", description: "User score", default: 95.5 },
    status: {
      type: "string",
      description: "User status",
      enum: ["active", "inactive", "pending"],
      default: "active",
    },
    verified: { type: "boolean", description: "Verification status", default: true },
  },
  required: [],
};

export const SEP1330_SCHEMA: Record<string, unknown> = {
  type: "object",
  properties: {
    untitledSingle: { type: "string", description: "Untitled single-select", enum: ["option1", "option2", "option3"] },
    titledSingle: {
      type: "string",
      description: "Titled single-select",
      oneOf: [
        { const: "value1", title: "First Option" },
        { const: "value2", title: "Second Option" },
        { const: "value3", title: "Third Option" },
      ],
    },
    legacyEnum: {
      type: "string",
      description: "Legacy titled enum",
      enum: ["opt1", "opt2", "opt3"],
      enumNames: ["Option One", "Option Two", "Option Three"],
    },
    untitledMulti: {
      type: "array",
      description: "Untitled multi-select",
      items: { type: "string", enum: ["option1", "option2", "option3"] },
    },
    titledMulti: {
      type: "array",
      description: "Titled multi-select",
      items: {
        anyOf: [
          { const: "value1", title: "First Choice" },
          { const: "value2", title: "Second Choice" },
          { const: "value3", title: "Third Choice" },
        ],
      },
    },
  },
  required: [],
};

const USER_NAME_REQUEST = { message: "What is your name?", requestedSchema: nameSchema("name") };

const CONFIRM_REQUEST = {
  message: "Please confirm",
  requestedSchema: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] },
};

/** A sampling request of one user text message. */
export function textSampling(text: string, maxTokens: number): Record<string, unknown> {
  return { messages: [{ role: "user", content: { type: "text", text } }], maxTokens };
}

/** A no-argument tool that elicits one form and reports the answer as "Elicitation completed: …". */
function formElicitationTool(options: {
  name: string;
  description: string;
  message: string;
  requestedSchema: Record<string, unknown>;
  key: string;
}): ToolDefinition {
  return {
    name: options.name,
    description: options.description,
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.elicit({ message: options.message, requestedSchema: options.requestedSchema }, { key: options.key });
      return `Elicitation completed: ${describeElicitation(answer)}`;
    },
  };
}

export const clientRequestTools: ToolDefinition[] = [
  {
    name: "test_sampling",
    description: "Asks the client's LLM to answer a prompt (sampling/createMessage)",
    input: {
      type: "object",
      properties: { prompt: { type: "string", description: "The prompt to send to the LLM" } },
      required: ["prompt"],
    },
    handler: async (args, context) => {
      const answer = await context.sample(textSampling(String(args.prompt), 100), { key: "sampling" });
      return `LLM response: ${samplingText(answer)}`;
    },
  },
  {
    name: "test_elicitation",
    description: "Asks the user for a username and email (elicitation/create)",
    input: {
      type: "object",
      properties: { message: { type: "string", description: "The message to show the user" } },
      required: ["message"],
    },
    handler: async (args, context) => {
      const answer = await context.elicit(
        {
          message: String(args.message),
          requestedSchema: {
            type: "object",
            properties: {
              username: { type: "string", description: "User's response" },
              email: { type: "string", description: "User's email address" },
            },
            required: ["username", "email"],
          },
        },
        { key: "user_info" },
      );
      return `User response: ${describeElicitation(answer)}`;
    },
  },
  formElicitationTool({
    name: "test_elicitation_sep1034_defaults",
    description: "Elicits a form whose string, integer, number, enum and boolean fields carry defaults (SEP-1034)",
    message: "Test client default value handling - please accept with defaults",
    requestedSchema: SEP1034_SCHEMA,
    key: "sep1034_defaults",
  }),
  formElicitationTool({
    name: "test_elicitation_sep1330_enums",
    description: "Elicits a form with all five enum variants (SEP-1330)",
    message: "Test enum schema variants - please choose options",
    requestedSchema: SEP1330_SCHEMA,
    key: "sep1330_enums",
  }),
  {
    name: "test_input_required_result_elicitation",
    description: "Asks for the user's name (input key user_name) and greets them",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.elicit(USER_NAME_REQUEST, { key: "user_name" });
      return `Hello, ${String(answer.content?.name ?? "stranger")}!`;
    },
  },
  {
    name: "test_input_required_result_sampling",
    description: "Asks the client's LLM for the capital of France (input key capital_question)",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.sample(textSampling("What is the capital of France?", 100), { key: "capital_question" });
      return `Sampling answer: ${samplingText(answer)}`;
    },
  },
  {
    name: "test_input_required_result_list_roots",
    description: "Asks the client for its roots (input key client_roots) and lists them",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.listRoots({ key: "client_roots" });
      return `Client roots: ${answer.roots.map((root) => root.uri).join(", ") || "(none)"}`;
    },
  },
  {
    name: "test_input_required_result_request_state",
    description: "Asks for confirmation (input key confirm); the retry must echo the signed requestState",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.elicit(CONFIRM_REQUEST, { key: "confirm" });
      return `state-ok: confirmation ${describeElicitation(answer)}`;
    },
  },
  {
    name: "test_input_required_result_multiple_inputs",
    description: "Asks for a name, a sampled greeting and the client's roots in one round",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      // Started together so a 2026 engine can return all three inputRequests at once.
      const [name, greeting, roots] = await Promise.all([
        context.elicit(USER_NAME_REQUEST, { key: "user_name" }),
        context.sample(textSampling("Generate a greeting", 50), { key: "greeting" }),
        context.listRoots({ key: "client_roots" }),
      ]);
      return `${samplingText(greeting)} ${String(name.content?.name ?? "stranger")} (${roots.roots.length} roots)`;
    },
  },
  {
    name: "test_input_required_result_multi_round",
    description: "Asks for a name, then for a favourite colour, in two rounds",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const name = await context.elicit(
        { message: "Step 1: What is your name?", requestedSchema: nameSchema("name") },
        { key: "step1" },
      );
      const color = await context.elicit(
        { message: "Step 2: What is your favorite color?", requestedSchema: nameSchema("color") },
        { key: "step2" },
      );
      return `${String(name.content?.name)} likes ${String(color.content?.color)}`;
    },
  },
  {
    name: "test_input_required_result_tampered_state",
    description: "Asks for confirmation; a retry with a tampered requestState must be rejected",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.elicit(CONFIRM_REQUEST, { key: "confirm" });
      return `Confirmed: ${describeElicitation(answer)}`;
    },
  },
  {
    name: "test_input_required_result_capabilities",
    description: "Asks only for what the client declared: elicitation, sampling and/or roots",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const declared = context.clientCapabilities;
      const asks: Array<Promise<string>> = [];
      if (declared.elicitation !== undefined) {
        asks.push(context.elicit(USER_NAME_REQUEST, { key: "user_name" }).then(describeElicitation));
      }
      if (declared.sampling !== undefined) {
        asks.push(
          context.sample(textSampling("Say hello", 50), { key: "greeting" }).then(samplingText),
        );
      }
      if (declared.roots !== undefined) {
        asks.push(context.listRoots({ key: "client_roots" }).then((roots) => `${roots.roots.length} roots`));
      }
      if (asks.length === 0) return "The client declared no elicitation, sampling or roots capability";
      return (await Promise.all(asks)).join("; ");
    },
  },
];

export const inputRequiredPrompt: PromptDefinition = {
  name: "test_input_required_result_prompt",
  description: "A prompt that first asks the user which context to use (input key user_context)",
  get: async (_args, context) => {
    const answer = await context.elicit(
      { message: "What context should the prompt use?", requestedSchema: nameSchema("context") },
      { key: "user_context" },
    );
    return [
      { role: "user", content: { type: "text", text: `Use this context: ${String(answer.content?.context ?? "")}` } },
    ];
  },
};

/** Registers every fixture that asks the client for input. */
export function registerInputRequiredFixtures(host: FixtureHost): void {
  for (const definition of clientRequestTools) host.tool(definition);
  host.prompt(inputRequiredPrompt);
}
