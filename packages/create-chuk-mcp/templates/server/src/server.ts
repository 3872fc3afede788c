import { ChukMCPServer, Type } from "chuk-mcp";
import { CalculationError, calculate } from "./calculator.js";

/** The MCP server: its tools, resources and prompts. `main.ts` serves it; tests import it. */
export const server = new ChukMCPServer({ name: "{{name}}", version: "0.1.0" });

server.tool({
  name: "hello",
  description: "Say hello to someone.",
  input: Type.Object({ name: Type.Optional(Type.String({ description: "Who to greet", default: "World" })) }),
  handler: ({ name }) => `Hello, ${name ?? "World"}!`,
});

server.tool({
  name: "add",
  description: "Add two numbers together.",
  input: Type.Object({ a: Type.Number(), b: Type.Number() }),
  output: Type.Object({ sum: Type.Number() }),
  annotations: { readOnlyHint: true, idempotentHint: true },
  handler: ({ a, b }) => ({ sum: a + b }),
});

server.tool({
  name: "calculate",
  description: "Evaluate an arithmetic expression, e.g. 2 * (3 + 4) or sqrt(16) + 2^3. Supports + - * / % ^, parentheses, pi, e, sqrt, abs, round, floor, ceil, min, max.",
  input: Type.Object({ expression: Type.String({ maxLength: 1000 }) }),
  annotations: { readOnlyHint: true, idempotentHint: true },
  handler: ({ expression }) => {
    try {
      return `${expression} = ${calculate(expression)}`;
    } catch (error) {
      if (error instanceof CalculationError) return { content: [{ type: "text", text: error.message }], isError: true };
      throw error;
    }
  },
});

server.resource({
  uri: "config://info",
  name: "server-info",
  description: "Information about this server.",
  mimeType: "application/json",
  read: () => JSON.stringify({ name: "{{name}}", version: "0.1.0", node: process.version, tools: ["hello", "add", "calculate"] }),
});

server.prompt({
  name: "code_review",
  description: "Ask for a review of a piece of code.",
  arguments: [
    { name: "code", description: "The code to review", required: true },
    { name: "language", description: "Its programming language" },
  ],
  get: ({ code, language }) => `Please review this ${language ?? ""} code for bugs, readability and security:\n\n${code}`,
});
