/**
 * Fixtures of the tasks-extension scenarios (`io.modelcontextprotocol/tasks`, SEP-2663):
 * one synchronous tool and six task-supporting ones covering completion, tool errors,
 * protocol errors, cancellation, parked input and the input-then-task composition.
 *
 * @see https://modelcontextprotocol.io/seps/2663-tasks-extension
 */
import { ProtocolError } from "@chuk-mcp/core";
import { delay, NO_ARGUMENTS, type FixtureContext, type FixtureHost, type ToolDefinition } from "./host.js";

/** Sleeps `milliseconds`, ending early (rejecting) when `signal` aborts, so a cancelled task stops. */
function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return delay(milliseconds);
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const CONFIRM_SCHEMA = {
  type: "object",
  properties: { confirm: { type: "boolean", description: "Go ahead?" } },
  required: ["confirm"],
};

const NAME_SCHEMA = {
  type: "object",
  properties: { name: { type: "string", description: "Your name" } },
  required: ["name"],
};

export const taskTools: ToolDefinition[] = [
  {
    name: "greet",
    description: "Synchronous tool (no task support): returns Hello, {name}!",
    input: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    handler: async (args) => `Hello, ${String(args.name)}!`,
  },
  {
    name: "slow_compute",
    description: "Task-supporting: sleeps `seconds` seconds (0 = immediate), then reports; cancellable",
    taskSupport: "optional",
    input: {
      type: "object",
      properties: { seconds: { type: "number", minimum: 0 }, label: { type: "string" } },
      required: ["seconds"],
    },
    handler: async (args, context) => {
      const seconds = Number(args.seconds);
      await sleep(seconds * 1000, context.signal);
      return `Computed ${String(args.label ?? "result")} after ${seconds}s`;
    },
  },
  {
    name: "failing_job",
    description: "Task-required: reports a tool execution error after about a second",
    taskSupport: "required",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      await sleep(1000, context.signal);
      return { isError: true, content: [{ type: "text", text: "failing_job failed on purpose" }] };
    },
  },
  {
    name: "protocol_error_job",
    description: "Task-supporting: fails with a protocol-level error (the task ends as failed)",
    taskSupport: "optional",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      await sleep(200, context.signal);
      throw new ProtocolError(-32603, "Internal error: protocol_error_job crashed on purpose");
    },
  },
  {
    name: "confirm_delete",
    description: "Task-supporting: asks the user to confirm deleting `filename`, then reports",
    taskSupport: "optional",
    input: { type: "object", properties: { filename: { type: "string" } }, required: ["filename"] },
    handler: async (args, context) => {
      const answer = await context.elicit({ message: `Delete ${String(args.filename)}?`, requestedSchema: CONFIRM_SCHEMA });
      const confirmed = answer.action === "accept" && answer.content?.confirm === true;
      return confirmed ? `Deleted ${String(args.filename)}` : `Kept ${String(args.filename)}`;
    },
  },
  {
    name: "multi_input",
    description: "Task-supporting: asks two questions at once, then reports both answers",
    taskSupport: "optional",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const [name, confirm] = await Promise.all([
        context.elicit({ message: "What is your name?", requestedSchema: NAME_SCHEMA }, { key: "name" }),
        context.elicit({ message: "Proceed?", requestedSchema: CONFIRM_SCHEMA }, { key: "confirm" }),
      ]);
      return `name=${JSON.stringify(name.content ?? null)} confirm=${JSON.stringify(confirm.content ?? null)}`;
    },
  },
  {
    name: "test_tool_with_task",
    description: "Task-required: asks for user_name by input_required rounds, then continues as a task that greets them",
    taskSupport: "required",
    taskStart: "handler",
    input: NO_ARGUMENTS,
    handler: async (_args, context) => {
      const answer = await context.elicit({ message: "What is your name?", requestedSchema: NAME_SCHEMA }, { key: "user_name" });
      const name = String(answer.content?.name ?? "stranger");
      const work = async (task: FixtureContext): Promise<string> => {
        await sleep(100, task.signal);
        return `Hello, ${name}! (finished as a task)`;
      };
      return context.runAsTask === undefined ? work(context) : context.runAsTask(work);
    },
  },
];

/** Registers the tasks-extension fixtures. */
export function registerTaskFixtures(host: FixtureHost): void {
  for (const definition of taskTools) host.tool(definition);
}
