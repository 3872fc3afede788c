/**
 * The JSON-RPC requests the HTTP load runs send, per protocol era.
 *
 * - 2025 era: `initialize` once, `notifications/initialized`, then every request
 *   carries `MCP-Protocol-Version` and, if the server issued one, `Mcp-Session-Id`.
 * - 2026-07-28 era: no handshake; every request carries
 *   `params._meta["io.modelcontextprotocol/protocolVersion"]` (+ client capabilities
 *   and info) and the `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` headers.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#standard-mcp-request-headers
 */

export const ERA_2025 = "2025";
export const ERA_2026 = "2026";
export const VERSION_2025 = "2025-11-25";
export const VERSION_2026 = "2026-07-28";

export const TOOL_ARGUMENTS = { a: 1, b: 2 };
export const RESOURCE_URI = "bench://static";
export const RESOURCE_TEXT = "hello from the benchmark";

/** Placeholder autocannon swaps for a unique id per request (`idReplacement`). */
export const ID_PLACEHOLDER = "[<id>]";

const CLIENT_INFO = { name: "chuk-mcp-bench", version: "1.0.0" };

/**
 * The "cheap liveness" method of each era.
 * @param {string} era
 */
export function pingMethodFor(era) {
  return era === ERA_2026 ? "server/discover" : "ping";
}

/**
 * Methods a load run can exercise; "ping" is era-aware (ping / server/discover).
 */
export const LOAD_METHODS = ["tools/call", "tools/list", "resources/read", "ping"];

/**
 * @param {string} method one of LOAD_METHODS
 * @param {string} era
 * @returns {{ method: string, params: Record<string, unknown>, name?: string }}
 */
function methodCall(method, era) {
  switch (method) {
    case "tools/call":
      return { method, params: { name: "add", arguments: TOOL_ARGUMENTS }, name: "add" };
    case "tools/list":
      return { method, params: {} };
    case "resources/read":
      return { method, params: { uri: RESOURCE_URI }, name: RESOURCE_URI };
    case "ping":
      return { method: pingMethodFor(era), params: {} };
    default:
      throw new Error(`Unknown load method "${method}": use one of ${LOAD_METHODS.join(", ")}`);
  }
}

/**
 * Builds the headers and body of one load request.
 * @param {{ era: string, method: string, session?: { sessionId?: string, protocolVersion?: string }, id?: string | number }} options
 * @returns {{ rpcMethod: string, headers: Record<string, string>, body: string }}
 */
export function buildLoadRequest({ era, method, session, id = ID_PLACEHOLDER }) {
  const call = methodCall(method, era);
  /** @type {Record<string, string>} */
  const headers = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
  };
  /** @type {Record<string, unknown>} */
  let params = call.params;
  if (era === ERA_2026) {
    headers["mcp-protocol-version"] = VERSION_2026;
    headers["mcp-method"] = call.method;
    if (call.name !== undefined) headers["mcp-name"] = call.name;
    params = {
      ...params,
      _meta: {
        "io.modelcontextprotocol/protocolVersion": VERSION_2026,
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": CLIENT_INFO,
      },
    };
  } else {
    headers["mcp-protocol-version"] = session?.protocolVersion ?? VERSION_2025;
    if (session?.sessionId) headers["mcp-session-id"] = session.sessionId;
  }
  const body = JSON.stringify({ jsonrpc: "2.0", id, method: call.method, params });
  return { rpcMethod: call.method, headers, body };
}

/**
 * Extracts the JSON-RPC response from a JSON or SSE HTTP body.
 * @param {string} contentType
 * @param {string} text
 * @returns {any} the response message, or undefined if none was found
 */
export function parseRpcBody(contentType, text) {
  if (contentType.includes("text/event-stream")) {
    for (const line of text.split(/\r?\n/)) {
      if (!line.startsWith("data:")) continue;
      try {
        const message = JSON.parse(line.slice(5).trim());
        if (message && typeof message === "object" && ("result" in message || "error" in message)) return message;
      } catch {
        // not JSON: keep looking
      }
    }
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Checks a response message is the right answer to a load request; returns a
 * reason when it is not. Fixed-reply servers only need a JSON-RPC result.
 * @param {string} method one of LOAD_METHODS
 * @param {any} message
 * @param {{ fixedReply?: boolean }} [options]
 * @returns {string | undefined}
 */
export function checkRpcResult(method, message, options = {}) {
  if (!message || typeof message !== "object") return "no JSON-RPC response in the body";
  if (message.error) return `JSON-RPC error ${message.error.code}: ${message.error.message}`;
  const result = message.result;
  if (!result || typeof result !== "object") return "response has no result object";
  if (options.fixedReply) return undefined;
  switch (method) {
    case "tools/call": {
      const text = result.content?.[0]?.text;
      const structured = result.structuredContent;
      if (text === "3" || (structured && Object.values(structured).includes(3))) {
        return result.isError ? `tool reported an error: ${text}` : undefined;
      }
      return `tools/call add(1, 2) did not return 3 (got ${JSON.stringify(result).slice(0, 200)})`;
    }
    case "tools/list":
      return Array.isArray(result.tools) && result.tools.some((/** @type {{ name?: unknown }} */ tool) => tool.name === "add")
        ? undefined
        : "tools/list does not list the add tool";
    case "resources/read":
      return result.contents?.[0]?.text === RESOURCE_TEXT ? undefined : "resources/read returned the wrong contents";
    case "ping":
      return undefined;
    default:
      return `cannot check method ${method}`;
  }
}

/**
 * Sends one request with fetch and returns status, content type, parsed message.
 * @param {string} url
 * @param {{ headers: Record<string, string>, body: string }} request
 * @param {number} [timeoutMs]
 */
export async function sendOnce(url, request, timeoutMs = 10_000) {
  const response = await fetch(url, {
    method: "POST",
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const contentType = response.headers.get("content-type") ?? "";
  const text = await response.text();
  return { status: response.status, headers: response.headers, contentType, text, message: parseRpcBody(contentType, text) };
}

/**
 * Runs the 2025 handshake (initialize + notifications/initialized) and returns
 * what later requests must carry.
 * @param {string} url
 * @returns {Promise<{ sessionId?: string, protocolVersion: string }>}
 */
export async function initializeSession(url) {
  const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  const initialize = {
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: { protocolVersion: VERSION_2025, capabilities: {}, clientInfo: CLIENT_INFO },
  };
  const reply = await sendOnce(url, { headers, body: JSON.stringify(initialize) });
  if (reply.status !== 200 || !reply.message?.result) {
    throw new Error(
      `initialize failed with HTTP ${reply.status}: ${reply.text.slice(0, 300)} (the server must answer a 2025-11-25 initialize)`,
    );
  }
  const sessionId = reply.headers.get("mcp-session-id") ?? undefined;
  const protocolVersion = reply.message.result.protocolVersion ?? VERSION_2025;
  /** @type {Record<string, string>} */
  const followHeaders = { ...headers, "mcp-protocol-version": protocolVersion };
  if (sessionId) followHeaders["mcp-session-id"] = sessionId;
  const initialized = await sendOnce(url, {
    headers: followHeaders,
    body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
  });
  if (initialized.status >= 300) {
    throw new Error(`notifications/initialized failed with HTTP ${initialized.status}: ${initialized.text.slice(0, 300)}`);
  }
  return sessionId === undefined ? { protocolVersion } : { sessionId, protocolVersion };
}
