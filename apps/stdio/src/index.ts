#!/usr/bin/env node
/**
 * Example MCP server on stdio. After `pnpm build`: `node apps/stdio/dist/index.js`.
 * Logs go to stderr (`MCP_LOG_LEVEL=debug` for more); stdout carries only the protocol.
 */
import { ChukMCPServer } from "chuk-mcp";
import { EXAMPLE_SERVER_INFO, registerExamples } from "./examples.js";

const mcp = new ChukMCPServer({
  ...EXAMPLE_SERVER_INFO,
  instructions: "Use `calculate` for arithmetic, `add` for sums and `hello` to greet.",
});
registerExamples(mcp);
// --stdio first: this app is the stdio example even when PORT is set in the environment.
await mcp.run({ argv: ["--stdio", ...process.argv.slice(2)] });
