/**
 * Builds core definitions whose handlers forward to an upstream, unchanged where possible:
 * a tool result comes back exactly as the upstream sent it (content, structuredContent,
 * isError, _meta); resource contents get their URIs namespaced.
 */
import { ErrorCode, ProtocolError } from "@chuk-mcp/core";
import type {
  CompleteCallback,
  GetPromptResult,
  Prompt,
  PromptDefinition,
  RequestContext,
  Resource,
  ResourceContents,
  ResourceDefinition,
  ResourceTemplate,
  ResourceTemplateDefinition,
  Tool,
  ToolDefinition,
  ToolResult,
} from "@chuk-mcp/core";
import { describeFailure, ProxyError } from "./errors.js";
import { namespaceUri, parseNamespacedUri } from "./naming.js";
import type { UpstreamServer } from "./upstream-server.js";
import { withTraceMeta } from "./upstream-middleware.js";

/** Margin so the proxy's own per-call timeout (with its clearer message) fires before core's. */
const CORE_TIMEOUT_MARGIN_MS = 5_000;

/** A tool error result in the shape MCP clients expect. */
export function toolErrorResult(message: string): ToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

function isInputRequired(error: unknown): boolean {
  return error instanceof Error && error.name === "InputRequiredSignal";
}

/** Calls an upstream tool; failures become `isError` results, never protocol errors. */
export async function callUpstreamTool(upstream: UpstreamServer, tool: string, args: unknown, ctx: RequestContext | undefined): Promise<ToolResult> {
  try {
    const result = await upstream.run(`tool "${tool}"`, ctx, (client, options) =>
      client.callTool(withTraceMeta({ name: tool, arguments: (args ?? {}) as Record<string, unknown> }), undefined, options),
    );
    return result as unknown as ToolResult;
  } catch (error) {
    if (isInputRequired(error)) throw error;
    return toolErrorResult(describeFailure(error));
  }
}

/** Turns a proxy failure into the JSON-RPC error a resource read or prompt get should give. */
function toProtocolError(error: unknown): unknown {
  if (isInputRequired(error) || error instanceof ProtocolError) return error;
  const upstreamCode = (error as { upstreamCode?: unknown }).upstreamCode;
  const code = typeof upstreamCode === "number" ? upstreamCode : ErrorCode.InternalError;
  const data = (error as { upstreamData?: unknown }).upstreamData ?? (error instanceof ProxyError ? error.data : undefined);
  return new ProtocolError(code, describeFailure(error), data, { cause: error });
}

/** A proxied tool under `name`. */
export function proxiedTool(upstream: UpstreamServer, name: string, tool: Tool): { definition: ToolDefinition; fallback: () => ToolDefinition } {
  const timeoutMs = upstream.options.callTimeoutMs + CORE_TIMEOUT_MARGIN_MS;
  const handler = (args: unknown, ctx: RequestContext): Promise<ToolResult> => callUpstreamTool(upstream, tool.name, args, ctx);
  const base = {
    name,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    ...(tool.description === undefined ? {} : { description: tool.description }),
    ...(tool.icons === undefined ? {} : { icons: tool.icons }),
    ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
    ...(tool._meta === undefined ? {} : { _meta: tool._meta }),
    timeoutMs,
    handler,
  };
  const definition = {
    ...base,
    input: tool.inputSchema as never,
    ...(tool.outputSchema === undefined ? {} : { output: tool.outputSchema as never }),
  } as ToolDefinition;
  // Core shape-checks schemas at registration (and compiles them on first use); a schema it
  // refuses at registration still gets proxied, with validation left to the upstream.
  const fallback = (): ToolDefinition => ({ ...base, input: { type: "object", additionalProperties: true } as never }) as ToolDefinition;
  return { definition, fallback };
}

function completer(upstream: UpstreamServer, ref: { type: "ref/prompt"; name: string } | { type: "ref/resource"; uri: string }, argument: string): CompleteCallback {
  return async (value, context) => {
    try {
      const result = await upstream.run("completion", undefined, (client, options) =>
        client.complete(withTraceMeta({ ref, argument: { name: argument, value }, ...(context?.arguments ? { context: { arguments: context.arguments } } : {}) }), options),
      );
      return result.completion.values;
    } catch {
      return [];
    }
  };
}

