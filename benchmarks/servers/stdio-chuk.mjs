// OURS over stdio: serveStdio from @chuk-mcp/stdio.
import { serveStdio } from "@chuk-mcp/stdio";
import { buildChukServer } from "./chuk-fixture.mjs";

const stdio = serveStdio(buildChukServer());
await stdio.closed;
process.exit(0);
