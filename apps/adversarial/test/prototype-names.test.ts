/**
 * Defect 6 of issue 16, end to end over HTTP: every `Object.prototype` member name as a
 * method, tool, prompt and completion argument gets a JSON answer with the right code, in
 * both eras, never HTTP 500 or a body that is not JSON.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createMcpHandler } from "@chuk-mcp/http";
import { buildServer, readBody, STATELESS_META } from "./server.js";

const handler = createMcpHandler(buildServer());
afterAll(() => handler.close());
const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), "__proto__"])];

async function post(message: Record<string, unknown>, headers: Record<string, string>): Promise<{ status: number; reply: { result?: any; error?: { code: number } } }> {
  const response = await handler.fetch(
    new Request("http://127.0.0.1/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify(message),
    }),
  );
  const text = await readBody(response);
  return { status: response.status, reply: JSON.parse(text) };
}

async function eras(): Promise<{ era: string; headers: Record<string, string>; params: (params: Record<string, unknown>) => Record<string, unknown> }[]> {
  const response = await handler.fetch(
    new Request("http://127.0.0.1/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } }),
    }),
  );
  const session = response.headers.get("mcp-session-id") as string;
  await readBody(response);
  return [
    { era: "2025-11-25", headers: { "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" }, params: (params) => params },
    { era: "2026-07-28", headers: { "mcp-protocol-version": "2026-07-28" }, params: (params) => ({ ...params, _meta: STATELESS_META }) },
  ];
}

describe("defect 6 over HTTP: prototype-named client input", () => {
  it("answers prototype-named methods with -32601 (HTTP 404 in 2026, never 500)", async () => {
    for (const { era, headers, params } of await eras()) {
      for (const method of NAMES) {
        const { status, reply } = await post({ jsonrpc: "2.0", id: 1, method, params: params({}) }, { ...headers, "mcp-method": method });
        expect(status, `${era} ${method}`).toBeLessThan(500);
        expect(reply.error?.code, `${era} ${method}`).toBe(-32601);
      }
    }
  });

  it("answers prototype-named tools, prompts and completion arguments with client errors or empty completions", async () => {
    for (const { era, headers, params } of await eras()) {
      for (const name of NAMES) {
        const tool = await post({ jsonrpc: "2.0", id: 2, method: "tools/call", params: params({ name, arguments: {} }) }, { ...headers, "mcp-method": "tools/call", "mcp-name": name });
        expect(tool.status, `${era} tool ${name}`).toBeLessThan(500);
        expect(tool.reply.error?.code === -32602 || tool.reply.result?.isError === true, `${era} tool ${name}`).toBe(true);
        const prompt = await post({ jsonrpc: "2.0", id: 3, method: "prompts/get", params: params({ name }) }, { ...headers, "mcp-method": "prompts/get", "mcp-name": name });
        expect(prompt.reply.error?.code, `${era} prompt ${name}`).toBe(-32602);
        const completion = await post(
          { jsonrpc: "2.0", id: 4, method: "completion/complete", params: params({ ref: { type: "ref/prompt", name: "greet" }, argument: { name, value: "" } }) },
          { ...headers, "mcp-method": "completion/complete" },
        );
        expect(completion.status, `${era} completion ${name}`).toBe(200);
        expect(completion.reply.result?.completion?.values, `${era} completion ${name}`).toEqual([]);
      }
    }
  });
});
