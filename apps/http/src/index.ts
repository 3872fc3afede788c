#!/usr/bin/env node
/**
 * Example MCP server over Streamable HTTP. After `pnpm build`:
 * `PORT=8000 node apps/http/dist/index.js` → http://127.0.0.1:8000/mcp (URL printed to stderr).
 * Flags: --port N, --host H, --path P, --log-level L (see `chuk-mcp --help`).
 * Environment: SESSION_PROVIDER=redis + REDIS_URL for shared sessions; JWT_SECRET_KEY (and
 * JWT_ALGORITHM, JWT_ISSUER, JWT_AUDIENCE, MCP_RESOURCE_URL) to require bearer tokens.
 */
import { EXAMPLE_SERVER_INFO, registerExamples } from "@chuk-mcp/app-stdio";
import { ChukMCPServer, getUserId } from "chuk-mcp";

const mcp = new ChukMCPServer({
  ...EXAMPLE_SERVER_INFO,
  instructions: "Use `calculate` for arithmetic, `add` for sums, `hello` to greet and `whoami` to see who you are signed in as.",
});
registerExamples(mcp);
mcp.tool({
  name: "whoami",
  description: "Says which user the access token names (the JWT `sub`), or that the caller is anonymous.",
  annotations: { readOnlyHint: true },
  handler: () => getUserId() ?? "anonymous",
});
await mcp.run({ transport: "http" });
