#!/usr/bin/env node
/**
 * Runs `calls` tools/call through one of the engine's text entries on one build of
 * @chuk-mcp/core, after a warm-up (WARMUP, default 10000): the body scripts/message-callgrind.sh
 * runs under callgrind. `os.loadavg()` right before and right after the measured calls is the
 * marker callgrind dumps its counts at (`--dump-before=*GetLoadAvg*`), so the second dump holds
 * exactly the measured calls: its total over `calls` is the cost of one message, without
 * start-up and warm-up.
 *
 *   node scripts/message-calls.mjs <core dist dir | after> <2025|2026> <entry> <calls>
 *
 * Entries: `handleText` (the promise entry), `dispatchText` (what stdio calls), `http` (what the
 * HTTP transport calls: parse, `routeMessage` with the request's headers, then `dispatchAnswer`
 * with the route; on a build from before routeMessage, parse then `dispatchText` with `parsed`).
 */
import { loadavg } from "node:os";
import { addToolServer, checkAddReply, loadCore, toolsCallText } from "./core-calls-fixture.mjs";

const [which = "after", era = "2025", entry = "handleText", callsText = "20000"] = process.argv.slice(2);
const core = await loadCore(which);
const server = addToolServer(core);
const text = toolsCallText(era);
const headers =
  era === "2026"
    ? { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "add" }
    : { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };

/** One message through the chosen entry; resolves to the reply text. */
const send = {
  handleText: () => server.handleText(text),
  dispatchText: () => server.dispatchText(text),
  http: () => {
    const parsed = server.parseMessage(text);
    if (core.routeMessage === undefined || server.dispatchAnswer === undefined) return server.dispatchText(text, { headers, parsed });
    const route = core.routeMessage(parsed, { headers });
    if (!route.ok) throw new Error(`routing refused the benchmark message: ${route.message}`);
    // The answer itself (awaited below), as the transport awaits it: no extra step on it here.
    return server.dispatchAnswer(text, { headers, route });
  },
}[entry];
if (send === undefined) throw new Error(`unknown entry "${entry}": use handleText, dispatchText or http`);

const warmup = Number(process.env.WARMUP ?? 10_000);
for (let index = 0; index < warmup; index++) await send();
const calls = Number(callsText);
loadavg();
for (let index = 0; index < calls; index++) await send();
loadavg();
const settled = await send();
checkAddReply(typeof settled === "string" ? settled : settled?.text);
