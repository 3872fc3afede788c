/**
 * Diagnostic hooks the 2026-07-28 `server-stateless` scenario (SEP-2575) calls by name:
 * a tool that needs an undeclared capability, a tool whose call must stay on the
 * input_required path, a tool that logs without the client asking for logs, and two hooks
 * that change the tool and prompt lists so list_changed notifications can be observed.
 *
 * @see https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2575
 */
import { NO_ARGUMENTS, type FixtureHost, type PromptHandle, type ToolHandle } from "./host.js";
import { samplingText, textSampling } from "./input-required.js";

/** Flips a handle between enabled and disabled; each flip emits list_changed. */
class Toggle {
  private enabled = true;
  constructor(private readonly handle: ToolHandle | PromptHandle) {}
  flip(): boolean {
    this.enabled = !this.enabled;
    if (this.enabled) this.handle.enable();
    else this.handle.disable();
    return this.enabled;
  }
}

/** Registers the SEP-2575 diagnostic hooks on `host`. */
export function registerStatelessDiagnostics(host: FixtureHost): void {
  host.tool({
    name: "test_missing_capability",
    description: "Needs sampling; a client that did not declare it must get error -32021",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.sample(textSampling("Say hello", 20), { key: "missing_capability" });
      return samplingText(answer);
    },
  });
  host.tool({
    name: "test_streaming_elicitation",
    description: "Asks the user a question; on 2026-07-28 this must come back as input_required, never as a request on the stream",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.elicit(
        { message: "What is your name?", requestedSchema: { type: "object", properties: { name: { type: "string" } } } },
        { key: "streaming_question" },
      );
      return `Thanks, ${String(answer.content?.name ?? "stranger")}`;
    },
  });
  host.tool({
    name: "test_logging_tool",
    description: "Logs at info level; without a requested log level nothing may be sent",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      await context.log("info", "test_logging_tool ran");
      return "Logged one message (delivered only if the client asked for logs)";
    },
  });

  const dynamicTool = new Toggle(
    host.tool({
      name: "test_dynamic_tool",
      description: "Appears and disappears each time test_trigger_tool_change runs",
      input: NO_ARGUMENTS,
      handler: async () => "dynamic tool called",
    }),
  );
  const dynamicPrompt = new Toggle(
    host.prompt({
      name: "test_dynamic_prompt",
      description: "Appears and disappears each time test_trigger_prompt_change runs",
      get: async () => [{ role: "user", content: { type: "text", text: "dynamic prompt" } }],
    }),
  );
  host.tool({
    name: "test_trigger_tool_change",
    description: "Changes the tool list (toggles test_dynamic_tool) so notifications/tools/list_changed is sent",
    input: NO_ARGUMENTS,
    handler: async () => `test_dynamic_tool is now ${dynamicTool.flip() ? "listed" : "hidden"}`,
  });
  host.tool({
    name: "test_trigger_prompt_change",
    description: "Changes the prompt list (toggles test_dynamic_prompt) so notifications/prompts/list_changed is sent",
    input: NO_ARGUMENTS,
    handler: async () => `test_dynamic_prompt is now ${dynamicPrompt.flip() ? "listed" : "hidden"}`,
  });
}