/** A proxied prompt under `name`. */
export function proxiedPrompt(upstream: UpstreamServer, name: string, prompt: Prompt): PromptDefinition {
  // No prototype: an upstream argument named "__proto__" is an argument, not the object's prototype.
  const complete = Object.create(null) as Record<string, CompleteCallback>;
  for (const argument of prompt.arguments ?? []) {
    if (typeof argument?.name !== "string") continue;
    complete[argument.name] = completer(upstream, { type: "ref/prompt", name: prompt.name }, argument.name);
  }
  return {
    name,
    ...(prompt.title === undefined ? {} : { title: prompt.title }),
    ...(prompt.description === undefined ? {} : { description: prompt.description }),
    ...(prompt.icons === undefined ? {} : { icons: prompt.icons }),
    ...(prompt._meta === undefined ? {} : { _meta: prompt._meta }),
    ...(prompt.arguments === undefined ? {} : { arguments: prompt.arguments }),
    complete,
    get: async (args, ctx) => {
      try {
        const result = await upstream.run(`prompt "${prompt.name}"`, ctx, (client, options) =>
          client.getPrompt(withTraceMeta({ name: prompt.name, arguments: args }), options),
        );
        return result as unknown as GetPromptResult;
      } catch (error) {
        throw toProtocolError(error);
      }
    },
  };
}

async function readUpstream(upstream: UpstreamServer, uri: string | URL, ctx: RequestContext): Promise<ResourceContents[]> {
  const text = String(uri);
  const parsed = parseNamespacedUri(text);
  if (parsed === undefined || parsed.server !== upstream.name) {
    throw new ProtocolError(ErrorCode.ResourceNotFound, `resource "${text}" does not belong to upstream "${upstream.name}"`);
  }
  try {
    const result = await upstream.run(`read of "${parsed.uri}"`, ctx, (client, options) => client.readResource(withTraceMeta({ uri: parsed.uri }), options));
    return (result.contents as unknown as ResourceContents[]).map((item) => ({ ...item, uri: namespaceUri(upstream.name, item.uri) }));
  } catch (error) {
    throw toProtocolError(error);
  }
}

function descriptive<T extends Resource | ResourceTemplate>(item: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["title", "description", "mimeType", "size", "icons", "annotations", "_meta"] as const) {
    const value = (item as unknown as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** A proxied fixed-URI resource. */
export function proxiedResource(upstream: UpstreamServer, resource: Resource): ResourceDefinition {
  return {
    uri: namespaceUri(upstream.name, resource.uri),
    name: resource.name,
    ...descriptive(resource),
    read: (uri, ctx) => readUpstream(upstream, uri, ctx),
  } as ResourceDefinition;
}

const TEMPLATE_VARIABLE = /\{([A-Za-z0-9_.%]+)\}/g;

/** A proxied resource template, named `name` (template names must be unique in core). */
export function proxiedTemplate(upstream: UpstreamServer, name: string, template: ResourceTemplate): ResourceTemplateDefinition {
  const complete = Object.create(null) as Record<string, CompleteCallback>;
  for (const found of template.uriTemplate.matchAll(TEMPLATE_VARIABLE)) {
    const variable = found[1] as string;
    complete[variable] = completer(upstream, { type: "ref/resource", uri: template.uriTemplate }, variable);
  }
  const rest = descriptive(template);
  delete rest.size;
  return {
    uriTemplate: namespaceUri(upstream.name, template.uriTemplate),
    name,
    ...rest,
    complete,
    read: (uri, _variables, ctx) => readUpstream(upstream, uri, ctx),
  } as ResourceTemplateDefinition;
}

/** Raised when the proxy itself cannot serve a call (used by `callProxiedTool`). */
export function unknownTool(name: string, known: string[]): ProxyError {
  const hint = known.slice(0, 10).join(", ");
  return new ProxyError("unknown_tool", `no proxied tool is named "${name}"; known tools include: ${hint || "(none yet)"}`);
}
