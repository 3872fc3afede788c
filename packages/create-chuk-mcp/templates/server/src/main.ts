#!/usr/bin/env node
// Entry point: stdio by default (for Claude Desktop, Cursor, VS Code); `--http`, `--port N`
// or MCP_TRANSPORT=http serve Streamable HTTP at http://127.0.0.1:8000/mcp. `--help` lists all.
import { server } from "./server.js";

await server.run();
