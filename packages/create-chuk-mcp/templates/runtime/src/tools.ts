import { tool, Type } from "chuk-mcp";

// Loaded by the runtime (config.yaml: mcp_servers.local). Each tool() registers on the
// runtime's server.

tool({
  name: "hello",
  description: "Say hello to someone.",
  input: Type.Object({ name: Type.Optional(Type.String({ description: "Who to greet", default: "World" })) }),
  handler: ({ name }) => `Hello, ${name ?? "World"}!`,
});

tool({
  name: "add",
  description: "Add two numbers together.",
  input: Type.Object({ a: Type.Number(), b: Type.Number() }),
  output: Type.Object({ sum: Type.Number() }),
  annotations: { readOnlyHint: true, idempotentHint: true },
  handler: ({ a, b }) => ({ sum: a + b }),
});
