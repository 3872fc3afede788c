#!/usr/bin/env node
/**
 * Runs `calls` tools/call POSTs through `serve()` on one build of @chuk-mcp/http, in process,
 * with one keep-alive client socket on 127.0.0.1, after a fixed warm-up: the body that
 * scripts/post-callgrind.sh runs under callgrind twice (N and 2N calls), so the difference of the
 * two instruction totals, over N, is the cost of one request (socket, HTTP parsing, transport,
 * engine and the client's own share, which is the same for every build) with start-up cancelled out.
 *
 *   node scripts/post-calls.mjs <http dist dir | after> <2025|2026> <calls>
 */
import { Agent, request } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildChukServer } from "../servers/chuk-fixture.mjs";
import { buildLoadRequest, ERA_2025, VERSION_2025 } from "../src/mcp-requests.mjs";

const [which = "after", era = "2025", callsText = "20000"] = process.argv.slice(2);
const node = which === "after" ? await import("@chuk-mcp/http/node") : await import(pathToFileURL(resolve(which, "node.js")).href);
const running = await node.serve(buildChukServer(), { port: 0, host: "127.0.0.1" });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const target = new URL(running.url);

/** @param {Record<string, string>} headers @param {string} body @returns {Promise<{ status: number, sessionId: string | undefined, text: string }>} */
function post(headers, body) {
  return new Promise((done, fail) => {
    const outgoing = request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => done({ status: response.statusCode ?? 0, sessionId: /** @type {string | undefined} */ (response.headers["mcp-session-id"]), text }));
      },
    );
    outgoing.on("error", fail);
    outgoing.end(body);
  });
}

/** @type {{ sessionId?: string } | undefined} */
let session;
if (era === ERA_2025) {
  const initialize = { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: VERSION_2025, capabilities: {}, clientInfo: { name: "post-calls", version: "1" } } };
  const opened = await post({ "content-type": "application/json", accept: "application/json, text/event-stream" }, JSON.stringify(initialize));
  if (opened.sessionId === undefined) throw new Error(`initialize gave no session: HTTP ${opened.status} ${opened.text}`);
  session = { sessionId: opened.sessionId };
}
const call = buildLoadRequest({ era, method: "tools/call", session, id: 1 });
const headers = call.headers;
for (let index = 0; index < 2_000; index++) await post(headers, call.body);
const calls = Number(callsText);
for (let index = 0; index < calls; index++) await post(headers, call.body);
const last = await post(headers, call.body);
if (last.status !== 200 || !last.text.includes('"text":"3"')) throw new Error(`unexpected answer: HTTP ${last.status} ${last.text}`);
agent.destroy();
await running.close();
