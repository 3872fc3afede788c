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
// This app is the stdio example: a PORT or MCP_TRANSPORT inherited from the environment does
// not turn it into an HTTP server (explicit flags such as --http still do).
await mcp.run({ transport: "stdio", env: { ...process.env, PORT: undefined, MCP_TRANSPORT: undefined } });
