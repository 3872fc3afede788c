import { Type, type McpServer } from "chuk-mcp";
import { CalculatorError, evaluate } from "./calculator.js";

/** Name and version both example apps report. */
export const EXAMPLE_SERVER_INFO = { name: "chuk-mcp-examples", version: "0.1.0" } as const;

const ABOUT = `# chuk-mcp examples

Tools: \`hello\` (greets), \`add\` (adds two numbers), \`calculate\` (safe arithmetic:
+ - * / % ^ and parentheses, no eval).
Prompt: \`explain_calculation\`. Resources: \`example://about\`, \`example://greeting/{name}\`.
`;

/**
 * Registers the example tools, resources and prompt on `server`. Shared by the stdio and
 * HTTP example apps so both expose exactly the same surface.
 */
export function registerExamples(server: McpServer): void {
  server.tool({
    name: "hello",
    title: "Say hello",
    description: "Greets someone by name.",
    annotations: { readOnlyHint: true, idempotentHint: true },
    input: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200, description: "Who to greet" }) }),
    handler: ({ name }) => `Hello, ${name}!`,
  });

  server.tool({
    name: "add",
    title: "Add two numbers",
    description: "Returns a + b.",
    annotations: { readOnlyHint: true, idempotentHint: true },
    input: Type.Object({ a: Type.Number(), b: Type.Number() }),
    output: Type.Object({ sum: Type.Number() }),
    handler: ({ a, b }) => ({ sum: a + b }),
  });

  server.tool({
    name: "calculate",
    title: "Calculator",
    description: "Evaluates an arithmetic expression with + - * / % ^, parentheses and unary minus, e.g. (2 + 3) * 4 ^ 2. No variables or functions.",
    annotations: { readOnlyHint: true, idempotentHint: true },
    input: Type.Object({ expression: Type.String({ minLength: 1, maxLength: 1_000, description: "Arithmetic expression" }) }),
    output: Type.Object({ expression: Type.String(), result: Type.Number() }),
    handler: ({ expression }) => {
      try {
        return { expression, result: evaluate(expression) };
      } catch (error) {
        if (error instanceof CalculatorError) {
          return { isError: true, content: [{ type: "text", text: `Cannot evaluate '${expression}': ${error.message}` }] };
        }
        throw error;
      }
    },
  });

  server.resource({
    uri: "example://about",
    name: "about",
    title: "About these examples",
    description: "What this example server offers.",
    mimeType: "text/markdown",
    read: () => ABOUT,
  });

  server.resourceTemplate({
    uriTemplate: "example://greeting/{name}",
    name: "greeting",
    title: "Greeting card",
    description: "A plain-text greeting for {name}.",
    mimeType: "text/plain",
    complete: { name: (value) => ["Ada", "Alan", "Grace"].filter((name) => name.toLowerCase().startsWith(value.toLowerCase())) },
    read: (_uri, variables) => `Hello, ${variables.name ?? "friend"}! Greetings from chuk-mcp.`,
  });

  server.prompt({
    name: "explain_calculation",
    title: "Explain a calculation",
    description: "Asks the model to explain, step by step, how an arithmetic expression is evaluated.",
    arguments: [{ name: "expression", description: "The expression to explain", required: true }],
    get: ({ expression }) => [
      {
        role: "user",
        content: {
          type: "text",
          text: `Explain step by step, respecting operator precedence, how to evaluate: ${expression ?? ""}`,
        },
      },
    ],
  });
}
