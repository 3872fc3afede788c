#!/usr/bin/env node
/**
 * Runs `calls` tools/call through `server.handleText` on one build of @chuk-mcp/core, after a
 * fixed warm-up: the body that scripts/middleware-callgrind.sh runs under callgrind twice (N and
 * 2N calls) so the difference of the two instruction totals, over N, is the cost of one call with
 * start-up and warm-up cancelled out.
 *
 *   node scripts/middleware-calls.mjs <core dist dir | after> <2025|2026> <calls>
 */
import { addToolServer, checkAddReply, loadCore, toolsCallText } from "./core-calls-fixture.mjs";

const [which = "after", era = "2025", callsText = "20000"] = process.argv.slice(2);
const server = addToolServer(await loadCore(which));
const text = toolsCallText(era);
for (let index = 0; index < 20_000; index++) await server.handleText(text);
const calls = Number(callsText);
for (let index = 0; index < calls; index++) await server.handleText(text);
checkAddReply(await server.handleText(text));
