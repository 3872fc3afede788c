/**
 * What every benchmark server shares: the fixture (one `add` tool, one static
 * resource), how it learns its port and response mode, and how it tells the
 * harness it is ready.
 *
 * Protocol with the harness (see src/server-process.mjs):
 * - env `PORT` (default 0 = any free port), `HOST` (default 127.0.0.1),
 *   `BENCH_RESPONSE_MODE` = "json" | "sse" (default "json");
 * - once listening, the server writes exactly one line `READY <port>` to stdout.
 */

export const SERVER_NAME = "bench";
export const SERVER_VERSION = "1.0.0";
export const TOOL_NAME = "add";
export const TOOL_DESCRIPTION = "Add two numbers";
export const RESOURCE_URI = "bench://static";
export const RESOURCE_NAME = "static";
export const RESOURCE_TEXT = "hello from the benchmark";

/** @returns {number} */
export function portFromEnvironment() {
  const value = Number(process.env.PORT ?? 0);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/** @returns {string} */
export function hostFromEnvironment() {
  return process.env.HOST ?? "127.0.0.1";
}

/** @returns {"json" | "sse"} */
export function responseModeFromEnvironment() {
  return process.env.BENCH_RESPONSE_MODE === "sse" ? "sse" : "json";
}

/** @param {number} port */
export function announceReady(port) {
  process.stdout.write(`READY ${port}\n`);
}

/**
 * Reads a whole request body as text.
 * @param {import("node:http").IncomingMessage} request
 * @returns {Promise<string>}
 */
export function readBody(request) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Stops cleanly on SIGTERM/SIGINT so `--cpu-prof` profiles get written. */
export function exitOnSignals() {
  const stop = () => process.exit(0);
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * Registers the benchmark's `add` tool and text resource on an official-SDK `McpServer`
 * (v1 and v2 share these two methods); `inputSchema` is the SDK version's zod shape.
 * @template {{ registerTool: Function, registerResource: Function }} Server
 * @param {Server} server
 * @param {unknown} inputSchema
 * @returns {Server}
 */
export function registerSdkFixtures(server, inputSchema) {
  server.registerTool(TOOL_NAME, { description: TOOL_DESCRIPTION, inputSchema }, async (/** @type {{ a: number, b: number }} */ { a, b }) => ({
    content: [{ type: "text", text: String(a + b) }],
  }));
  server.registerResource(RESOURCE_NAME, RESOURCE_URI, { mimeType: "text/plain" }, async (/** @type {URL} */ uri) => ({
    contents: [{ uri: uri.href, mimeType: "text/plain", text: RESOURCE_TEXT }],
  }));
  return server;
}
