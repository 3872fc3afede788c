/** A minimal Streamable HTTP client for tests: POSTs one JSON-RPC message, reads JSON or SSE. */
export interface PostResult {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, any> | undefined;
}

export const rpc = (id: number | string, method: string, params?: unknown): string => JSON.stringify({ jsonrpc: "2.0", id, method, params });

export const INITIALIZE_PARAMS = { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "chuk-mcp-test", version: "1" } };

export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<PostResult> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("text/event-stream")
    ? text
        .split("\n")
        .filter((line) => line.startsWith("data:") && line.length > 5)
        .map((line) => JSON.parse(line.slice(5)) as Record<string, unknown>)
        .find((message) => "result" in message || "error" in message)
    : text === ""
      ? undefined
      : (JSON.parse(text) as Record<string, unknown>);
  return { status: response.status, headers: response.headers, json };
}

/** Opens a 2025-11-25 session and returns the headers later requests need. */
export async function openSession(url: string, headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const init = await post(url, rpc("init", "initialize", INITIALIZE_PARAMS), headers);
  if (init.status !== 200) throw new Error(`initialize answered ${init.status}: ${JSON.stringify(init.json)}`);
  const id = init.headers.get("mcp-session-id");
  if (id === null) throw new Error("initialize returned no Mcp-Session-Id");
  const session = { ...headers, "mcp-protocol-version": "2025-11-25", "mcp-session-id": id };
  const initialized = await post(url, JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }), session);
  if (initialized.status !== 202) throw new Error(`notifications/initialized answered ${initialized.status}`);
  return session;
}
