#!/usr/bin/env node
/**
 * Example MCP server over Streamable HTTP. After `pnpm build`:
 * `PORT=8000 node apps/http/dist/index.js` → http://127.0.0.1:8000/mcp (URL printed to stderr).
 * Flags: --port N, --host H, --path P, --log-level L (see `chuk-mcp --help`).
 */
import { EXAMPLE_SERVER_INFO, registerExamples } from "@chuk-mcp/app-stdio";
import { ChukMCPServer } from "chuk-mcp";

const mcp = new ChukMCPServer({
  ...EXAMPLE_SERVER_INFO,
  instructions: "Use `calculate` for arithmetic, `add` for sums and `hello` to greet.",
});
registerExamples(mcp);
await mcp.run({ transport: "http" });
