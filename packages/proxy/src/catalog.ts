/**
 * Reads everything an upstream offers (all pages) through the official SDK client.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Prompt, Resource, ResourceTemplate, Tool } from "@chuk-mcp/core";
import type { UpstreamLimits } from "./catalog-guard.js";

/** What one upstream offers. */
export interface Catalog {
  tools: Tool[];
  resources: Resource[];
  templates: ResourceTemplate[];
  prompts: Prompt[];
}

const MAX_PAGES = 100;

/** Reads pages until the last one, `MAX_PAGES`, or more than `limit` items (the guard then reports the excess). */
async function allPages<T>(limit: number, fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    if (!Array.isArray(result.items)) break;
    for (const item of result.items) items.push(item);
    if (!result.nextCursor || typeof result.nextCursor !== "string" || items.length > limit) break;
    cursor = result.nextCursor;
  }
  return items;
}

/** Lists tools, resources, resource templates and prompts, honouring the server's capabilities. */
export async function fetchCatalog(client: Client, timeoutMs: number, limits: Required<UpstreamLimits>): Promise<Catalog> {
  const capabilities = client.getServerCapabilities() ?? {};
  const options = { timeout: timeoutMs };
  const params = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });
  const [tools, resources, templates, prompts] = await Promise.all([
    capabilities.tools
      ? allPages(limits.maxTools, async (cursor) => {
          const result = await client.listTools(params(cursor), options);
          return { items: result.tools as unknown as Tool[], nextCursor: result.nextCursor };
        })
      : [],
    capabilities.resources
      ? allPages(limits.maxResources, async (cursor) => {
          const result = await client.listResources(params(cursor), options);
          return { items: result.resources as unknown as Resource[], nextCursor: result.nextCursor };
        })
      : [],
    capabilities.resources
      ? allPages(limits.maxResourceTemplates, async (cursor) => {
          const result = await client.listResourceTemplates(params(cursor), options);
          return { items: result.resourceTemplates as unknown as ResourceTemplate[], nextCursor: result.nextCursor };
        }).catch(() => [] as ResourceTemplate[])
      : [],
    capabilities.prompts
      ? allPages(limits.maxPrompts, async (cursor) => {
          const result = await client.listPrompts(params(cursor), options);
          return { items: result.prompts as unknown as Prompt[], nextCursor: result.nextCursor };
        })
      : [],
  ]);
  return { tools, resources, templates, prompts };
}
