// OURS over stdio with ambient context off (handlers use only their ctx argument): shows what
// AsyncLocalStorage's promise hooks cost on this Node. The "ours" row keeps the default.
import { serveStdio } from "@chuk-mcp/stdio";
import { buildChukServer } from "./chuk-fixture.mjs";

const stdio = serveStdio(buildChukServer({ ambientContext: false }));
await stdio.closed;
process.exit(0);
