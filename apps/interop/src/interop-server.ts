import { ChukMCPServer, Type } from "chuk-mcp";

/**
 * The server the interop suite points the official clients at: plain tools plus the two
 * interactive features clients implement differently (progress notifications and
 * elicitation), a resource and a prompt. Test-only; not published.
 */
export function createInteropServer(): ChukMCPServer {
  const mcp = new ChukMCPServer({ name: "chuk-mcp-interop", version: "1.0.0" });

  mcp.tool({
    name: "echo",
    description: "Returns its text.",
    input: Type.Object({ text: Type.String() }),
    handler: ({ text }) => text,
  });

  mcp.tool({
    name: "add",
    description: "Adds two numbers.",
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    output: Type.Object({ sum: Type.Number() }),
    handler: ({ a, b }) => ({ sum: a + b }),
  });

  mcp.tool({
    name: "count_with_progress",
    description: "Counts to `steps`, reporting progress after each step.",
    input: Type.Object({ steps: Type.Integer({ minimum: 1, maximum: 50 }) }),
    handler: async ({ steps }, ctx) => {
      for (let step = 1; step <= steps; step += 1) {
        await ctx.progress(step, steps, `step ${step} of ${steps}`);
        // Simulated work. It also keeps each notification in its own read on the client side:
        // @modelcontextprotocol/client 2.4.0 dispatches notifications a microtask late but
        // responses at once, so progress that shares a stdio read with the final response
        // is dropped on the 2026 path (a client-side race; the bytes on the wire are correct).
        // SDK v1's client has the same race; 20 ms keeps the reads apart on a loaded CI machine
        // (5 ms once let four notifications share the response's read).
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return `counted to ${steps}`;
    },
  });

  mcp.tool({
    name: "confirm_order",
    description: "Asks the user (elicitation) how many of `item` to order.",
    input: Type.Object({ item: Type.String() }),
    handler: async ({ item }, ctx) => {
      const answer = await ctx.elicit({
        mode: "form",
        message: `How many ${item} should I order?`,
        requestedSchema: {
          type: "object",
          properties: { quantity: { type: "integer", minimum: 1, description: "How many to order" } },
          required: ["quantity"],
        },
      });
      if (answer.action !== "accept") return `order of ${item}: ${answer.action}`;
      return `ordered ${String(answer.content?.quantity)} × ${item}`;
    },
  });

  let lastCancellation = "none";
  mcp.tool({
    name: "wait_for_cancel",
    description: "Waits up to 10 s; reports through `last_cancellation` whether it was cancelled.",
    handler: async (_args, ctx) => {
      lastCancellation = "running";
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        ctx.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      lastCancellation = ctx.signal.aborted ? "aborted" : "completed";
      return lastCancellation;
    },
  });

  mcp.tool({
    name: "last_cancellation",
    description: "What happened to the last wait_for_cancel call.",
    handler: () => lastCancellation,
  });

  let dynamicTools = 0;
  mcp.tool({
    name: "add_dynamic_tool",
    description: "Registers a new tool (clients get notifications/tools/list_changed).",
    handler: () => {
      dynamicTools += 1;
      const name = `dynamic_${dynamicTools}`;
      mcp.tool({ name, handler: () => `${name} here` });
      return name;
    },
  });

  mcp.tool({
    name: "log_message",
    description: "Sends a notifications/message log entry at info level.",
    input: Type.Object({ text: Type.String() }),
    handler: async ({ text }, ctx) => {
      await ctx.log("info", { text }, "interop");
      return "logged";
    },
  });

  mcp.resource({
    uri: "interop://readme",
    name: "readme",
    mimeType: "text/plain",
    read: () => "chuk-mcp interop server",
  });

  mcp.prompt({
    name: "greet",
    description: "Greets someone.",
    arguments: [{ name: "name", required: true }],
    get: ({ name }) => `Please greet ${name ?? "someone"} warmly.`,
  });

  return mcp;
}
