/**
 * What the in-process callgrind drivers (message-calls.mjs, middleware-calls.mjs,
 * policies-calls.mjs) share: one build of @chuk-mcp/core, a server with the benchmark's `add`
 * tool, the era's tools/call text, and the check of the last reply.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** 2026-07-28 per-request `_meta` (no client info: the engine does not need it). */
const META_2026 = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };

/**
 * The workspace's @chuk-mcp/core (`after`) or another build's dist directory.
 * @param {string} which
 * @returns {Promise<typeof import("@chuk-mcp/core")>}
 */
export async function loadCore(which) {
  return which === "after" ? await import("@chuk-mcp/core") : await import(pathToFileURL(resolve(which, "index.js")).href);
}

/**
 * A server with the benchmark's `add` tool (async handler, TypeBox input).
 * @param {typeof import("@chuk-mcp/core")} core
 * @param {{ annotations?: import("@chuk-mcp/core").ToolAnnotations }} [options]
 */
export function addToolServer(core, options = {}) {
  const server = new core.McpServer({ name: "bench", version: "1.0.0" });
  server.tool({
    name: "add",
    ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
    input: core.Type.Object({ a: core.Type.Number(), b: core.Type.Number() }),
    handler: async (/** @type {{ a: number, b: number }} */ { a, b }) => String(a + b),
  });
  return server;
}

/**
 * The tools/call message for `add(1, 2)` in `era` ("2025" or "2026"), as text.
 * @param {string} era
 */
export function toolsCallText(era) {
  return JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 }, ...(era === "2026" ? { _meta: META_2026 } : {}) } });
}

/**
 * Throws unless `reply` is add(1, 2)'s answer, so a broken build cannot pass for a fast one.
 * @param {string | undefined} reply
 */
export function checkAddReply(reply) {
  if (!reply?.includes('"text":"3"')) throw new Error(`unexpected reply ${reply}`);
}
