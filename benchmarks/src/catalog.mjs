/**
 * The servers under test. `eras` lists the protocol eras a server can answer
 * ("any" = fixed-reply ceiling that ignores the protocol); `modes` the HTTP
 * response modes it can be started in.
 */

/**
 * @typedef {object} HttpServerEntry
 * @property {string} id
 * @property {string} label
 * @property {string} file             in servers/
 * @property {string[]} eras           "2025" | "2026" | "any"
 * @property {("json" | "sse")[]} modes
 * @property {boolean} [fixedReply]    answers every request with the same result
 * @property {boolean} [needsPort]     cannot bind port 0 itself
 * @property {boolean} [ours]
 * @property {string} [bundleEntry]    file bundled for the bundle-size table (default: file)
 */

/** @type {HttpServerEntry[]} */
export const HTTP_SERVERS = [
  { id: "node-http", label: "bare node:http (fixed JSON)", file: "node-http.mjs", eras: ["any"], modes: ["json"], fixedReply: true },
  { id: "hono", label: "hono + @hono/node-server (fixed JSON)", file: "hono.mjs", eras: ["any"], modes: ["json"], fixedReply: true },
  { id: "sdk-v1", label: "SDK v1 McpServer, stateless", file: "sdk-v1.mjs", eras: ["2025"], modes: ["json", "sse"] },
  { id: "sdk-v2", label: "SDK v2 createMcpHandler", file: "sdk-v2.mjs", eras: ["2025", "2026"], modes: ["json", "sse"] },
  { id: "fastmcp", label: "fastmcp httpStream, stateless", file: "fastmcp.mjs", eras: ["2025"], modes: ["json", "sse"], needsPort: true },
  { id: "ours", label: "chuk-mcp (ours)", file: "chuk.mjs", eras: ["2025", "2026"], modes: ["json", "sse"], ours: true },
];

/**
 * @typedef {object} ColdOnlyEntry
 * @property {string} id
 * @property {string} label
 * @property {string} file             absolute path
 * @property {boolean} [ours]
 */

const APPS_HTTP_DIST = new URL("../../apps/http/dist/", import.meta.url);

/**
 * Extra cold-start rows: the HTTP example app (issue 3 target), shipped as an esbuild bundle,
 * and its plain tsc output (the unbundled umbrella) for comparison. Selected with `--only ours`.
 * @type {ColdOnlyEntry[]}
 */
export const COLD_EXTRAS = [
  { id: "ours-example", label: "chuk-mcp example apps/http (esbuild bundle, dist/index.js)", file: new URL("index.js", APPS_HTTP_DIST).pathname, ours: true },
  {
    id: "ours-example-unbundled",
    label: "chuk-mcp example apps/http (tsc output, unbundled umbrella)",
    file: new URL("unbundled/index.js", APPS_HTTP_DIST).pathname,
    ours: true,
  },
];

/**
 * @typedef {object} StdioServerEntry
 * @property {string} id
 * @property {string} label
 * @property {string} file
 * @property {boolean} [ours]
 */

/** @type {StdioServerEntry[]} */
export const STDIO_SERVERS = [
  { id: "stdio-line", label: "hand-rolled line responder (fixed)", file: "stdio-line.mjs" },
  { id: "sdk-v1", label: "SDK v1 StdioServerTransport", file: "stdio-sdk-v1.mjs" },
  { id: "sdk-v2", label: "SDK v2 StdioServerTransport", file: "stdio-sdk-v2.mjs" },
  { id: "ours", label: "chuk-mcp serveStdio (ours)", file: "stdio-chuk.mjs", ours: true },
  { id: "ours-no-ambient", label: "chuk-mcp serveStdio, ambientContext: false", file: "stdio-chuk-no-ambient.mjs", ours: true },
];

/**
 * Applies `--only` / `--skip` (lists of server ids) to a catalog.
 * @template {{ id: string }} Entry
 * @param {Entry[]} entries
 * @param {{ only?: string[], skip?: string[] }} filter
 * @returns {Entry[]}
 */
export function selectServers(entries, filter) {
  return entries.filter(
    (entry) => (!filter.only || filter.only.includes(entry.id)) && !(filter.skip ?? []).includes(entry.id),
  );
}
