/**
 * The OpenAI bridge: MCP tools as OpenAI function-calling definitions, with names that
 * satisfy OpenAI's `^[a-zA-Z0-9_-]{1,64}$` (dots and other characters become `_`; long
 * names are shortened with a hash so they stay distinct).
 * @see https://platform.openai.com/docs/guides/function-calling
 */
import type { McpServer, Tool } from "@chuk-mcp/core";
import { openaiHashedName, openaiSafeName } from "@chuk-mcp/proxy/naming";
import { loadConfig, type LoadConfigOptions } from "./config/load-config.js";
import { startRuntime } from "./runtime.js";

/** One OpenAI function tool. */
export interface OpenAIFunctionTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** An OpenAI-safe name for an MCP tool name (`@chuk-mcp/proxy`'s, so proxied and local tools agree). */
export { openaiSafeName };

/** Converts MCP tool definitions; two tools that would share a name get distinct ones. */
export function toOpenAITools(tools: readonly Pick<Tool, "name" | "description" | "inputSchema">[]): OpenAIFunctionTool[] {
  const used = new Set<string>();
  return tools.map((tool) => {
    let name = openaiSafeName(tool.name);
    if (used.has(name)) name = openaiHashedName(tool.name);
    used.add(name);
    const parameters = { type: "object", properties: {}, ...(tool.inputSchema as Record<string, unknown>) };
    return { type: "function", function: { name, ...(tool.description === undefined ? {} : { description: tool.description }), parameters } };
  });
}

/** Every tool a server lists (all pages). */
export async function listAllTools(server: McpServer): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1_000; page++) {
    const reply = (await server.handle({ jsonrpc: "2.0", id: `openai-${page}`, method: "tools/list", params: cursor === undefined ? {} : { cursor } })) as
      | { result?: { tools: Tool[]; nextCursor?: string } }
      | undefined;
    tools.push(...(reply?.result?.tools ?? []));
    cursor = reply?.result?.nextCursor;
    if (cursor === undefined) break;
  }
  return tools;
}

/** Builds the runtime from a config (modules, upstreams), lists its tools as OpenAI functions, and stops it. */
export async function openaiToolsFromConfig(options: LoadConfigOptions): Promise<OpenAIFunctionTool[]> {
  const config = await loadConfig(options);
  const runtime = await startRuntime(config, { serve: false });
  try {
    return toOpenAITools(await listAllTools(runtime.server));
  } finally {
    await runtime.close();
  }
}
