/**
 * The example server every serverless app serves: the same tools, resources and prompt as
 * `apps/http` (shared through `@chuk-mcp/app-stdio`'s `registerExamples`), plus `whoami`, and
 * `count_with_progress` to show progress notifications getting through each platform.
 * Imports core's `McpServer` (not the `chuk-mcp` umbrella, whose CLI side loads Node
 * transports), so Workers and Edge bundles stay free of Node built-ins.
 */
import { EXAMPLE_SERVER_INFO, registerExamples } from "@chuk-mcp/app-stdio";
import { getUserId, McpServer, Type } from "@chuk-mcp/core";

/** Instructions the examples report on initialize / server/discover. */
export const EXAMPLE_INSTRUCTIONS =
  "Use `calculate` for arithmetic, `add` for sums, `hello` to greet and `whoami` to see who you are signed in as.";

/** A fresh server with the shared example set. */
export function createExampleServer(): McpServer {
  const server = new McpServer({ ...EXAMPLE_SERVER_INFO, instructions: EXAMPLE_INSTRUCTIONS });
  registerExamples(server);
  server.tool({
    name: "whoami",
    description: "Says which user the access token names (the JWT `sub`), or that the caller is anonymous.",
    annotations: { readOnlyHint: true },
    handler: () => getUserId() ?? "anonymous",
  });
  server.tool({
    name: "count_with_progress",
    description: "Counts to `steps`, sending a progress notification for each step.",
    annotations: { readOnlyHint: true },
    input: Type.Object({ steps: Type.Integer({ minimum: 1, maximum: 20 }) }),
    handler: async ({ steps }, context) => {
      for (let step = 1; step <= steps; step += 1) {
        await context.progress(step, steps, `step ${step} of ${steps}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return `counted to ${steps}`;
    },
  });
  return server;
}
