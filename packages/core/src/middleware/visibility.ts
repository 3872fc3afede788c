/**
 * Per-request visibility: which tools, resources, resource templates and prompts a caller sees
 * in lists and may call, decided per request by a function (or by scope / user with the helpers
 * below). Hidden items behave exactly like items that do not exist: they are left out of list
 * pages, and calling / reading / getting one gets the engine's own "unknown" error.
 *
 * Lists are filtered after the engine served its page, into a new object: the engine's cached
 * pages (one per registry version) are never changed, so a filtered listing cannot leak into
 * another caller's. Pages keep the engine's cursors; a filtered page may hold fewer items than
 * the page size (clients follow `nextCursor` regardless). `list_changed` still follows registry
 * changes; when a filter's own answer changes for connected callers (e.g. a role was revoked),
 * their next list shows it, and calls are refused at once.
 */
import { ErrorCode, McpError, ProtocolError } from "../errors.js";
import { hasScopes } from "../tool-auth.js";
import type { Prompt, Resource, ResourceTemplate, Tool } from "../types.js";
import { ProtocolEras } from "../versions.js";
import type { Middleware, MiddlewareContext } from "./types.js";

/** Decides whether the caller of this request may see one item. */
export type VisibilityPredicate<Item> = (item: Readonly<Item>, context: MiddlewareContext) => boolean;

/** What `visibility()` filters; a kind left out is not filtered. */
export interface VisibilityOptions {
  tools?: VisibilityPredicate<Tool>;
  /** Listed resources, and `resources/read` of any URI (the item is the listing of a fixed resource, else `{ uri }`). */
  resources?: VisibilityPredicate<Pick<Resource, "uri"> & Partial<Resource>>;
  resourceTemplates?: VisibilityPredicate<ResourceTemplate>;
  prompts?: VisibilityPredicate<Prompt>;
}

function check<Item>(predicate: VisibilityPredicate<Item>, item: Item, context: MiddlewareContext): boolean {
  return predicate(item, context) === true;
}

function filtered<Result extends Record<string, unknown>, Item>(
  result: Result,
  field: string,
  predicate: VisibilityPredicate<Item>,
  context: MiddlewareContext,
): Result {
  const items = result[field];
  if (!Array.isArray(items)) return result;
  const kept = (items as Item[]).filter((item) => check(predicate, item, context));
  return kept.length === items.length ? result : { ...result, [field]: kept };
}

/**
 * A middleware that hides items per caller. Install it with `server.use(visibility({...}))`,
 * before any caching middleware so cached results are filtered per caller.
 * @example server.use(visibility({ tools: visibleWithScopes({ delete_file: ["files:write"] }) }))
 */
export function visibility(options: VisibilityOptions): Middleware {
  for (const [kind, predicate] of Object.entries(options ?? {})) {
    if (predicate !== undefined && typeof predicate !== "function") {
      throw new McpError("invalid_definition", `visibility(): "${kind}" must be a function (item, context) => boolean`);
    }
  }
  const { tools, resources, resourceTemplates, prompts } = options;
  const middleware: Middleware = { name: "visibility" };
  if (tools !== undefined) {
    middleware.onListTools = async (context, next) => {
      const result = await next();
      return result === undefined ? undefined : filtered(result, "tools", tools, context);
    };
    middleware.onCallTool = (context, next) => {
      const tool = context.tool;
      if (tool !== undefined && !check(tools, tool, context)) {
        throw new ProtocolError(ErrorCode.InvalidParams, `Unknown tool: "${context.name}"; call tools/list to see the available tools`, { name: context.name });
      }
      return next();
    };
  }
  if (resources !== undefined) {
    middleware.onListResources = async (context, next) => {
      const result = await next();
      return result === undefined ? undefined : filtered(result, "resources", resources, context);
    };
    middleware.onReadResource = (context, next) => {
      const item = context.resource ?? { uri: context.uri };
      if (context.uri !== "" && !check(resources, item, context)) {
        const code = context.era === ProtocolEras.Stateless ? ErrorCode.InvalidParams : ErrorCode.ResourceNotFound;
        throw new ProtocolError(code, `Resource not found: ${context.uri}; call resources/list or resources/templates/list to see what exists`, {
          uri: context.uri,
        });
      }
      return next();
    };
  }
  if (resourceTemplates !== undefined) {
    middleware.onListResourceTemplates = async (context, next) => {
      const result = await next();
      return result === undefined ? undefined : filtered(result, "resourceTemplates", resourceTemplates, context);
    };
  }
  if (prompts !== undefined) {
    middleware.onListPrompts = async (context, next) => {
      const result = await next();
      return result === undefined ? undefined : filtered(result, "prompts", prompts, context);
    };
    middleware.onGetPrompt = (context, next) => {
      const prompt = context.prompt;
      if (prompt !== undefined && !check(prompts, prompt, context)) {
        throw new ProtocolError(ErrorCode.InvalidParams, `Unknown prompt: "${context.name}"; call prompts/list to see the available prompts`, {
          name: context.name,
        });
      }
      return next();
    };
  }
  return middleware;
}

/** The rule for an item: by its name, else (resources) by its URI. */
function ruleFor<Rule>(table: Map<string, Rule>, item: { name?: string; uri?: string }): Rule | undefined {
  const byName = item.name === undefined ? undefined : table.get(item.name);
  return byName !== undefined || item.uri === undefined ? byName : table.get(item.uri);
}

/**
 * A predicate: an item named in `required` (by name, or URI for resources) is visible only to
 * callers whose token holds every listed scope; items not named are visible to everyone.
 */
export function visibleWithScopes(required: Record<string, readonly string[]>): VisibilityPredicate<{ name?: string; uri?: string }> {
  const table = new Map(Object.entries(required));
  return (item, context) => {
    const scopes = ruleFor(table, item);
    return scopes === undefined || hasScopes(context.auth, scopes);
  };
}

/**
 * A predicate: an item named in `allowed` is visible only to the listed users (`auth.subject`);
 * items not named are visible to everyone.
 */
export function visibleToUsers(allowed: Record<string, readonly string[]>): VisibilityPredicate<{ name?: string; uri?: string }> {
  const table = new Map(Object.entries(allowed).map(([name, users]) => [name, new Set(users)]));
  return (item, context) => {
    const users = ruleFor(table, item);
    return users === undefined || (context.userId !== undefined && users.has(context.userId));
  };
}
