/** Runs the interop server on stdio (spawned by the interop tests after `pnpm build`). */
import { createInteropServer } from "./interop-server.js";

await createInteropServer().run({ argv: ["--stdio"], env: { MCP_LOG_LEVEL: process.env.MCP_LOG_LEVEL } });
